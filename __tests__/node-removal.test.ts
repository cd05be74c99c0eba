/**
 * README "Removing a node": removing a node from the definition removes exactly that node's VM, config apply,
 * rollout step and node-cleanup instance, over the whole cluster stack (not one construct at a time), and leaves
 * the other VMs untouched.
 */
import { homelab } from '../clusters/homelab';
import { Testing } from '../constructs/cdk';
import { ClusterDefinition } from '../lib/cluster-definition';
import { TalosClusterStack } from '../stacks/talos-cluster-stack';
import { TfJson } from './support/talos-test-stack';

function synth(def: ClusterDefinition): TfJson {
  return JSON.parse(Testing.synth(new TalosClusterStack(Testing.app(), def.name, { definition: def })));
}

/** `resource.<type>.<name>` / `data.<type>.<name>` of every block. */
function addresses(json: TfJson): string[] {
  return (['resource', 'data'] as const).flatMap((section) => Object.entries(json[section] ?? {}).flatMap(([type, blocks]) => Object.keys(blocks as object).map((name) => `${section}.${type}.${name}`)));
}

describe('removing a node from the definition', () => {
  test('defines exactly its VM, identity pin, instance marker, config apply, rollout step and node-cleanup key as removed, and the other VMs unchanged', () => {
    // GIVEN the example
    const before = synth(homelab);
    // WHEN homelab-worker-1 (not the last node) is removed
    const after = synth({ ...homelab, workers: { ...homelab.workers, nodes: homelab.workers!.nodes!.filter((n) => n.name !== 'homelab-worker-1') } });
    // THEN
    const removed = addresses(before).filter((a) => !addresses(after).includes(a));
    expect(removed.map((a) => a.replace(/_[0-9A-F]{8}$/, '')).sort()).toEqual([
      'resource.proxmox_virtual_environment_vm.vms_vm-homelab-worker-1',
      'resource.talos_machine_configuration_apply.talos_apply-homelab-worker-1',
      'resource.terraform_data.rollout_os-upgrade-homelab-worker-1',
      'resource.terraform_data.vms_identity-homelab-worker-1',
      'resource.terraform_data.vms_instance-homelab-worker-1',
    ]);
    expect(addresses(after).filter((a) => !addresses(before).includes(a))).toEqual([]);
    const cleanupKeys = (json: TfJson) => Object.entries(json.resource.terraform_data as Record<string, TfJson>).filter(([n]) => n.startsWith('node-cleanup_step_')).flatMap(([, b]) => Object.keys(b.for_each));
    expect(cleanupKeys(before).filter((k) => !cleanupKeys(after).includes(k))).toEqual(['homelab-worker-1']);
    expect(cleanupKeys(after).filter((k) => !cleanupKeys(before).includes(k))).toEqual([]);
    for (const [name, vm] of Object.entries(after.resource.proxmox_virtual_environment_vm)) {
      expect({ name, vm }).toEqual({ name, vm: before.resource.proxmox_virtual_environment_vm[name] });
    }
  });
});
