/**
 * Markdown for node and VM changes: nodes added and removed, VMs grouped by the worst thing that happens to
 * them (re-created, cannot be applied, restarted, updated), and changes `ignore_changes` keeps off the VMs.
 */
import { ReviewChange, VmAttributeChange, VmEffect } from './review-change';

type VmChanged = Extract<ReviewChange, { kind: 'vm-changed' }>;
type NodeRemoved = Extract<ReviewChange, { kind: 'node-removed' }>;

const GROUPS: ReadonlyArray<{ effect: VmEffect; title: string; note: string }> = [
  {
    effect: 'replace',
    title: 'VMs re-created',
    note: 'Terraform destroys the VM and creates a new one: its disks and data are lost and the node joins again as a new machine.',
  },
  { effect: 'fails', title: 'VM changes that cannot be applied', note: 'The provider refuses or never applies these; the plan keeps showing them.' },
  {
    effect: 'reboot',
    title: 'VMs restarted by the provider',
    note: 'These restarts happen during the Terraform apply, outside the health-gated rollout order.',
  },
  {
    effect: 'pending',
    title: 'VM changes waiting for a VM restart',
    note: 'Stored as pending in Proxmox: they take effect when the VM is next stopped and started from Proxmox (one node at a time, please).',
  },
  { effect: 'in-place', title: 'VM updates in place', note: 'No restart.' },
];

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

function changeLine(c: VmAttributeChange): string {
  return `  - ${code(c.path)}: ${code(c.from)} → ${code(c.to)} — ${c.why}`;
}

function worst(vm: VmChanged): VmEffect | undefined {
  return GROUPS.find((g) => vm.changes.some((c) => c.effect === g.effect))?.effect;
}

const ROLE: Readonly<Record<string, string>> = { controlplane: 'control plane', worker: 'worker' };

function where(c: { role: string; ip: string; host: string }): string {
  return `${ROLE[c.role] ?? c.role}, ${c.ip} on ${c.host || '(no host)'}`;
}

function removedLine(c: NodeRemoved): string {
  const graceful = c.role === 'controlplane' ? ' gracefully (it leaves etcd first)' : ' gracefully (it is drained first)';
  const reset = c.onDestroy?.reset
    ? `Talos resets the node${c.onDestroy.graceful ? graceful : ''}, then Terraform destroys the VM.`
    : 'Terraform destroys the VM without resetting Talos first.';
  const etcd =
    c.role === 'controlplane' && !(c.onDestroy?.reset && c.onDestroy.graceful)
      ? ' **The etcd member stays registered: remove it with `talosctl etcd remove-member`.**'
      : '';
  return `- Removed: ${code(c.node)} (${where(c)}). ${reset}${etcd}`;
}

/** The "Nodes" and VM sections, or no lines when nothing changes. */
export function renderNodeSections(changes: readonly ReviewChange[]): string[] {
  const out: string[] = [];
  const added = changes.filter((c): c is Extract<ReviewChange, { kind: 'node-added' }> => c.kind === 'node-added');
  const removed = changes.filter((c): c is NodeRemoved => c.kind === 'node-removed');
  const reused = changes.filter((c): c is Extract<ReviewChange, { kind: 'vm-id-reuse' }> => c.kind === 'vm-id-reuse');
  if (added.length + removed.length > 0) {
    out.push('### Nodes', '');
    for (const c of added) out.push(`- Added: ${code(c.node)} (${where(c)}).`);
    out.push(...removed.map(removedLine));
    for (const c of reused) {
      out.push(
        `- ⚠️ VM ID ${c.vmId} is released by ${code(c.removedNode)} and taken by ${code(c.addedNode)} in the same apply. Terraform destroys and creates in parallel, so the create fails while the old VM still exists: run the deploy again, or give ${code(c.addedNode)} its own \`vmId\`.`,
      );
    }
    out.push('');
  }
  const vms = changes.filter((c): c is VmChanged => c.kind === 'vm-changed');
  for (const group of GROUPS) {
    const members = vms.filter((vm) => worst(vm) === group.effect);
    if (members.length === 0) continue;
    out.push(`### ${group.title}`, '', group.note, '');
    for (const vm of members) {
      const label = group.effect === 'replace' ? `**${code(vm.node)} is re-created**` : code(vm.node);
      out.push(`- ${label}:`, ...vm.changes.filter((c) => c.effect !== 'ignored').map(changeLine));
    }
    out.push('');
  }
  const ignored = new Map<string, string[]>();
  for (const vm of vms) for (const c of vm.changes) if (c.effect === 'ignored') ignored.set(c.path, [...(ignored.get(c.path) ?? []), vm.node]);
  if (ignored.size > 0) {
    out.push('### VM attributes left as they are', '');
    for (const [path, nodes] of ignored)
      out.push(
        `- ${code(path)} changes on ${nodes.map(code).join(', ')}; existing VMs keep the old value (\`ignore_changes\`, or read only at creation): only new VMs use it.`,
      );
    out.push('');
  }
  return out;
}
