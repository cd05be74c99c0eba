/**
 * Where the Talos boot image is downloaded: once per Proxmox host that runs at least one node, or once per shared
 * image datastore (NFS, CephFS) for all the hosts that mount it. Pure: no CDKTF.
 */
import { PlannedHost, PlannedNode } from './cluster-plan';

/** One download of the boot image. */
export interface ImageDownload {
  /** Stable key (part of the construct ID): the host name, or `shared-<datastore>` for a shared datastore. */
  readonly key: string;
  /** Proxmox node that performs the download. */
  readonly host: string;
  /** Datastore the image lands in. */
  readonly datastore: string;
  /** Hosts whose VMs import their disk from this download, in declared host order. */
  readonly hosts: readonly string[];
}

/**
 * The downloads the nodes need, in declared host order. Throws when a node's host is not declared or when one
 * datastore is marked shared on some hosts and not on others.
 */
export function planImageDownloads(hosts: readonly PlannedHost[], nodes: readonly Pick<PlannedNode, 'name' | 'host' | 'path'>[]): ImageDownload[] {
  for (const node of nodes) {
    if (!hosts.some((h) => h.name === node.host)) {
      throw new Error(
        `${node.path}.host = ${JSON.stringify(node.host)}: node ${node.name} has no declared Proxmox host. Fix: set its host to one of [${hosts.map((h) => h.name).join(', ')}] or add the host to proxmoxHosts`,
      );
    }
  }
  for (const h of hosts) {
    const other = hosts.find((o) => o.imageDatastore === h.imageDatastore && o.imageDatastoreShared !== h.imageDatastoreShared);
    if (other) {
      const [shared, local] = h.imageDatastoreShared ? [h, other] : [other, h];
      throw new Error(
        `proxmoxHosts[${local.name}].imageDatastoreShared = false: datastore ${JSON.stringify(h.imageDatastore)} is shared on ${shared.name} but not on ${local.name}. Fix: a Proxmox storage ID names one storage cluster-wide, so set imageDatastoreShared the same on every host that uses it`,
      );
    }
  }
  const used = hosts.filter((h) => nodes.some((n) => n.host === h.name));
  const downloads: ImageDownload[] = [];
  for (const h of used) {
    if (!h.imageDatastoreShared) {
      downloads.push({ key: h.name, host: h.name, datastore: h.imageDatastore, hosts: [h.name] });
      continue;
    }
    const key = `shared-${h.imageDatastore}`;
    if (downloads.some((d) => d.key === key)) continue;
    const sharing = used.filter((o) => o.imageDatastoreShared && o.imageDatastore === h.imageDatastore).map((o) => o.name);
    downloads.push({ key, host: h.name, datastore: h.imageDatastore, hosts: sharing });
  }
  return downloads;
}
