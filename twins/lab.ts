/**
 * A Proxmox lab that fits given clusters, as the answers of the bpg/proxmox data sources the lab checks read
 * (constructs/lab-checks.ts): Proxmox VE 8.4, every declared host an online node, on each host every datastore the
 * definitions name with the content types they need (`images` for VM disks, `import` for the boot image), `shared`
 * as `imageDatastoreShared` says, 1000 GiB free, and no VM. Shaped as the provider's schema (v0.111.1): every
 * attribute present, null where the provider leaves it unset. The offline plan assumes such a lab; tests start
 * from it and change one thing.
 */
import { ClusterDefinition } from '../lib/cluster-definition';
import { planCluster } from '../lib/cluster-plan';
import type { FixtureFile } from './fixtures';

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
export interface LabAnswers {
  version: { id: string; release: string; repository_id: string; version: string };
  nodes: { names: string[]; online: boolean[] };
  /** `proxmox_datastores` per node name. */
  datastores: Record<string, { datastores: DatastoreAnswer[]; node_name: string; filters: null }>;
  vms: { vms: VmAnswer[] };
}

/** Bytes in a GiB. */
export const GIB = 1024 ** 3;

/** A datastore answer of 1000 GiB with `freeGiB` free. */
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

/** The lab fitting every cluster of `definitions` at once. */
export function labFitting(definitions: readonly ClusterDefinition[]): LabAnswers {
  const hosts = new Map<string, Map<string, { content: Set<string>; shared: boolean }>>();
  const need = (host: string, store: string, type: string, shared = false) => {
    const stores = hosts.get(host) ?? new Map<string, { content: Set<string>; shared: boolean }>();
    hosts.set(host, stores);
    const s = stores.get(store) ?? { content: new Set<string>(), shared: false };
    stores.set(store, { content: s.content.add(type), shared: s.shared || shared });
  };
  for (const plan of definitions.map((d) => planCluster(d))) {
    for (const h of plan.hosts) {
      need(h.name, h.vmDatastore, 'images');
      need(h.name, h.imageDatastore, 'import', h.imageDatastoreShared);
    }
    for (const n of plan.nodes) for (const d of n.extraDisks) need(n.host, d.datastore, 'images');
  }
  const names = [...hosts.keys()];
  const answer = (node: string) => ({
    node_name: node,
    filters: null,
    datastores: [...hosts.get(node)!].map(([id, s]) => datastore(node, id, s.shared ? 'nfs' : 'dir', [...s.content].sort(), 1000, s.shared)),
  });
  return {
    version: { id: 'version', release: '8.4', repository_id: 'c4f5e6d7', version: '8.4.1' },
    nodes: { names, online: names.map(() => true) },
    datastores: Object.fromEntries(names.map((node) => [node, answer(node)])),
    vms: { vms: [] },
  };
}

/** `lab` as the twins' data-source overrides (twins/fixtures.ts): one answer per data source, datastores per node. */
export function labFixtures(lab: LabAnswers): FixtureFile {
  return {
    data: {
      proxmox_version: [{ values: lab.version }],
      proxmox_virtual_environment_nodes: [{ values: lab.nodes }],
      proxmox_datastores: Object.entries(lab.datastores).map(([node, d]) => ({ when: { node_name: node }, values: { datastores: d.datastores } })),
      proxmox_virtual_environment_vms: [{ values: lab.vms }],
    },
  };
}
