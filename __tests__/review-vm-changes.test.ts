import { compareVm } from '../review/vm-changes';

/** A VM block shaped like the synthesized `proxmox_virtual_environment_vm` (only what the rules read). */
function vm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'homelab-worker-2',
    node_name: 'pve2',
    vm_id: 8102,
    cpu: { cores: 4, type: 'host' },
    memory: { dedicated: 8192 },
    disk: [
      { interface: 'scsi0', datastore_id: 'local-lvm', size: 50, import_from: 'local:import/talos-v1.13.8.raw' },
      { interface: 'scsi1', datastore_id: 'local-lvm', size: 100 },
    ],
    lifecycle: { ignore_changes: ['disk[0].import_from'] },
    ...overrides,
  };
}

function effects(base: Record<string, unknown>, head: Record<string, unknown>): string[] {
  return compareVm(base, head).map((c) => `${c.path} ${c.from} -> ${c.to}: ${c.effect}`);
}

describe('compareVm (bpg/proxmox update semantics)', () => {
  test('defines a re-created VM when the host changes without migrate', () => {
    // GIVEN / WHEN
    const result = effects(vm(), vm({ node_name: 'pve1' }));
    // THEN
    expect(result).toEqual(['node_name pve2 -> pve1: replace']);
  });

  test('defines a live migration, not a replacement, when migrate is true', () => {
    // GIVEN / WHEN
    const result = effects(vm({ migrate: true }), vm({ migrate: true, node_name: 'pve1' }));
    // THEN
    expect(result).toEqual(['node_name pve2 -> pve1: in-place']);
  });

  test('defines a re-created VM when the VM ID changes', () => {
    // GIVEN / WHEN
    const result = effects(vm(), vm({ vm_id: 8110 }));
    // THEN
    expect(result).toEqual(['vm_id 8102 -> 8110: replace']);
  });

  test('defines ignored changes for attributes under lifecycle.ignore_changes', () => {
    // GIVEN a new boot image, as a Talos bump produces
    const head = vm();
    (head.disk as Array<Record<string, unknown>>)[0] = {
      interface: 'scsi0',
      datastore_id: 'local-lvm',
      size: 50,
      import_from: 'local:import/talos-v1.13.9.raw',
    };
    // WHEN
    const result = effects(vm(), head);
    // THEN
    expect(result).toEqual(['disk[0].import_from local:import/talos-v1.13.8.raw -> local:import/talos-v1.13.9.raw: ignored']);
  });

  test('defines a failing change when a disk shrinks and an online resize when it grows', () => {
    // GIVEN
    const disks = (size0: number, size1: number) => [
      { interface: 'scsi0', datastore_id: 'local-lvm', size: size0, import_from: 'local:import/talos-v1.13.8.raw' },
      { interface: 'scsi1', datastore_id: 'local-lvm', size: size1 },
    ];
    // WHEN
    const result = effects(vm(), vm({ disk: disks(40, 200) }));
    // THEN
    expect(result).toEqual(['disk[0].size 50 -> 40: fails', 'disk[1].size 100 -> 200: in-place']);
  });

  test('defines a restart when a disk moves to another datastore or the CPU changes', () => {
    // GIVEN
    const head = vm({ cpu: { cores: 8, type: 'host' } });
    (head.disk as Array<Record<string, unknown>>)[1] = { interface: 'scsi1', datastore_id: 'ceph', size: 100 };
    // WHEN
    const result = effects(vm(), head);
    // THEN
    expect(result).toEqual(['cpu.cores 4 -> 8: reboot', 'disk[1].datastore_id local-lvm -> ceph: reboot']);
  });

  test('defines pending and failing changes when the provider may not restart VMs', () => {
    // GIVEN
    const base = vm({ reboot_after_update: false });
    const head = vm({ reboot_after_update: false, cpu: { cores: 8, type: 'host' }, agent: { enabled: true, timeout: '5m' } });
    (head.disk as Array<Record<string, unknown>>)[1] = { interface: 'scsi1', datastore_id: 'ceph', size: 100 };
    // WHEN
    const result = effects(base, head);
    // THEN
    expect(result).toEqual([
      'agent.enabled (none) -> true: pending',
      'agent.timeout (none) -> 5m: in-place',
      'cpu.cores 4 -> 8: pending',
      'disk[1].datastore_id local-lvm -> ceph: fails',
    ]);
  });

  test('fails when a disk grows in the same change as cores, memory or the agent while the provider may not restart VMs', () => {
    // GIVEN a grown data disk next to more cores and memory (bpg vm.go refuses the resize after sending the rest)
    const base = vm({ reboot_after_update: false });
    const head = vm({ reboot_after_update: false, cpu: { cores: 8, type: 'host' }, memory: { dedicated: 16384 } });
    (head.disk as Array<Record<string, unknown>>)[1] = { interface: 'scsi1', datastore_id: 'local-lvm', size: 200 };
    // WHEN
    const changes = compareVm(base, head);
    // THEN the growth is reported as failing and tells the user to split the change
    expect(changes.map((c) => `${c.path}: ${c.effect}`)).toEqual(['cpu.cores: pending', 'disk[1].size: fails', 'memory.dedicated: pending']);
    expect(changes.find((c) => c.path === 'disk[1].size')?.why).toMatch(
      /pending changes that need a restart \(cpu\.cores, memory\.dedicated\).*split this into two changes/,
    );
  });

  test('defines a disk growth alone as an online resize when the provider may not restart VMs', () => {
    // GIVEN / WHEN
    const head = vm({ reboot_after_update: false });
    (head.disk as Array<Record<string, unknown>>)[1] = { interface: 'scsi1', datastore_id: 'local-lvm', size: 200 };
    const result = effects(vm({ reboot_after_update: false }), head);
    // THEN
    expect(result).toEqual(['disk[1].size 100 -> 200: in-place']);
  });

  test('defines added disks as in place and removed disks as failing', () => {
    // GIVEN
    const base = vm();
    const added = vm({ disk: [...(base.disk as unknown[]), { interface: 'scsi2', datastore_id: 'local-lvm', size: 10 }] });
    const removed = vm({ disk: [(base.disk as unknown[])[0]] });
    // WHEN
    const addResult = effects(base, added);
    const removeResult = effects(base, removed);
    // THEN
    expect(addResult).toEqual(['disk[2] (none) -> scsi2 10 GB on local-lvm: in-place']);
    expect(removeResult).toEqual(['disk[1] scsi1 100 GB on local-lvm -> (none): fails']);
  });

  test('defines hidden values for sensitive attributes', () => {
    // GIVEN / WHEN
    const result = compareVm(
      vm({ initialization: { user_account: { password: 'old' } } }),
      vm({ initialization: { user_account: { password: 'new' } } }),
    );
    // THEN
    expect(result).toEqual([
      expect.objectContaining({ path: 'initialization.user_account.password', from: '(sensitive, not shown)', to: '(sensitive, not shown)' }),
    ]);
    expect(JSON.stringify(result)).not.toMatch(/"(old|new)"/);
  });
});
