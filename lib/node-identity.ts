/**
 * What identifies a node, and the Terraform lifecycle that keeps each edit to one meaning (docs/node-lifecycle.md).
 * Pure: no CDKTF; `NodeVms` wires it.
 *
 * A node is its **name**: the Terraform addresses (`vm-<name>`, `apply-<name>`, rollout steps), the Kubernetes
 * Node, the derived MAC. Its **VM ID** and **address** are pinned to the name for the node's life: an edit that
 * changes either is a rebuild (the VM is replaced with its identity pin) and is refused at plan time
 * (`prevent_destroy`) unless the node is listed in `allowVmReplacement`. Its **host** is where automatic placement put it at creation, or the `host` the definition
 * names: only an explicit `host` edit moves a VM.
 */
import { ClusterPlan, PlannedNode } from './cluster-plan';

/** VM attributes never changed after creation, whatever the definition says. */
export const VM_IGNORED_CHANGES: readonly string[] = ['disk[0].import_from'];

/** The lifecycle of a node's VM. */
export interface VmLifecycle {
  /** True unless the node is listed in `allowVmReplacement`: Terraform then refuses any plan that replaces the VM. */
  readonly preventDestroy: boolean;
  /**
   * The boot disk's image source, and for an automatically placed node its host (`node_name`): adding or removing
   * a host, or another node, re-runs placement, and that must never live-migrate a running VM.
   */
  readonly ignoreChanges: readonly string[];
  /**
   * The node's identity pin (its Terraform address): the VM is replaced whenever the pin is. bpg/proxmox replaces a
   * VM only for a new `vm_id` (ForceNew) and updates the cloud-init address in place, which a running Talos node
   * does not read again; so without this an address change of a node with an explicit `vmId`, allowed by
   * `allowVmReplacement`, would replace the pin, keep the VM, and configure an address the node never gets. With it
   * the override means one thing for either identity field: a rebuild (VM, instance marker, config apply).
   */
  readonly replaceTriggeredBy: readonly string[];
}

/** True when the definition lets Terraform replace this node's VM. */
export function replacementAllowed(plan: Pick<ClusterPlan, 'allowVmReplacement'>, node: Pick<PlannedNode, 'name'>): boolean {
  return plan.allowVmReplacement.includes(node.name);
}

/** The lifecycle of `node`'s VM, whose identity pin has the Terraform address `pinAddress` (`identityPin`). */
export function vmLifecycle(
  plan: Pick<ClusterPlan, 'allowVmReplacement'>,
  node: Pick<PlannedNode, 'name' | 'hostExplicit'>,
  pinAddress: string,
): VmLifecycle {
  return {
    preventDestroy: !replacementAllowed(plan, node),
    ignoreChanges: [...VM_IGNORED_CHANGES, ...(node.hostExplicit ? [] : ['node_name'])],
    replaceTriggeredBy: [pinAddress],
  };
}

/**
 * What a node's identity pin records (`terraform_data` `triggers_replace`): a change of either replaces the pin,
 * which `prevent_destroy` refuses, so an address change is refused even when bpg/proxmox alone would keep the VM (an
 * explicit `vmId`). With `allowVmReplacement` the pin's replacement replaces the VM (`VmLifecycle.replaceTriggeredBy`):
 * the running node never gets a new address from an in-place edit (docs/node-lifecycle.md).
 */
export function identityPin(node: Pick<PlannedNode, 'vmId' | 'ip'>): Record<string, string> {
  return { vm_id: String(node.vmId), ip: node.ip };
}

/**
 * Claims of the Proxmox VM IDs and addresses, keyed `vm-id-<id>` and `ip-<address>`, each naming the node that
 * holds it. VMs depend on the claims; a claim whose holder changes (a node renamed at the same address or VM ID) is
 * replaced, so Terraform deletes the old VM, then re-creates the claim, then creates the new VM: never two VMs
 * with one VM ID (Proxmox refuses it) or one address at the same time.
 */
export function identityClaims(plan: Pick<ClusterPlan, 'nodes'>): Record<string, string> {
  return Object.fromEntries(
    plan.nodes.flatMap((n) => [
      [`vm-id-${n.vmId}`, n.name],
      [`ip-${n.ip}`, n.name],
    ]),
  );
}
