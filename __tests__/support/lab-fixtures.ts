/**
 * What the bpg/proxmox data sources the lab checks read would answer for a homelab-like lab (pve1, pve2, a
 * `local` directory store with `import` and an LVM-thin `local-lvm`), shaped as the provider's schema (v0.111.1):
 * every attribute present, null where the provider leaves it unset. Tests change one thing at a time.
 */

/** One element of `proxmox_datastores.datastores`. */
export interface DatastoreAnswer {
  active: boolean | null;
  content_types: string[];
  enabled: boolean | null;
  id: string;
  node_name: string;
  shared: boolean | null;
  space_available: number | null;
  space_total: number | null;
  space_used: number | null;
  space_used_fraction: number | null;
  type: string;
}

/** One element of `proxmox_virtual_environment_vms.vms`. */
export interface VmAnswer {
  name: string;
  node_name: string;
  status: string;
  tags: string[] | null;
  template: boolean;
  vm_id: number;
}

/** The answers of the four data sources. */
export interface LabFixture {
  version: { id: string; release: string; repository_id: string; version: string };
  nodes: { names: string[]; online: boolean[] };
  /** `proxmox_datastores` per node name (every node of the lab, whether or not the checks read it). */
  datastores: Record<string, { datastores: DatastoreAnswer[]; node_name: string; filters: null }>;
  vms: { vms: VmAnswer[] };
}

export const GIB = 1024 ** 3;

/** A datastore answer with full space figures. */
export function datastore(node: string, id: string, type: string, content: string[], freeGiB: number, shared = false): DatastoreAnswer {
  const total = 1000 * GIB;
  const avail = freeGiB * GIB;
  return {
    active: true,
    content_types: content,
    enabled: true,
    id,
    node_name: node,
    shared,
    space_available: avail,
    space_total: total,
    space_used: total - avail,
    space_used_fraction: (total - avail) / total,
    type,
  };
}

/** A clean lab: Proxmox VE 8.4, pve1 and pve2 online, plenty of space, one unrelated VM (100). */
export function cleanLab(): LabFixture {
  const stores = (node: string) => ({
    node_name: node,
    filters: null,
    datastores: [
      datastore(node, 'local', 'dir', ['backup', 'import', 'iso', 'vztmpl'], 80),
      datastore(node, 'local-lvm', 'lvmthin', ['images', 'rootdir'], 800),
    ],
  });
  return {
    version: { id: 'version', release: '8.4', repository_id: 'c4f5e6d7', version: '8.4.1' },
    nodes: { names: ['pve1', 'pve2'], online: [true, true] },
    datastores: { pve1: stores('pve1'), pve2: stores('pve2') },
    vms: { vms: [{ name: 'pihole', node_name: 'pve1', status: 'running', tags: ['dns'], template: false, vm_id: 100 }] },
  };
}
