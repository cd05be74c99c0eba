/**
 * What the bpg/proxmox provider (0.111) does with each changed attribute of a `proxmox_virtual_environment_vm`:
 * re-create the VM, fail, restart it, leave the change pending until the next VM start, or update it in place.
 * Facts, from the provider source (proxmoxtf/resource/vm/vm.go `CustomizeDiff`, `vmUpdate`,
 * `vmUpdateDiskLocationAndSize`; vm/disk/schema.go), its schema descriptions (`reboot_after_update`,
 * `import_from`), and issues bpg/terraform-provider-proxmox#1336 (adding disks in place), #1515/#2637 (EFI disk
 * changes re-create), #2218/#2596 (removed disks are not detached):
 * - `vm_id` is ForceNew; `node_name` is ForceNew unless `migrate = true`, which live-migrates the VM with its
 *   local disks; `disk.file_id` is ForceNew; `disk.import_from` is read only when the VM is created;
 * - a datastore change shuts the VM down, moves the disk and starts it again; a larger size resizes online;
 *   Proxmox cannot shrink a disk and the provider never applies a smaller size;
 * - hardware that is not hot-pluggable (CPU, memory, BIOS, machine, controller, agent…) changes at the next VM
 *   start: the provider restarts the VM itself unless `reboot_after_update = false`, in which case the change
 *   stays pending (a restart inside the guest is not enough) and changes that need the VM off fail;
 * - a disk that grows in the same apply as such a pending change fails: with pending reboot-required changes and
 *   `reboot_after_update = false`, `vmUpdateDiskLocationAndSize` refuses the resize ("cannot resize disks while the
 *   VM is running … disabled by 'reboot_after_update = false'", `rebootAfterUpdateDisabledError("resize disks")`,
 *   bpg/terraform-provider-proxmox v0.111.1 proxmoxtf/resource/vm/vm.go), after the other changes were already
 *   sent: the apply fails half-done. The two must go in separate changes.
 */
import { TerraformBlock, VmAttributeChange, VmEffect } from './review-change';
import { flattenAttributes, isIgnored } from './terraform-json';

interface Rule {
  readonly pattern: RegExp;
  readonly classify: (from: unknown, to: unknown, head: TerraformBlock) => { effect: VmEffect; why: string };
}

/** True when the VM block is replaced with another resource (`lifecycle.replace_triggered_by`: its identity pin). */
function replacedWithPin(head: TerraformBlock): boolean {
  const triggers = (head.lifecycle as { replace_triggered_by?: unknown } | undefined)?.replace_triggered_by;
  return Array.isArray(triggers) && triggers.length > 0;
}

const RULES: readonly Rule[] = [
  {
    pattern: /^vm_id$/,
    classify: () => ({ effect: 'replace', why: 'the VM ID is the identity of the VM in Proxmox (ForceNew)' }),
  },
  {
    pattern: /^node_name$/,
    classify: (_f, _t, head) =>
      head.migrate === true
        ? {
            effect: 'in-place',
            why: '`migrate = true`: the provider live-migrates the VM and its local disks to the new host (it needs datastores of the same names)',
          }
        : { effect: 'replace', why: 'a new Proxmox host re-creates the VM unless `migrate = true` (ForceNew)' },
  },
  {
    pattern: /^disk\[\d+\]\.file_id$/,
    classify: () => ({ effect: 'replace', why: '`disk.file_id` is ForceNew: the disk is re-imported into a new VM' }),
  },
  {
    pattern: /^disk\[\d+\]\.import_from$/,
    classify: () => ({ effect: 'ignored', why: '`import_from` is read only when a VM is created' }),
  },
  {
    pattern: /^disk\[\d+\]\.datastore_id$/,
    classify: (_f, _t, head) =>
      head.reboot_after_update === false
        ? { effect: 'fails', why: 'moving a disk needs the VM off and `reboot_after_update = false` refuses that' }
        : { effect: 'reboot', why: 'the provider shuts the VM down, moves the disk and starts the VM again' },
  },
  {
    pattern: /^disk\[\d+\]\.size$/,
    classify: (from, to) =>
      typeof from === 'number' && typeof to === 'number' && to < from
        ? { effect: 'fails', why: 'Proxmox cannot shrink a disk: the provider never applies it; only a new VM gets the smaller disk' }
        : { effect: 'in-place', why: 'the disk grows online' },
  },
  {
    // The provider updates the cloud-init address in place (Talos reads it only at boot); this project's VM is
    // replaced with its identity pin, which records the address (lib/node-identity.ts `vmLifecycle`).
    pattern: /^initialization\.ip_config\[\d+\]\.ipv4\.address$/,
    classify: (_f, _t, head) =>
      replacedWithPin(head)
        ? {
            effect: 'replace',
            why: 'the address is pinned to the node: its identity pin is replaced, and the VM with it (`replace_triggered_by`); refused unless `allowVmReplacement` lists the node',
          }
        : { effect: 'in-place', why: 'the provider rewrites the cloud-init drive; Talos reads it only at the next boot' },
  },
  {
    pattern: /^efi_disk/,
    classify: () => ({ effect: 'replace', why: 'EFI disk changes re-create the VM (bpg/terraform-provider-proxmox#1515, #2637)' }),
  },
  {
    pattern:
      /^(cpu|memory|numa|bios|machine|scsi_hardware|serial_device|operating_system|vga|kvm_arguments|agent\.(?:enabled|type|trim)|hostpci|usb|acpi|tablet_device)\b/,
    classify: (_f, _t, head) =>
      head.reboot_after_update === false
        ? {
            effect: 'pending',
            why: 'Proxmox applies it at the next start of the VM; the provider may not restart VMs (`reboot_after_update = false`) and a reboot inside Talos is not enough',
          }
        : { effect: 'reboot', why: 'Proxmox applies it at the next start of the VM: the provider restarts the VM right after the update' },
  },
];

const SENSITIVE = /password|secret|token|private|(^|[._])keys?($|[._[])|certificate/i;

function display(path: string, value: unknown): string {
  if (value === undefined) return '(none)';
  if (SENSITIVE.test(path)) return '(sensitive, not shown)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function disksOf(block: TerraformBlock): Array<Record<string, unknown>> {
  const disks = Array.isArray(block.disk) ? block.disk : block.disk ? [block.disk] : [];
  return disks as Array<Record<string, unknown>>;
}

/** Disks only one side has (matched by position, as the attribute paths are). */
function addedAndRemovedDisks(base: TerraformBlock, head: TerraformBlock): VmAttributeChange[] {
  const before = disksOf(base);
  const after = disksOf(head);
  const describe = (d: Record<string, unknown>) => `${d.interface} ${d.size ?? '?'} GB on ${d.datastore_id ?? '(default datastore)'}`;
  const added = after.slice(before.length).map((d, i) => ({
    path: `disk[${before.length + i}]`,
    from: '(none)',
    to: describe(d),
    effect: 'in-place' as const,
    why: 'a new disk is attached to the existing VM',
  }));
  const removed = before.slice(after.length).map((d, i) => ({
    path: `disk[${after.length + i}]`,
    from: describe(d),
    to: '(none)',
    effect: 'fails' as const,
    why: 'the provider does not detach or delete a removed disk',
  }));
  return [...added, ...removed];
}

/** True for attribute paths inside a disk only one side has (reported once by `addedAndRemovedDisks`). */
function inUnpairedDisk(path: string, pairedDisks: number): boolean {
  const m = /^disk\[(\d+)\]/.exec(path);
  return m !== null && Number(m[1]) >= pairedDisks;
}

/**
 * Every changed attribute of one node's VM and its effect. Attributes covered by the head's
 * `lifecycle.ignore_changes` are reported as `ignored` (Terraform keeps the running VM as it is).
 */
export function compareVm(base: TerraformBlock, head: TerraformBlock): VmAttributeChange[] {
  const before = flattenAttributes(base);
  const after = flattenAttributes(head);
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const pairedDisks = Math.min(disksOf(base).length, disksOf(head).length);
  const changes: VmAttributeChange[] = [];
  for (const path of paths) {
    if (inUnpairedDisk(path, pairedDisks)) continue;
    const from = before.get(path);
    const to = after.get(path);
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    const shown = { path, from: display(path, from), to: display(path, to) };
    if (isIgnored(head, path)) {
      changes.push({ ...shown, effect: 'ignored', why: '`lifecycle.ignore_changes` keeps the existing VM as it is' });
      continue;
    }
    const rule = RULES.find((r) => r.pattern.test(path));
    changes.push({ ...shown, ...(rule ? rule.classify(from, to, head) : { effect: 'in-place', why: 'updated in place' }) });
  }
  return splitDiskGrowth([...changes, ...addedAndRemovedDisks(base, head)], head);
}

/** True for a disk size change that grows the disk (an online resize on its own). */
function isDiskGrowth(c: VmAttributeChange): boolean {
  return /^disk\[\d+\]\.size$/.test(c.path) && c.effect === 'in-place';
}

/**
 * With `reboot_after_update = false`, a disk growth next to a change Proxmox keeps pending until the next VM start
 * (cores, memory, agent…) fails the apply after the pending change was sent (see the header): such a growth is
 * reported as failing, naming the changes to split from.
 */
function splitDiskGrowth(changes: VmAttributeChange[], head: TerraformBlock): VmAttributeChange[] {
  if (head.reboot_after_update !== false) return changes;
  const pending = changes.filter((c) => c.effect === 'pending').map((c) => c.path);
  if (pending.length === 0) return changes;
  return changes.map((c) =>
    isDiskGrowth(c)
      ? {
          ...c,
          effect: 'fails' as const,
          why:
            `the provider refuses to resize a disk while the VM has pending changes that need a restart (${pending.join(', ')}) and ` +
            '`reboot_after_update = false`, after it already sent those changes: split this into two changes — grow the disk in one deploy, change the rest in another',
        }
      : c,
  );
}
