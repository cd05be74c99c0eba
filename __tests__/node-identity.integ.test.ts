/**
 * Identity edits of a running cluster under real Terraform (identity-harness.ts: the rollout stack plus NodeVms'
 * claims, identity pins and VM lifecycle, against the Talos, kubectl and Proxmox simulators). Each edit ends in its
 * defined outcome (docs/node-lifecycle.md): refused at plan time with nothing touched, or carried out in an order
 * that never has two VMs with one VM ID or address.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ClusterDefinition } from '../lib/cluster-definition';
import { forTeardown } from '../lib/teardown';
import { FakeCall, FakeTalos, SCHEMATIC_A, clusterState, nodeList } from './support/fake-talos';
import { IdentityHarness } from './support/identity-harness';
import { DeployTargets } from './support/rollout-harness';

jest.setTimeout(300000);

const TARGETS: DeployTargets = { talos: 'v1.13.9', schematic: SCHEMATIC_A, kubernetes: '1.34.5', chart: '1.0.0' };

/** 3 automatically placed control planes from 10.5.0.11 on two hosts, one listed worker at 10.5.0.21 on pve1. */
function definition(edit: Partial<ClusterDefinition> = {}): ClusterDefinition {
  return {
    name: 'test',
    endpoint: { vip: '10.5.0.10' },
    network: { cidr: '10.5.0.0/24', gateway: '10.5.0.1' },
    proxmoxHosts: [{ name: 'pve1' }, { name: 'pve2' }],
    controlPlanes: { count: 3, firstIp: '10.5.0.11' },
    workers: { nodes: [{ name: 'test-worker-1', ip: '10.5.0.21', host: 'pve1' }] },
    talos: { version: TARGETS.talos },
    kubernetesVersion: TARGETS.kubernetes,
    ...edit,
  };
}

/** What touched Proxmox and the Talos provider stand-in, in order. */
function machineCalls(calls: readonly FakeCall[]): string[] {
  return calls.flatMap((c) => {
    if ((c.tool as string) === 'proxmox') return [`proxmox ${c.argv[0]} ${c.argv[1]}${c.argv[2] ? ` ${c.argv[2]}` : ''} → ${c.exit}`];
    if (c.tool === 'talos-provider') return [`${c.argv[0]} ${c.argv[1]} → ${c.exit}`];
    return [];
  });
}

/** The `Instance cannot be destroyed` errors of a plan: the addresses Terraform refused to destroy. */
function refusedDestroys(output: string): string[] {
  return [...output.matchAll(/Resource (\S+) has lifecycle\.prevent_destroy\s+set/g)].map((m) => m[1].replace(/_[0-9A-F]{8}$/, '')).sort();
}

/** Asserts a refused plan: Terraform names some of `allowed` (it may stop reporting after the first errors) and nothing else. */
function expectRefused(output: string, allowed: readonly string[]): void {
  const refused = refusedDestroys(output);
  expect(output).toContain('Error: Instance cannot be destroyed');
  expect(refused.length).toBeGreaterThan(0);
  expect(allowed).toEqual(expect.arrayContaining(refused));
}

describe('identity edits of a running cluster under Terraform', () => {
  let baseline: IdentityHarness;
  const harnesses: IdentityHarness[] = [];

  function fromBaseline(): IdentityHarness {
    const h = new IdentityHarness(baseline);
    harnesses.push(h);
    return h;
  }

  beforeAll(() => {
    baseline = new IdentityHarness(clusterState(nodeList(3, 1), { maintenance: true }));
    harnesses.push(baseline);
    const first = baseline.deploy(definition(), TARGETS);
    if (first.code !== 0) throw new Error(`first deploy failed:\n${first.output}`);
    baseline.fake.clearCalls();
  });

  afterAll(() => harnesses.forEach((h) => h.remove()));

  test('defines the first deploy as one VM per node with its VM ID, then each node configured', () => {
    // GIVEN / WHEN the baseline's first deploy
    const state = baseline.fake.read() as any;
    // THEN Proxmox holds one VM per node, and every node runs
    expect(state.proxmox).toEqual({
      '8011': { name: 'test-cp-1', ip: '10.5.0.11', host: 'pve1' },
      '8012': { name: 'test-cp-2', ip: '10.5.0.12', host: 'pve2' },
      '8013': { name: 'test-cp-3', ip: '10.5.0.13', host: 'pve1' },
      '8021': { name: 'test-worker-1', ip: '10.5.0.21', host: 'pve1' },
    });
    expect(Object.values(state.nodes).map((n: any) => n.stage)).toEqual(['running', 'running', 'running', 'running']);
  });

  test('fails when vmIdBase changes: the plan refuses to replace any VM, and nothing is touched', () => {
    // GIVEN the running cluster
    const h = fromBaseline();
    const before = h.inputs();
    // WHEN vmIdBase moves every VM ID (8011 → 9011 …)
    const result = h.deploy(definition({ vmIdBase: 9000 }), TARGETS);
    // THEN Terraform refuses the plan: every VM and every identity pin would be destroyed
    expect(result.code).not.toBe(0);
    const nodes = ['test-cp-1', 'test-cp-2', 'test-cp-3', 'test-worker-1'];
    expectRefused(result.output, [...nodes.map((n) => `terraform_data.identity-${n}`), ...nodes.map((n) => `terraform_data.vm-${n}`)]);
    expect(machineCalls(h.fake.calls())).toEqual([]);
    expect(h.inputs()).toEqual(before);
  });

  test('fails when a Talos bump comes with a VM ID change: refused at plan time, before any reset or upgrade', () => {
    // GIVEN the running cluster
    const h = fromBaseline();
    // WHEN the Talos version goes up and the worker gets a new VM ID in the same edit
    const result = h.deploy(
      definition({ talos: { version: 'v1.13.10' }, workers: { nodes: [{ name: 'test-worker-1', ip: '10.5.0.21', host: 'pve1', vmId: 8121 }] } }),
      { ...TARGETS, talos: 'v1.13.10' },
    );
    // THEN the plan is refused; no node was reset, no step ran
    expect(result.code).not.toBe(0);
    expectRefused(result.output, ['terraform_data.identity-test-worker-1', 'terraform_data.vm-test-worker-1']);
    expect(h.fake.calls()).toEqual([]);
  });

  test('defines a rebuild allowed by allowVmReplacement, in the same deploy as a Talos bump, as the old node reset, the VM replaced, its stale Node deleted, the node configured, the others upgraded, then health', () => {
    // GIVEN the running cluster
    const h = fromBaseline();
    // WHEN the Talos version goes up and the worker gets a new VM ID, listed in allowVmReplacement
    const result = h.deploy(
      definition({
        talos: { version: 'v1.13.10' },
        allowVmReplacement: ['test-worker-1'],
        workers: { nodes: [{ name: 'test-worker-1', ip: '10.5.0.21', host: 'pve1', vmId: 8121 }] },
      }),
      { ...TARGETS, talos: 'v1.13.10' },
    );
    // THEN the deploy succeeds: the replaced config apply reset the old node (its on-destroy) before its VM was
    // deleted and before the new VM was created, the new VM got its config (with the new Talos), the preflight
    // deleted the old machine's Node object, the control planes were upgraded, and health ran last
    expect(result.code).toBe(0);
    expect(machineCalls(h.fake.calls())).toEqual([
      'reset 10.5.0.21 → 0',
      'proxmox destroy 8021 → 0',
      'proxmox create 8121 test-worker-1 → 0',
      'apply-config 10.5.0.21 → 0',
    ]);
    expect(h.fake.calls().find((c) => c.tool === 'talos-provider' && c.argv[0] === 'reset')!.argv).toEqual(['reset', '10.5.0.21', 'true']);
    expect(result.output).toContain('test-worker-1: rebuilt: the node answers in maintenance mode (a new VM)');
    expect(h.fake.read().kubernetesNodes['test-worker-1']).toEqual({ internalIP: '10.5.0.21', ready: true });
    const upgraded = h.fake
      .calls()
      .filter((c) => c.argv[0] === 'upgrade')
      .map((c) => h.fake.nameOf(FakeTalos.flag(c, '--nodes')!));
    expect(upgraded).toEqual(['test-cp-1', 'test-cp-2', 'test-cp-3']);
    expect(Object.values(h.fake.read().nodes).map((n) => `${n.name} ${n.stage} ${n.talosVersion}`)).toEqual([
      'test-cp-1 running v1.13.10',
      'test-cp-2 running v1.13.10',
      'test-cp-3 running v1.13.10',
      'test-worker-1 running v1.13.10',
    ]);
    expect(result.output).toMatch(/terraform_data\.health_step_[0-9A-F]{8}: Creation complete/);
    expect(result.output.lastIndexOf('apply-config 10.5.0.21')).toBeLessThan(
      result.output.lastIndexOf('health: waiting for all k8s nodes to report'),
    );
  });

  test('defines a control plane rebuilt by allowVmReplacement as a graceful reset that leaves etcd, its VM replaced, the new machine configured, then health with every etcd member a control plane', () => {
    // GIVEN the running cluster
    const h = fromBaseline();
    // WHEN the second control plane gets a new VM ID, listed in allowVmReplacement (one control plane per deploy)
    const controlPlanes = { nodes: [11, 12, 13].map((n) => ({ name: `test-cp-${n - 10}`, ip: `10.5.0.${n}`, ...(n === 12 ? { vmId: 8112 } : {}) })) };
    const result = h.deploy(definition({ controlPlanes, allowVmReplacement: ['test-cp-2'] }), TARGETS);
    // THEN the old machine left etcd in its reset before its VM was deleted, the new VM was created and configured,
    // and the re-run health check found etcd's members and the control planes equal again
    expect(result.code).toBe(0);
    expect(machineCalls(h.fake.calls())).toEqual([
      'reset 10.5.0.12 → 0',
      'proxmox destroy 8012 → 0',
      'proxmox create 8112 test-cp-2 → 0',
      'apply-config 10.5.0.12 → 0',
    ]);
    expect(h.fake.calls().find((c) => c.tool === 'talos-provider' && c.argv[0] === 'reset')!.argv).toEqual(['reset', '10.5.0.12', 'true']);
    expect(result.output).toMatch(/terraform_data\.health_step_[0-9A-F]{8}: Creation complete/);
    expect(result.output).toContain('health: waiting for etcd members to be control plane nodes: OK');
  });

  test('fails when the preflight refuses after Terraform rebuilt a node in the same apply: the refusal names the rebuild instead of claiming no node was touched', () => {
    // GIVEN the running cluster with a control plane cordoned by someone else (the preflight refuses that)
    const h = fromBaseline();
    h.fake.update((s) => (s.kubernetesNodes['test-cp-2'].unschedulable = true));
    // WHEN the worker is rebuilt with allowVmReplacement in the same deploy as a Talos bump (which runs the preflight)
    const result = h.deploy(
      definition({
        talos: { version: 'v1.13.10' },
        allowVmReplacement: ['test-worker-1'],
        workers: { nodes: [{ name: 'test-worker-1', ip: '10.5.0.21', host: 'pve1', vmId: 8121 }] },
      }),
      { ...TARGETS, talos: 'v1.13.10' },
    );
    // THEN Terraform reset the old node and replaced its VM before the preflight refused; the refusal says so
    expect(result.code).not.toBe(0);
    expect(machineCalls(h.fake.calls())).toEqual(['reset 10.5.0.21 → 0', 'proxmox destroy 8021 → 0', 'proxmox create 8121 test-worker-1 → 0']);
    expect(result.output).toContain('test-cp-2 is cordoned, and not by this rollout');
    expect(result.output).toMatch(
      /preflight refused the rollout \(1 problem\(s\)\): the rollout upgraded and rebooted no node; earlier in this apply Terraform\s+rebuilt test-worker-1 \(old machine reset, new VM in maintenance mode\)/,
    );
    expect(result.output).not.toContain('no node was touched');
  });

  test.each([
    [
      'a derived VM ID',
      { name: 'test-worker-1', ip: '10.5.0.24', host: 'pve1' },
      ['terraform_data.identity-test-worker-1', 'terraform_data.vm-test-worker-1'],
    ],
    ['an explicit VM ID', { name: 'test-worker-1', ip: '10.5.0.24', host: 'pve1', vmId: 8021 }, ['terraform_data.identity-test-worker-1']],
  ])('fails when a node with %s changes its address: refused at plan time, nothing touched', (_case, worker, refused) => {
    // GIVEN the running cluster
    const h = fromBaseline();
    // WHEN the worker's address changes
    const result = h.deploy(definition({ workers: { nodes: [worker] } }), TARGETS);
    // THEN the plan is refused (the identity pin records the address), and nothing ran
    expect(result.code).not.toBe(0);
    expectRefused(result.output, refused);
    expect(h.fake.calls()).toEqual([]);
  });

  test('defines an address change allowed by allowVmReplacement, with an explicit VM ID, as a rebuild: the old node reset, its VM replaced, the new VM configured at the new address, then health', () => {
    // GIVEN the running cluster
    const h = fromBaseline();
    // WHEN the worker, with its VM ID written out, moves to a new address and is listed in allowVmReplacement
    const result = h.deploy(
      definition({
        allowVmReplacement: ['test-worker-1'],
        workers: { nodes: [{ name: 'test-worker-1', ip: '10.5.0.24', host: 'pve1', vmId: 8021 }] },
      }),
      TARGETS,
    );
    // THEN the identity pin's replacement replaced the VM (bpg alone would only update its cloud-init address): the
    // old node was reset at its old address, its VM deleted, the new VM created and configured at the new address
    expect(result.code).toBe(0);
    expect(machineCalls(h.fake.calls())).toEqual([
      'reset 10.5.0.21 → 0',
      'proxmox destroy 8021 → 0',
      'proxmox create 8021 test-worker-1 → 0',
      'apply-config 10.5.0.24 → 0',
    ]);
    const state = h.fake.read() as any;
    expect(state.proxmox['8021']).toEqual({ name: 'test-worker-1', ip: '10.5.0.24', host: 'pve1' });
    expect(state.nodes['10.5.0.21']).toBeUndefined();
    expect(state.nodes['10.5.0.24']).toEqual(expect.objectContaining({ name: 'test-worker-1', stage: 'running' }));
    expect(state.kubernetesNodes['test-worker-1']).toEqual({ internalIP: '10.5.0.24', ready: true });
    // AND the health check of the new node list passed after the config apply
    const health = h.fake.calls().filter((c) => c.argv[0] === 'health');
    expect(health.map((c) => [FakeTalos.flag(c, '--worker-nodes'), c.exit])).toContainEqual(['10.5.0.24', 0]);
    expect(result.output).toMatch(/terraform_data\.health_step_[0-9A-F]{8}: Creation complete/);
  });

  test('defines a node renamed at the same address as the old node reset and its VM deleted before the new VM is created', () => {
    // GIVEN the running cluster, where deleting a VM takes 3 seconds
    const h = fromBaseline();
    h.fake.update((s: any) => (s.faults.proxmoxDeleteSeconds = 3));
    // WHEN test-worker-1 becomes test-worker-a at the same address (so the same derived VM ID 8021)
    const result = h.deploy(definition({ workers: { nodes: [{ name: 'test-worker-a', ip: '10.5.0.21', host: 'pve1' }] } }), TARGETS);
    // THEN the old node was reset and its VM deleted, then the new VM created and configured
    expect(result.code).toBe(0);
    expect(machineCalls(h.fake.calls())).toEqual([
      'reset 10.5.0.21 → 0',
      'proxmox destroy 8021 → 0',
      'proxmox create 8021 test-worker-a → 0',
      'apply-config 10.5.0.21 → 0',
    ]);
    const state = h.fake.read() as any;
    expect(state.proxmox['8021']).toEqual({ name: 'test-worker-a', ip: '10.5.0.21', host: 'pve1' });
    expect(state.nodes['10.5.0.21']).toEqual(expect.objectContaining({ name: 'test-worker-a', stage: 'running' }));
    expect(Object.keys(state.kubernetesNodes).sort()).toEqual(['test-cp-1', 'test-cp-2', 'test-cp-3', 'test-worker-a']);
  });

  test("fails without the claims: the renamed node's VM is created while the old one still holds its VM ID", () => {
    // GIVEN the running cluster, where deleting a VM takes 3 seconds, and a stack whose VMs do not depend on the
    // claims (the order the claims impose gone)
    const h = fromBaseline();
    h.fake.update((s: any) => (s.faults.proxmoxDeleteSeconds = 3));
    const withoutClaims = (json: any) => {
      for (const block of Object.values<any>(json.resource.terraform_data)) {
        if (Array.isArray(block.depends_on)) block.depends_on = block.depends_on.filter((d: string) => !/terraform_data\.claims/.test(d));
      }
    };
    // WHEN test-worker-1 is renamed at the same address
    const result = h.deploy(definition({ workers: { nodes: [{ name: 'test-worker-a', ip: '10.5.0.21', host: 'pve1' }] } }), TARGETS, withoutClaims);
    // THEN Proxmox refused the new VM: the old one still had VM ID 8021
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/VM 8021 already exists|10\.5\.0\.21, which test-worker-1 still holds/);
  });

  test('defines a new Proxmox host as moving no running VM, and an explicit host edit as a migration the plan shows', () => {
    // GIVEN the running cluster (test-cp-3 placed automatically on pve1)
    const h = fromBaseline();
    // WHEN a third host is declared (automatic placement would now put test-cp-3 on pve3)
    const added = h.deploy(definition({ proxmoxHosts: [{ name: 'pve1' }, { name: 'pve2' }, { name: 'pve3' }] }), TARGETS);
    // THEN no VM changed host
    expect(added.code).toBe(0);
    expect(added.output).toContain('Resources: 0 added, 0 changed, 0 destroyed');
    expect((h.inputs()['terraform_data.vm-test-cp-3'] as any).node_name).toBe('pve1');

    // WHEN the worker's explicit host changes
    const moved = h.deploy(
      definition({
        proxmoxHosts: [{ name: 'pve1' }, { name: 'pve2' }, { name: 'pve3' }],
        workers: { nodes: [{ name: 'test-worker-1', ip: '10.5.0.21', host: 'pve3' }] },
      }),
      TARGETS,
    );
    // THEN the plan shows the move as an in-place update of that VM only (bpg: `migrate = true`)
    expect(moved.code).toBe(0);
    expect(moved.output).toMatch(/~ "node_name" = "pve1" -> "pve3"|~ node_name\s+= "pve1" -> "pve3"/);
    expect(moved.output).toContain('Resources: 0 added, 1 changed, 0 destroyed');
    expect(machineCalls(h.fake.calls())).toEqual([]);
  });

  /**
   * The running cluster (its stack deployed with `edit` first, when given) with test-worker-1's VM deleted in Proxmox
   * by hand (the provider's refresh drops it from the state).
   */
  function withVanishedWorker(edit?: (json: any) => void): IdentityHarness {
    const h = fromBaseline();
    if (edit) {
      const deployed = h.deploy(definition(), TARGETS, edit);
      if (deployed.code !== 0) throw new Error(`deploy of the edited stack failed:\n${deployed.output}`);
    }
    h.fake.update((s: any) => {
      delete s.proxmox['8021'];
      delete s.nodes['10.5.0.21'];
      s.kubernetesNodes['test-worker-1'].ready = false;
    });
    const rm = h.terraform(['state', 'rm', '-no-color', 'terraform_data.vm-test-worker-1']);
    if (rm.code !== 0) throw new Error(rm.output);
    h.fake.clearCalls();
    return h;
  }

  /** The definition with the first control plane replaced by a new one at 10.5.0.14 (etcd keeps 3 members). */
  const withoutFirstControlPlane = (edit: Partial<ClusterDefinition> = {}): ClusterDefinition =>
    definition({
      controlPlanes: {
        nodes: [
          { name: 'test-cp-2', ip: '10.5.0.12' },
          { name: 'test-cp-3', ip: '10.5.0.13' },
          { name: 'test-cp-4', ip: '10.5.0.14' },
        ],
      },
      ...edit,
    });

  /** A third Proxmox host: automatic placement now puts test-cp-2 on pve1 and test-cp-3 on pve2 (they run on pve2 and pve1). */
  const THREE_HOSTS: Partial<ClusterDefinition> = { proxmoxHosts: [{ name: 'pve1' }, { name: 'pve2' }, { name: 'pve3' }] };

  /** A planned host change of an existing VM, as the plan prints it (`node_name = "pve2" -> "pve1"`). */
  const HOST_CHANGE = /node_name"?\s+=\s+"pve\d"\s+->/;

  /** `<node> <host before> → <host after>` for each VM both readings of the stand-ins hold whose host changed. */
  function migrations(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
    return Object.keys(after)
      .filter((a) => a.startsWith('terraform_data.vm-') && a in before)
      .flatMap((a) => {
        const [from, to] = [(before[a] as any).node_name, (after[a] as any).node_name];
        return from === to ? [] : [`${a.slice('terraform_data.vm-'.length)} ${from} → ${to}`];
      });
  }

  /** Where the configuration just deployed places each VM (automatic placement, before `ignore_changes`). */
  function placedHosts(h: IdentityHarness): Record<string, string> {
    const json = JSON.parse(fs.readFileSync(path.join(h.workDir, 'cdk.tf.json'), 'utf8'));
    return Object.fromEntries(
      Object.entries<any>(json.resource.terraform_data)
        .filter(([k]) => k.startsWith('vm-'))
        .map(([k, b]) => [k.slice('vm-'.length), b.input.node_name]),
    );
  }

  test('defines the first control plane removed from a running cluster, with a Proxmox host added, as a graceful reset that leaves etcd and no surviving VM migrated: the health check of the control planes left passes', () => {
    // GIVEN the running cluster (automatic placement: test-cp-2 on pve2, test-cp-3 on pve1)
    const h = fromBaseline();
    const before = h.inputs();
    // WHEN the first control plane (the one etcd was bootstrapped on) leaves the definition, a new one joins, and
    // a third host is declared
    const result = h.deploy(withoutFirstControlPlane(THREE_HOSTS), TARGETS);
    // THEN placement would now put the surviving control planes elsewhere, yet no surviving VM changed host
    expect(placedHosts(h)).toEqual(expect.objectContaining({ 'test-cp-2': 'pve1', 'test-cp-3': 'pve2' }));
    expect(migrations(before, h.inputs())).toEqual([]);
    expect(result.output).not.toMatch(HOST_CHANGE);
    // AND it was reset (leaving etcd), its VM deleted, the new one configured, and the health check passed
    expect(result.code).toBe(0);
    expect([...machineCalls(h.fake.calls())].sort()).toEqual(
      ['apply-config 10.5.0.14 → 0', 'proxmox create 8014 test-cp-4 → 0', 'proxmox destroy 8011 → 0', 'reset 10.5.0.11 → 0'].sort(),
    );
    expect(result.output).not.toContain('without leaving etcd');
    expect(result.output).toContain('health: waiting for etcd members to be control plane nodes: OK');
    expect(Object.keys(h.fake.read().nodes).sort()).toEqual(['10.5.0.12', '10.5.0.13', '10.5.0.14', '10.5.0.21']);
  });

  test('fails when the VMs do not ignore node_name: removing the first control plane with a host added live-migrates the surviving control planes', () => {
    // GIVEN the running cluster, and a stack whose VMs follow automatic placement (ignore_changes on node_name gone)
    const h = fromBaseline();
    const before = h.inputs();
    const followPlacement = (json: any) => {
      for (const [k, b] of Object.entries<any>(json.resource.terraform_data)) if (k.startsWith('vm-')) delete b.lifecycle.ignore_changes;
    };
    // WHEN the first control plane leaves, a new one joins, and a third host is declared
    const result = h.deploy(withoutFirstControlPlane(THREE_HOSTS), TARGETS, followPlacement);
    // THEN the plan moves both surviving control planes to their new placement
    expect(result.code).toBe(0);
    expect(migrations(before, h.inputs()).sort()).toEqual(['test-cp-2 pve2 → pve1', 'test-cp-3 pve1 → pve2']);
    expect(result.output).toMatch(HOST_CHANGE);
  });

  test('fails when the first control plane is reset without leaving etcd: the health check reports the dead member', () => {
    // GIVEN the running cluster whose first control plane's reset is not graceful (as it was before)
    const h = fromBaseline();
    const notGraceful = (json: any) => {
      json.resource.terraform_data['fake-apply-test-cp-1'].input.graceful = 'false';
    };
    expect(h.deploy(definition(), TARGETS, notGraceful).code).toBe(0);
    h.fake.clearCalls();
    // WHEN the first control plane leaves the definition (a short node timeout: health waits for what never comes)
    const result = h.deploy(withoutFirstControlPlane(), { ...TARGETS, nodeTimeoutSeconds: 4 });
    // THEN its member stays, and the health check of the control planes in the definition refuses
    expect(machineCalls(h.fake.calls())).toEqual(expect.arrayContaining(['reset 10.5.0.11 → 0', 'proxmox destroy 8011 → 0']));
    expect(result.output).toContain('test-cp-1 reset without leaving etcd');
    expect(result.output).toContain('waiting for etcd members to be control plane nodes: mismatch between etcd member and control plane nodes');
    expect(result.code).not.toBe(0);
  });

  test('defines a VM deleted outside Terraform as created again, reported, and configured in place, without a reset of the machine that is gone', () => {
    // GIVEN the running cluster whose worker VM vanished
    const h = withVanishedWorker();
    // WHEN the next deploy runs
    const result = h.deploy(definition(), TARGETS);
    // THEN the VM was created again, the deploy log says the node is new, and its config was applied: the instance
    // marker changed the node's config (an in-place update), while the apply, replaced only with a VM Terraform
    // replaces, was kept and reset nothing
    expect(result.code).toBe(0);
    expect(result.output).toContain('test-worker-1: VM 8021 is new (first deploy, a rebuild, or created again after it vanished outside Terraform)');
    expect(machineCalls(h.fake.calls())).toEqual(['proxmox create 8021 test-worker-1 → 0', 'apply-config 10.5.0.21 → 0']);
    expect(result.output).not.toMatch(/fake-apply-test-worker-1: Destroying/);
    expect(h.fake.read().nodes['10.5.0.21']).toEqual(expect.objectContaining({ name: 'test-worker-1', stage: 'running' }));
    // AND the health check ran again after its config apply (the node list did not change; its instance marker did)
    expect(h.fake.calls().filter((c) => c.argv[0] === 'health').length).toBeGreaterThan(0);
    expect(result.output).toMatch(/terraform_data\.health_step_[0-9A-F]{8}: Creation complete/);
  });

  test("fails when the apply is replaced with the instance marker: a VM deleted outside Terraform fails the deploy at its reset, which finds no machine, as upstream's", () => {
    // GIVEN the same, with the apply replaced whenever its VM's instance marker is (the design before)
    const h = withVanishedWorker();
    const byMarker = (json: any) => {
      for (const [name, block] of Object.entries<any>(json.resource.terraform_data)) {
        if (name.startsWith('fake-apply-')) block.lifecycle.replace_triggered_by = [`terraform_data.instance-${name.slice('fake-apply-'.length)}`];
      }
    };
    // WHEN
    const result = h.deploy(definition(), TARGETS, byMarker);
    // THEN the replaced apply's on-destroy reset reached no machine: the provider fails the destroy, and the deploy
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('Error resetting machine');
    expect(machineCalls(h.fake.calls())).toContain('reset 10.5.0.21 → 1');
  });

  test("fails without the instance in the node's config: a VM created again stays unconfigured, and the re-run health check fails the deploy", () => {
    // GIVEN the same, with the nodes' configs not carrying their VMs' instance markers (deployed that way)
    const withoutInstance = (json: any) => {
      for (const [name, block] of Object.entries<any>(json.resource.terraform_data))
        if (name.startsWith('fake-config-')) delete block.triggers_replace.instance;
    };
    const h = withVanishedWorker(withoutInstance);
    // WHEN (a short node timeout: the health check waits for a node that never gets its config)
    const result = h.deploy(definition(), { ...TARGETS, nodeTimeoutSeconds: 4 }, withoutInstance);
    // THEN the node stays in maintenance mode; the health step, which the marker still re-runs, does not pass it
    expect(machineCalls(h.fake.calls())).toEqual(['proxmox create 8021 test-worker-1 → 0']);
    expect(h.fake.read().nodes['10.5.0.21'].stage).toBe('maintenance');
    expect(result.output).toMatch(/health_step_[0-9A-F]{8}.*\n?.*Error|Error: local-exec provisioner error/);
    expect(result.code).not.toBe(0);
  });

  test('defines a teardown as every config apply destroyed (its reset), workers first and control planes last to first, then every VM deleted', () => {
    // GIVEN the running cluster
    const h = fromBaseline();
    // WHEN it is destroyed without lifting the guards
    const guarded = h.destroy(definition(), TARGETS);
    // THEN Terraform refuses
    expect(guarded.code).not.toBe(0);
    expect(refusedDestroys(guarded.output).length).toBeGreaterThan(0);
    expect(refusedDestroys(guarded.output).every((a) => /^terraform_data\.(vm|identity)-test-/.test(a))).toBe(true);
    expect(machineCalls(h.fake.calls())).toEqual([]);

    // WHEN it is destroyed as `npm run destroy -- test` synthesizes it
    const torn = h.destroy(forTeardown(definition()), TARGETS);
    // THEN the config applies were destroyed one at a time, workers first, control planes last to first, each
    // resetting its node once (its on-destroy), and every VM was deleted
    expect(torn.code).toBe(0);
    const applyOrder = torn.output.split('\n').flatMap((l) => /^terraform_data\.fake-apply-(\S+): Destroying\.\.\./.exec(l)?.[1] ?? []);
    expect(applyOrder).toEqual(['test-worker-1', 'test-cp-3', 'test-cp-2', 'test-cp-1']);
    const calls = machineCalls(h.fake.calls());
    expect(calls.filter((c) => c.startsWith('reset'))).toEqual([
      'reset 10.5.0.21 → 0',
      'reset 10.5.0.13 → 0',
      'reset 10.5.0.12 → 0',
      'reset 10.5.0.11 → 0',
    ]);
    expect(calls.filter((c) => c.startsWith('proxmox')).sort()).toEqual([
      'proxmox destroy 8011 → 0',
      'proxmox destroy 8012 → 0',
      'proxmox destroy 8013 → 0',
      'proxmox destroy 8021 → 0',
    ]);
    const state = h.fake.read() as any;
    expect(state.proxmox).toEqual({});
    expect(state.nodes).toEqual({});
    expect(h.inputs()).toEqual({});
  });
});
