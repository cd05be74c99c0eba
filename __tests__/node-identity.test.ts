/**
 * What identifies a node (lib/node-identity.ts) and how NodeVms wires it: identity pins, VM-ID and address claims,
 * the VM lifecycle, and the `allowVmReplacement` override. Terraform's behaviour with them is in
 * node-identity.integ.test.ts.
 */
import { homelab } from '../clusters/homelab';
import { checkCluster } from '../lib/check-cluster';
import { ClusterDefinition } from '../lib/cluster-definition';
import { planCluster } from '../lib/cluster-plan';
import { identityClaims, identityPin, vmLifecycle } from '../lib/node-identity';
import { VM_INSTANCE_ANNOTATION } from '../lib/talos-documents';
import { forTeardown, withTeardown } from '../lib/teardown';
import { synthImageAndVms } from './support/synth-image-and-vms';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { synthesizeClusters } from '../stacks/cluster-app';

describe('node identity', () => {
  const plan = planCluster(homelab);

  test('defines a claim per VM ID and per address, each naming its node', () => {
    // GIVEN / WHEN
    const claims = identityClaims(plan);
    // THEN
    expect(Object.keys(claims)).toHaveLength(plan.nodes.length * 2);
    for (const n of plan.nodes) {
      expect(claims[`vm-id-${n.vmId}`]).toBe(n.name);
      expect(claims[`ip-${n.ip}`]).toBe(n.name);
    }
  });

  test('defines the VM of an automatically placed node as ignoring its host, and of an explicitly placed one as following it', () => {
    // GIVEN one node of each kind
    const auto = plan.nodes.find((n) => !n.hostExplicit)!;
    const explicit = plan.nodes.find((n) => n.hostExplicit)!;
    // WHEN / THEN
    expect(vmLifecycle(plan, auto, 'terraform_data.pin')).toEqual({
      preventDestroy: true,
      ignoreChanges: ['disk[0].import_from', 'node_name'],
      replaceTriggeredBy: ['terraform_data.pin'],
    });
    expect(vmLifecycle(plan, explicit, 'terraform_data.pin')).toEqual({
      preventDestroy: true,
      ignoreChanges: ['disk[0].import_from'],
      replaceTriggeredBy: ['terraform_data.pin'],
    });
  });

  test('defines NodeVms with a protected identity pin per node, the claims, and VMs that depend on the claims and are replaced with their pin', () => {
    // GIVEN / WHEN the example's VMs
    const synth = synthImageAndVms(homelab);
    const data = synth.blocks('terraform_data');
    const vms = synth.blocks('proxmox_virtual_environment_vm');
    // THEN
    for (const n of plan.nodes) {
      expect(data.get(`identity-${n.name}`)).toEqual({
        input: identityPin(n),
        triggers_replace: identityPin(n),
        lifecycle: { prevent_destroy: true },
      });
      const vm = vms.get(`vm-${n.name}`)!;
      expect(vm.depends_on).toEqual([expect.stringMatching(/^terraform_data\.vms_claims_[0-9A-F]{8}$/)]);
      // (an allowed address change of a node with an explicit vmId rebuilds its VM: bpg alone would update it in place)
      expect(vm.lifecycle.replace_triggered_by).toEqual([expect.stringMatching(new RegExp(`^terraform_data\\.vms_identity-${n.name}_[0-9A-F]{8}$`))]);
    }
    expect(data.get('claims')).toMatchObject({ for_each: identityClaims(plan), input: '${each.value}', triggers_replace: '${each.value}' });
  });

  test('defines a node listed in allowVmReplacement as the only one whose VM and pin may be destroyed', () => {
    // GIVEN the example with one worker listed
    const worker = plan.workers[0].name;
    const synth = synthImageAndVms({ ...homelab, allowVmReplacement: [worker] });
    // WHEN / THEN
    for (const n of plan.nodes) {
      const protectedNode = n.name !== worker;
      expect(synth.blocks('proxmox_virtual_environment_vm').get(`vm-${n.name}`)!.lifecycle.prevent_destroy).toBe(protectedNode);
      expect(synth.blocks('terraform_data').get(`identity-${n.name}`)!.lifecycle.prevent_destroy).toBe(protectedNode);
    }
  });

  test("defines each config apply as replaced with its VM and carrying its VM's instance marker in its config, and the health check as re-run by the markers", () => {
    // GIVEN the example stack as synth writes it
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-identity-'));
    try {
      const result = synthesizeClusters([homelab], outdir);
      expect(result.ok).toBe(true);
      const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks/homelab/cdk.tf.json'), 'utf8'));
      const data = json.resource.terraform_data as Record<string, any>;
      for (const n of plan.nodes) {
        // WHEN / THEN the marker is replaced whenever the VM is created (its id changes or becomes unknown)
        const markerName = Object.keys(data).find((k) => k.startsWith(`vms_instance-${n.name}_`))!;
        const vmName = Object.keys(json.resource.proxmox_virtual_environment_vm).find((k) => k.startsWith(`vms_vm-${n.name}_`))!;
        expect(data[markerName].triggers_replace).toEqual({ vm: `\${proxmox_virtual_environment_vm.${vmName}.id}` });
        // AND the apply is replaced only with its VM (so its reset reaches the old machine), while the marker's id,
        // in the node's config, re-applies the config to a VM created again after it vanished (no reset)
        const apply = Object.entries<any>(json.resource.talos_machine_configuration_apply).find(([k]) => k.startsWith(`talos_apply-${n.name}_`))![1];
        expect(apply.lifecycle.replace_triggered_by).toEqual([`proxmox_virtual_environment_vm.${vmName}.id`]);
        const instancePatches = (apply.config_patches as string[]).filter((p) => p.includes(`terraform_data.${markerName}.id`));
        expect(instancePatches).toHaveLength(1);
        expect(instancePatches[0]).toContain(VM_INSTANCE_ANNOTATION);
      }
      // AND the health check re-runs after any node gets a new machine, although the node list is the same
      const markers = Object.keys(data).filter((k) => k.startsWith('vms_instance-'));
      const health = Object.entries<any>(data).find(([k]) => k.startsWith('health_step_'))![1];
      expect(markers).toHaveLength(plan.nodes.length);
      expect([...health.lifecycle.replace_triggered_by].sort()).toEqual(markers.map((m) => `terraform_data.${m}`).sort());
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('fails when allowVmReplacement names a node the cluster does not have', () => {
    // GIVEN / WHEN
    const { problems } = checkCluster({ ...homelab, allowVmReplacement: ['homelab-worker-9'] });
    // THEN
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'error', path: 'allowVmReplacement[0]', value: 'homelab-worker-9' }));
  });
});

describe('teardown definition', () => {
  test('defines a teardown as the named cluster with every guard lifted, and the others untouched', () => {
    // GIVEN two clusters
    const other: ClusterDefinition = { ...homelab, name: 'lab' };
    // WHEN homelab is torn down
    const [torn, kept] = withTeardown([homelab, other], 'homelab');
    // THEN
    expect(torn).toEqual(forTeardown(homelab));
    expect(torn.allowMachineSecretsReplacement).toBe(true);
    expect(torn.allowVmReplacement).toEqual(planCluster(homelab).nodes.map((n) => n.name));
    expect(kept).toBe(other);
    expect(withTeardown([homelab], undefined)).toEqual([homelab]);
  });

  test('fails when the teardown names no defined cluster', () => {
    expect(() => withTeardown([homelab], 'homelb')).toThrow(/names no cluster of clusters\/index\.ts. Fix: use one of \[homelab\]/);
  });
});
