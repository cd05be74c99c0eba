/**
 * The whole stack under real Terraform: `terraform apply` with the provider twins (twins/) and the real rollout
 * steps against the talosctl simulator, then, on that state, the plans of the changes a user makes. Each plan is
 * read from `terraform show -json`: which resources Terraform would create, update in place, replace or destroy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ClusterDefinition } from '../lib/cluster-definition';
import { clusterState, FakeTalos, nodeList } from './support/fake-talos';
import { PlanJson, plannedActions, TwinServer, TwinWorkspace, withAction } from './support/twins';

jest.setTimeout(180000);

const TALOS = 'v1.13.9';
const KUBERNETES = '1.34.5';

/**
 * 1 control plane and workers `test-worker-<i>` for each i of `workers` (default 1 and 2; small: every node adds
 * rollout steps to the apply), named and addressed as the simulator's nodeList(1, 2). Odd workers run on pve1 with
 * the control plane, even ones on pve2, so removing worker 1 or adding worker 3 leaves each host its image.
 */
function definition(change: { talos?: string; kubernetes?: string; workers?: number[]; worker1Cores?: number } = {}): ClusterDefinition {
  const workers = (change.workers ?? [1, 2]).map((i) => ({
    name: `test-worker-${i}`,
    ip: `10.5.0.${20 + i}`,
    host: i % 2 === 1 ? 'pve1' : 'pve2',
    ...(i === 1 && change.worker1Cores ? { cores: change.worker1Cores } : {}),
  }));
  return {
    name: 'test',
    endpoint: { vip: '10.5.0.10' },
    network: { cidr: '10.5.0.0/24', gateway: '10.5.0.1' },
    proxmoxHosts: [{ name: 'pve1' }, { name: 'pve2' }],
    controlPlanes: { count: 1, firstIp: '10.5.0.11' },
    workers: { nodes: workers },
    talos: { version: change.talos ?? TALOS },
    kubernetesVersion: change.kubernetes ?? KUBERNETES,
  };
}

const VM = (node: string) => `proxmox_virtual_environment_vm.vms_vm-${node}`;
const APPLY = (node: string) => `talos_machine_configuration_apply.talos_apply-${node}`;
const NODES = ['test-cp-1', 'test-worker-1', 'test-worker-2'];
/** What NodeVms keeps per node besides the VM (docs/node-lifecycle.md): VM-ID and address claims, identity pin, instance marker. */
const IDENTITY = (node: string, ip: string, vmId: number) => [
  `terraform_data.vms_claims["ip-${ip}"]`,
  `terraform_data.vms_claims["vm-id-${vmId}"]`,
  `terraform_data.vms_identity-${node}`,
  `terraform_data.vms_instance-${node}`,
];

/** Addresses of a plan of one resource type with `action`. */
function ofType(plan: PlanJson, type: string, action: string): string[] {
  return Object.entries(plannedActions(plan))
    .filter(([a, act]) => a.startsWith(`${type}.`) && act === action)
    .map(([a]) => a)
    .sort();
}

describe('the whole stack applied with the provider twins, then changed', () => {
  let twins: TwinServer;
  let fake: FakeTalos;
  let ws: TwinWorkspace;
  let applyOutput = '';
  let applyCode = -1;

  beforeAll(async () => {
    twins = await TwinServer.start();
    ws = new TwinWorkspace(twins, 'test');
    ws.synth(definition());
    const summary = JSON.parse(fs.readFileSync(path.join(ws.stackDir, 'cluster-summary.json'), 'utf8')) as { schematicId: string };
    // A cluster already running the targets: the twins' config applies do not touch the simulator.
    fake = new FakeTalos(clusterState(nodeList(1, 2), { talos: TALOS, schematic: summary.schematicId, kubernetes: KUBERNETES }));
    const applied = ws.apply(fake.env());
    applyOutput = applied.output;
    applyCode = applied.code;
  });

  afterAll(async () => {
    ws?.remove();
    fake?.remove();
    await twins?.stop();
  });

  /** The plan of `def` against the applied state (the state itself is left as applied); `refresh` as TwinWorkspace.plan. */
  function planOf(def: ClusterDefinition, refresh = false): PlanJson {
    ws.synth(def);
    return ws.plan(fake.env(), { refresh });
  }

  test('defines a first apply that creates every resource and runs the rollout steps against the cluster', () => {
    // THEN (beforeAll applied)
    expect({ code: applyCode, tail: applyCode === 0 ? '' : applyOutput.slice(-3000) }).toEqual({ code: 0, tail: '' });
    expect(applyOutput).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed\./);
    const callsTo = (cmd: string) => fake.calls().filter((c) => c.tool === 'talosctl' && c.argv[0] === cmd);
    expect(callsTo('health').length).toBeGreaterThan(0);
    expect(callsTo('upgrade')).toEqual([]);
  });

  test('defines a plan with no change right after the apply', () => {
    // WHEN planned with a refresh (every resource read back through the twins)
    const plan = planOf(definition(), true);

    // THEN
    expect(new Set(Object.values(plannedActions(plan)))).toEqual(new Set(['no-op']));
  });

  test('defines a Talos bump that replaces no VM and no config apply', () => {
    // WHEN
    const plan = planOf(definition({ talos: 'v1.13.10' }));

    // THEN the VMs stay, the configs are updated in place, the images and OS-upgrade steps are new
    expect(ofType(plan, 'proxmox_virtual_environment_vm', 'no-op')).toEqual(NODES.map(VM).sort());
    expect(ofType(plan, 'talos_machine_configuration_apply', 'update')).toEqual(NODES.map(APPLY).sort());
    expect(ofType(plan, 'proxmox_download_file', 'replace')).toEqual([
      'proxmox_download_file.image_download-pve1',
      'proxmox_download_file.image_download-pve2',
    ]);
    expect(withAction(plan, 'replace').filter((a) => a.startsWith('terraform_data.rollout_'))).toEqual(
      expect.arrayContaining(NODES.map((n) => `terraform_data.rollout_os-upgrade-${n}`)),
    );
    expect(withAction(plan, 'delete')).toEqual([]);
    expect(withAction(plan, 'create')).toEqual([]);
    expect(ofType(plan, 'talos_machine_secrets', 'no-op')).toHaveLength(1);
  });

  test('defines a Kubernetes bump that replaces no VM and only reruns the Kubernetes step among the rollout steps', () => {
    // WHEN
    const plan = planOf(definition({ kubernetes: '1.35.9' }));

    // THEN
    expect(ofType(plan, 'proxmox_virtual_environment_vm', 'no-op')).toEqual(NODES.map(VM).sort());
    expect(ofType(plan, 'talos_machine_configuration_apply', 'update')).toEqual(NODES.map(APPLY).sort());
    expect(withAction(plan, 'replace').filter((a) => a.startsWith('terraform_data.rollout_os-upgrade'))).toEqual([]);
    expect(plannedActions(plan)['terraform_data.rollout_kubernetes']).toBe('replace');
    expect(withAction(plan, 'delete')).toEqual([]);
    expect(withAction(plan, 'create')).toEqual([]);
  });

  test("defines a chart bump that updates only the control plane's config apply and reruns the manifest sync", () => {
    // GIVEN the Cilium chart constant bumped
    // (on the module's own exports object, which every importer reads through; esbuild exports are getters)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const versions = require('../lib/versions') as { CILIUM_CHART_VERSION: string };
    const replaced = jest.spyOn(versions, 'CILIUM_CHART_VERSION', 'get').mockReturnValue('1.20.1');

    // WHEN
    const plan = planOf(definition());
    replaced.mockRestore();

    // THEN
    expect(withAction(plan, 'update')).toEqual([APPLY('test-cp-1')]);
    expect(withAction(plan, 'replace')).toEqual(['terraform_data.manifest-sync_step']);
    expect(withAction(plan, 'delete')).toEqual([]);
    expect(withAction(plan, 'create')).toEqual([]);
  });

  test('defines adding a worker as creating exactly its VM, config apply and steps', () => {
    // WHEN
    const plan = planOf(definition({ workers: [1, 2, 3] }));

    // THEN
    expect(withAction(plan, 'create')).toEqual(
      [
        VM('test-worker-3'),
        APPLY('test-worker-3'),
        'terraform_data.node-cleanup_step["test-worker-3"]',
        'terraform_data.rollout_os-upgrade-test-worker-3',
        ...IDENTITY('test-worker-3', '10.5.0.23', 8023),
      ].sort(),
    );
    expect(ofType(plan, 'proxmox_virtual_environment_vm', 'no-op')).toEqual(NODES.map(VM).sort());
    expect(withAction(plan, 'delete')).toEqual([]);
    // the talosconfig lists the nodes: local_sensitive_file replaces a file whose content changes
    expect(withAction(plan, 'replace').filter((a) => !a.startsWith('terraform_data.'))).toEqual(['local_sensitive_file.secrets_talosconfig-file']);
  });

  test('defines removing a worker (not the last) as destroying exactly its VM, config apply and steps, renumbering nothing', () => {
    // WHEN
    const plan = planOf(definition({ workers: [2] }));

    // THEN
    expect(withAction(plan, 'delete')).toEqual(
      [
        VM('test-worker-1'),
        APPLY('test-worker-1'),
        'terraform_data.node-cleanup_step["test-worker-1"]',
        'terraform_data.rollout_os-upgrade-test-worker-1',
        ...IDENTITY('test-worker-1', '10.5.0.21', 8021),
      ].sort(),
    );
    expect(ofType(plan, 'proxmox_virtual_environment_vm', 'no-op')).toEqual(
      NODES.filter((n) => n !== 'test-worker-1')
        .map(VM)
        .sort(),
    );
    expect(ofType(plan, 'talos_machine_configuration_apply', 'no-op')).toEqual(
      NODES.filter((n) => n !== 'test-worker-1')
        .map(APPLY)
        .sort(),
    );
    expect(withAction(plan, 'create')).toEqual([]);
    // the talosconfig lists the nodes: local_sensitive_file replaces a file whose content changes
    expect(withAction(plan, 'replace').filter((a) => !a.startsWith('terraform_data.'))).toEqual(['local_sensitive_file.secrets_talosconfig-file']);
  });

  test("defines a change of one node's cores as an in-place update of exactly that VM", () => {
    // WHEN
    const plan = planOf(definition({ worker1Cores: 6 }));

    // THEN
    expect(withAction(plan, 'update')).toEqual([VM('test-worker-1')]);
    expect(withAction(plan, 'replace')).toEqual([]);
    expect(withAction(plan, 'create')).toEqual([]);
    expect(withAction(plan, 'delete')).toEqual([]);
  });
});
