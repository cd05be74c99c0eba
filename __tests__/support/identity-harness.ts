/**
 * Runs identity edits (VM ID, address, name, host, vmIdBase) of a running cluster under real Terraform. The test
 * stack is the rollout harness's (ClusterRollout, NodeCleanup, per-node config-apply stand-ins with their reset, health and
 * manifest steps, wired as stacks/talos-cluster-stack.ts) plus what NodeVms adds around each VM, from the same
 * functions (lib/node-identity.ts): the VM-ID and address claims, the per-node identity pins, and a VM stand-in per
 * node with the VM's lifecycle (`prevent_destroy`, `ignore_changes` on an automatically placed host,
 * `replace_triggered_by` its identity pin) and its replacement rule (bpg/proxmox 0.111: `vm_id` forces a new VM;
 * `node_name` does not with `migrate = true`; the address is updated in place). The
 * apply stand-in is replaced with its VM (`replace_triggered_by` the VM's id) and its config is applied again when its
 * VM's `instance-<node>` marker is replaced, as TalosCluster's apply with its instance patch.
 *
 * Proxmox is fake-proxmox.js: each VM stand-in registers its VM ID when created (Proxmox refuses a duplicate) and
 * deletes it when destroyed. A node removed from the definition takes its VM stand-in's block (and its destroy-time
 * provisioner) with it, so the harness adds a `removed` block (Terraform >= 1.9) carrying the same provisioner for
 * each node of its previous deploy that is gone: the VM is deleted exactly where Terraform destroys the VM, and no
 * stand-in orders one node's VM after another's (only the claims do).
 */
import fs from 'node:fs';
import path from 'node:path';
import { vmInstanceMarker } from '../../constructs/node-vms';
import { LocalBackend, TerraformData, TerraformIterator, TerraformStack, Testing } from '../../constructs/cdk';
import { checkCluster } from '../../lib/check-cluster';
import { ClusterDefinition } from '../../lib/cluster-definition';
import { identityClaims, identityPin, replacementAllowed, vmLifecycle } from '../../lib/node-identity';
import { formatProblem } from '../../lib/problems';
import { SimulatedWorkspace } from './simulated-workspace';
import { addRolloutAndTalosStandIns, DeployTargets, withRemovedApplies } from './rollout-harness';
import { TerraformResult } from './terraform-cli';
import { resourceAddress } from '../../constructs/terraform-address';

/** What deletes a VM stand-in's VM in the simulated Proxmox (a destroy-time provisioner; `proxmox` is fake-proxmox.js). */
const vmDeleteCommand = 'proxmox destroy ${self.input.vm_id}';
/** Where a harness keeps the node names of its last successful deploy. */
const DEPLOYED_NODES = 'deployed-nodes.json';

/** The identity test stack's cdk.tf.json for `def` (validated as synth validates it) and `targets`. */
export function synthIdentityStack(def: ClusterDefinition, targets: DeployTargets): string {
  const { validated: plan, problems } = checkCluster(def);
  if (!plan) throw new Error(problems.map((p) => formatProblem(def.name, p)).join('\n'));
  const stack = new TerraformStack(Testing.app(), 'identity-test');
  new LocalBackend(stack, { path: 'terraform.tfstate' });
  // NodeVms: claims, pins, VMs (stand-ins) — see constructs/node-vms.ts.
  const claimMap = TerraformIterator.fromMap(identityClaims(plan));
  const claims = new TerraformData(stack, 'claims', { forEach: claimMap, input: claimMap.value, triggersReplace: claimMap.value });
  const vms = new Map<string, TerraformData>();
  const markers = new Map<string, TerraformData>();
  for (const node of plan.nodes) {
    const pin = new TerraformData(stack, `identity-${node.name}`, {
      input: identityPin(node),
      triggersReplace: identityPin(node),
      lifecycle: { preventDestroy: !replacementAllowed(plan, node) },
    });
    const lifecycle = vmLifecycle(plan, node, resourceAddress(pin));
    const vm = new TerraformData(stack, `vm-${node.name}`, {
      input: { vm_id: String(node.vmId), node_name: node.host, ip: node.ip },
      triggersReplace: { vm_id: String(node.vmId) },
      lifecycle: {
        preventDestroy: lifecycle.preventDestroy,
        ignoreChanges: lifecycle.ignoreChanges.filter((a) => a === 'node_name').map((a) => `input["${a}"]`),
        replaceTriggeredBy: [...lifecycle.replaceTriggeredBy],
      },
      dependsOn: [claims],
      provisioners: [
        { type: 'local-exec', command: `proxmox create ${node.vmId} ${node.name} ${node.ip} ${node.role} ${node.host}` },
        // Runs when the VM is replaced or torn down; for a node removed from the definition the harness adds a
        // `removed` block with the same provisioner (IdentityHarness.write).
        { type: 'local-exec', when: 'destroy', command: vmDeleteCommand },
      ],
    });
    vms.set(node.name, vm);
    markers.set(node.name, vmInstanceMarker(stack, node, vm.id));
  }
  addRolloutAndTalosStandIns(stack, plan, targets, {
    after: [...vms.values()],
    applyWiring: (node) => ({
      dependsOn: [vms.get(node.name)!],
      replaceTriggeredBy: [`${resourceAddress(vms.get(node.name)!)}.id`],
      instance: markers.get(node.name)!,
    }),
    rebuilds: [...markers.values()],
  });
  return Testing.synth(stack);
}

/** A simulated cluster and Proxmox plus a Terraform working folder for the identity stack. */
export class IdentityHarness extends SimulatedWorkspace {
  private write(def: ClusterDefinition, targets: DeployTargets, edit?: (json: any) => void): TerraformResult | undefined {
    const json = JSON.parse(synthIdentityStack(def, targets));
    const current = new Set(Object.keys(json.resource.terraform_data).filter((k) => k.startsWith('vm-')));
    const removed = this.deployedVms().filter((k) => !current.has(k));
    if (removed.length > 0) {
      json.removed = removed.map((k) => ({
        from: `terraform_data.${k}`,
        lifecycle: { destroy: true },
        provisioner: [{ 'local-exec': { when: 'destroy', command: vmDeleteCommand } }],
      }));
    }
    withRemovedApplies(json, this.workDir);
    edit?.(json);
    return this.writeConfig(JSON.stringify(json, null, 2));
  }

  /** Synthesizes the stack for `def` (optionally edited, to show what a guard prevents) and runs `terraform apply`. */
  deploy(def: ClusterDefinition, targets: DeployTargets, edit?: (json: any) => void): TerraformResult {
    const result = this.write(def, targets, edit) ?? this.terraform(['apply', '-auto-approve', '-input=false', '-no-color']);
    if (result.code === 0) {
      const json = JSON.parse(fs.readFileSync(path.join(this.workDir, 'cdk.tf.json'), 'utf8'));
      const vms = Object.keys(json.resource.terraform_data).filter((k) => k.startsWith('vm-'));
      fs.writeFileSync(path.join(this.workDir, DEPLOYED_NODES), JSON.stringify(vms));
    }
    return result;
  }

  /** VM stand-in names of the last successful deploy. */
  private deployedVms(): string[] {
    const file = path.join(this.workDir, DEPLOYED_NODES);
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as string[]) : [];
  }

  /** Synthesizes the stack for `def` and runs `terraform destroy` (a teardown). */
  destroy(def: ClusterDefinition, targets: DeployTargets): TerraformResult {
    return this.write(def, targets) ?? this.terraform(['destroy', '-auto-approve', '-input=false', '-no-color']);
  }

  /** The `input` of every stand-in in the state, by address without the construct-path hash. */
  inputs(): Record<string, unknown> {
    return this.stateValues((v) => v.input);
  }
}
