/**
 * Node-level changes: nodes added and removed, what happens to each existing node's VM, boot images downloaded
 * or deleted per host, and a control-plane count that becomes even.
 */
import { PlannedNode } from '../lib/cluster-plan';
import { ClusterOutput, ReviewChange, TerraformJson } from './review-change';
import { resourcesOf } from './terraform-json';
import { compareVm } from './vm-changes';

const VM_TYPE = 'proxmox_virtual_environment_vm';

function vmOf(tf: TerraformJson, node: string) {
  return resourcesOf(tf, VM_TYPE).find((r) => r.block.name === node)?.block;
}

/** The base's `on_destroy` settings of a node's config apply (matched by its `node` attribute: IP or name). */
function onDestroyOf(tf: TerraformJson, n: PlannedNode): { reset: boolean; graceful: boolean } | undefined {
  const apply = resourcesOf(tf, 'talos_machine_configuration_apply').find((r) => r.block.node === n.ip || r.block.node === n.name)?.block;
  if (!apply) return undefined;
  const raw = apply.on_destroy as { reset?: unknown; graceful?: unknown } | undefined;
  return { reset: raw?.reset === true, graceful: raw?.graceful !== false };
}

/** Added and removed nodes, and the VM changes of the nodes both revisions have (only VMs that change). */
export function nodeChanges(base: ClusterOutput, head: ClusterOutput): ReviewChange[] {
  const baseNodes = new Map(base.summary.nodes.map((n) => [n.name, n]));
  const headNames = new Set(head.summary.nodes.map((n) => n.name));
  const changes: ReviewChange[] = [];
  for (const n of head.summary.nodes) {
    if (!baseNodes.has(n.name)) changes.push({ kind: 'node-added', node: n.name, role: n.role, host: n.host, ip: n.ip });
  }
  for (const n of base.summary.nodes) {
    if (headNames.has(n.name)) continue;
    const onDestroy = onDestroyOf(base.tfJson, n);
    changes.push({ kind: 'node-removed', node: n.name, role: n.role, host: n.host, ip: n.ip, ...(onDestroy ? { onDestroy } : {}) });
  }
  for (const added of head.summary.nodes.filter((n) => !baseNodes.has(n.name))) {
    const freed = base.summary.nodes.find((n) => !headNames.has(n.name) && n.vmId === added.vmId);
    if (freed) changes.push({ kind: 'vm-id-reuse', vmId: added.vmId, removedNode: freed.name, addedNode: added.name });
  }
  const allowed = head.summary.allowVmReplacement ?? [];
  for (const n of head.summary.nodes) {
    const was = baseNodes.get(n.name);
    if (!was) continue;
    for (const field of ['vmId', 'ip'] as const) {
      if (was[field] !== n[field])
        changes.push({
          kind: 'identity-change',
          node: n.name,
          field,
          from: String(was[field]),
          to: String(n[field]),
          allowed: allowed.includes(n.name),
        });
    }
  }
  for (const n of head.summary.nodes) {
    const before = baseNodes.has(n.name) ? vmOf(base.tfJson, n.name) : undefined;
    const after = vmOf(head.tfJson, n.name);
    if (!before || !after) continue;
    const vm = compareVm(before, after);
    if (vm.length > 0) changes.push({ kind: 'vm-changed', node: n.name, replaced: vm.some((c) => c.effect === 'replace'), changes: vm });
  }
  return changes;
}

/** Names of the nodes whose VM is re-created. */
export function replacedNodes(changes: readonly ReviewChange[]): Set<string> {
  return new Set(changes.flatMap((c) => (c.kind === 'vm-changed' && c.replaced ? [c.node] : [])));
}

function downloads(tf: TerraformJson | undefined): Map<string, { host: string; file: string }> {
  const out = new Map<string, { host: string; file: string }>();
  for (const { block } of resourcesOf(tf, 'proxmox_download_file')) {
    const host = String(block.node_name);
    const file = String(block.file_name ?? block.url);
    out.set(`${host}\u0000${file}`, { host, file });
  }
  return out;
}

/** Boot images downloaded to, or deleted from, each Proxmox host. */
export function imageDownloadChanges(base: ClusterOutput | undefined, head: ClusterOutput): ReviewChange[] {
  const before = downloads(base?.tfJson);
  const after = downloads(head.tfJson);
  return [
    ...[...after].filter(([k]) => !before.has(k)).map(([, d]) => ({ kind: 'image-download' as const, change: 'added' as const, ...d })),
    ...[...before].filter(([k]) => !after.has(k)).map(([, d]) => ({ kind: 'image-download' as const, change: 'removed' as const, ...d })),
  ];
}

/** A warning when the head's control-plane count is even and differs from the base's (etcd quorum). */
export function controlPlaneCountChange(base: ClusterOutput | undefined, head: ClusterOutput): ReviewChange[] {
  const count = (o: ClusterOutput) => o.summary.nodes.filter((n) => n.role === 'controlplane').length;
  const to = count(head);
  const from = base ? count(base) : 0;
  return to % 2 === 0 && to !== from ? [{ kind: 'control-plane-count', from, to }] : [];
}
