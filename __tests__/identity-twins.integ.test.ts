/**
 * Identity guards on the whole synthesized stack under real Terraform with the provider twins (twins/): applied
 * once, then the plans of identity edits, of a rebuild with `allowVmReplacement`, and of a teardown. Complements
 * node-identity.integ.test.ts (which runs the edits through, against the simulators) with the real stack's
 * resources and the real providers' schemas.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ClusterDefinition } from '../lib/cluster-definition';
import { forTeardown } from '../lib/teardown';
import { clusterState, FakeTalos, nodeList } from './support/fake-talos';
import { plannedActions, TwinServer, TwinWorkspace, withAction } from './support/twins';

jest.setTimeout(240000);

const TALOS = 'v1.13.9';
const KUBERNETES = '1.34.5';

/** 1 control plane, workers test-worker-1 (pve1) and test-worker-2 (pve2); `worker1` edits the first worker. */
function definition(edit: Partial<ClusterDefinition> = {}, worker1: Record<string, unknown> = {}): ClusterDefinition {
  return {
    name: 'test',
    endpoint: { vip: '10.5.0.10' },
    network: { cidr: '10.5.0.0/24', gateway: '10.5.0.1' },
    proxmoxHosts: [{ name: 'pve1' }, { name: 'pve2' }],
    controlPlanes: { count: 1, firstIp: '10.5.0.11' },
    workers: {
      nodes: [
        { name: 'test-worker-1', ip: '10.5.0.21', host: 'pve1', ...worker1 },
        { name: 'test-worker-2', ip: '10.5.0.22', host: 'pve2' },
      ],
    },
    talos: { version: TALOS },
    kubernetesVersion: KUBERNETES,
    ...edit,
  };
}

describe('identity guards on the whole stack with the provider twins', () => {
  let twins: TwinServer;
  let fake: FakeTalos;
  let ws: TwinWorkspace;
  let applied = { code: -1, output: '' };

  beforeAll(async () => {
    twins = await TwinServer.start();
    ws = new TwinWorkspace(twins, 'test');
    ws.synth(definition());
    const summary = JSON.parse(fs.readFileSync(path.join(ws.stackDir, 'cluster-summary.json'), 'utf8')) as { schematicId: string };
    fake = new FakeTalos(clusterState(nodeList(1, 2), { talos: TALOS, schematic: summary.schematicId, kubernetes: KUBERNETES }));
    applied = ws.apply(fake.env());
  });

  afterAll(async () => {
    ws?.remove();
    fake?.remove();
    await twins?.stop();
  });

  /** `terraform plan` of `def` (no refresh); its output when Terraform refuses it. */
  function refusal(def: ClusterDefinition, args: readonly string[] = []): string {
    ws.synth(def);
    const r = ws.terraform(['plan', '-input=false', '-refresh=false', ...args], fake.env());
    expect(r.code).not.toBe(0);
    return r.output;
  }

  test('defines a first apply of the stack with its claims, identity pins and instance markers', () => {
    expect({ code: applied.code, tail: applied.code === 0 ? '' : applied.output.slice(-3000) }).toEqual({ code: 0, tail: '' });
    expect(applied.output).toMatch(/test-worker-1: VM 8021 is new/);
  });

  test('fails when vmIdBase changes: Terraform refuses to destroy the VMs', () => {
    const output = refusal(definition({ vmIdBase: 9000 }));
    expect(output).toContain('Error: Instance cannot be destroyed');
    expect(output).toMatch(
      /Resource\s+(proxmox_virtual_environment_vm\.vms_vm|terraform_data\.vms_identity)-test-\S+\s+has\s+lifecycle\.prevent_destroy\s+set/,
    );
  });

  test('fails when a worker with an explicit VM ID changes its address: the identity pin refuses', () => {
    const output = refusal(definition({}, { ip: '10.5.0.24', vmId: 8021 }));
    expect(output).toMatch(/Resource\s+terraform_data\.vms_identity-test-worker-1_[0-9A-F]{8}\s+has\s+lifecycle\.prevent_destroy\s+set/);
  });

  test('defines a rebuild allowed by allowVmReplacement as replacing the VM, its marker and its config apply', () => {
    // WHEN worker 1 gets a new VM ID with the override
    ws.synth(definition({ allowVmReplacement: ['test-worker-1'] }, { vmId: 8121 }));
    const plan = ws.plan(fake.env(), { refresh: false });
    // THEN
    const replaced = withAction(plan, 'replace');
    expect(replaced).toEqual(
      expect.arrayContaining([
        'proxmox_virtual_environment_vm.vms_vm-test-worker-1',
        'terraform_data.vms_instance-test-worker-1',
        'talos_machine_configuration_apply.talos_apply-test-worker-1',
        'terraform_data.vms_identity-test-worker-1',
      ]),
    );
    expect(replaced.filter((a) => a.startsWith('proxmox_virtual_environment_vm.'))).toEqual(['proxmox_virtual_environment_vm.vms_vm-test-worker-1']);
  });

  test('defines an address change allowed by allowVmReplacement, with an explicit VM ID, as replacing the VM with its identity pin, its marker and its config apply', () => {
    // GIVEN / WHEN worker 1 keeps its VM ID (written out) and gets a new address, with the override
    ws.synth(definition({ allowVmReplacement: ['test-worker-1'] }, { ip: '10.5.0.24', vmId: 8021 }));
    const plan = ws.plan(fake.env(), { refresh: false });
    // THEN bpg/proxmox alone would update the VM in place (vm_id unchanged); the pin's replacement replaces it
    expect(withAction(plan, 'replace')).toEqual(
      expect.arrayContaining([
        'terraform_data.vms_identity-test-worker-1',
        'proxmox_virtual_environment_vm.vms_vm-test-worker-1',
        'terraform_data.vms_instance-test-worker-1',
        'talos_machine_configuration_apply.talos_apply-test-worker-1',
      ]),
    );
    expect(withAction(plan, 'replace').filter((a) => a.startsWith('proxmox_virtual_environment_vm.'))).toEqual([
      'proxmox_virtual_environment_vm.vms_vm-test-worker-1',
    ]);
  });

  test('defines a VM gone from the state as created again, its instance marker replaced, and its config apply updated in place, not replaced', () => {
    // GIVEN a copy of the applied stack whose worker 1 VM vanished (the provider's refresh drops it from the state)
    const copy = new TwinWorkspace(twins, 'test', ws);
    try {
      copy.synth(definition());
      const vm = copy
        .terraform(['state', 'list'])
        .stdout.split('\n')
        .find((a) => a.startsWith('proxmox_virtual_environment_vm.vms_vm-test-worker-1_'))!;
      expect(copy.terraform(['state', 'rm', vm]).code).toBe(0);
      // WHEN
      const plan = copy.plan(fake.env(), { refresh: false });
      // THEN the apply's replace_triggered_by (the VM's id) does not fire on a VM created; the marker's id in the
      // node's config updates the apply, whose destroy (the reset of a machine that is gone) never runs
      expect(withAction(plan, 'create')).toContain('proxmox_virtual_environment_vm.vms_vm-test-worker-1');
      expect(withAction(plan, 'replace')).toContain('terraform_data.vms_instance-test-worker-1');
      expect(withAction(plan, 'update')).toContain('talos_machine_configuration_apply.talos_apply-test-worker-1');
      expect(withAction(plan, 'replace').filter((a) => a.startsWith('talos_machine_configuration_apply.'))).toEqual([]);
      expect(withAction(plan, 'delete')).toEqual([]);
    } finally {
      copy.remove();
    }
  });

  test('fails to destroy the guarded stack, and plans the teardown after its deploy step', () => {
    // GIVEN / WHEN a plain destroy
    expect(refusal(definition(), ['-destroy'])).toContain('Error: Instance cannot be destroyed');
    // WHEN the teardown synth is planned as its deploy step
    ws.synth(forTeardown(definition()));
    const deployStep = ws.plan(fake.env(), { refresh: false });
    // THEN it changes nothing on this single-control-plane cluster (its control plane never leaves etcd: it is always
    // the last member; with more control planes, only the first one's on-destroy changes, talos-cluster.test.ts)
    expect(withAction(deployStep, 'update')).toEqual([]);
    expect(withAction(deployStep, 'replace')).toEqual([]);
    // AND the destroy plan of the teardown synth is accepted, deleting every VM and the secrets
    const destroy = ws.terraform(['plan', '-input=false', '-refresh=false', '-destroy', '-out=teardown.plan'], fake.env());
    expect(destroy.code).toBe(0);
    const show = JSON.parse(ws.terraform(['show', '-json', 'teardown.plan']).stdout);
    const actions = Object.entries(plannedActions(show));
    expect(actions.filter(([a]) => a.startsWith('proxmox_virtual_environment_vm.')).map(([, x]) => x)).toEqual(['delete', 'delete', 'delete']);
    expect(actions.find(([a]) => a.startsWith('talos_machine_secrets.'))?.[1]).toBe('delete');
  });
});
