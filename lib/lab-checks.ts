/**
 * Plan-time checks of the live Proxmox lab, as Terraform expressions: each check is a `condition` and an
 * `error_message` for a `lifecycle.precondition`, reading the bpg/proxmox data sources the `LabChecks` construct
 * declares. Pure: builds strings from the plan and the data sources' addresses, no CDKTF.
 *
 * What the data sources hold (bpg/terraform-provider-proxmox v0.111.1):
 * - `proxmox_version.release`: the point release as `x.y` (`fwprovider/datasource_version.go`);
 * - `proxmox_virtual_environment_nodes.names` / `.online`: parallel lists, `online` is `status == "online"`
 *   (`proxmoxtf/datasource/nodes.go`);
 * - `proxmox_datastores.datastores[*]`: `id`, `content_types` (a set: `images`, `import`, `iso`, …, split from
 *   the API's comma-separated `content`), `shared`, `active`, `enabled` (null when the API omits them) and
 *   `space_available` in bytes (null for an inactive store) (`fwprovider/nodes/datastores/datasource.go`);
 *   reading it for a node that is not in the cluster or offline fails, so it is read only for online members;
 * - `proxmox_virtual_environment_vms.vms[*]`: `vm_id`, `name`, `node_name`, `tags` (split on `;`, sorted, null when
 *   the VM has none); a node that does not answer (HTTP 595) is skipped with a warning (`proxmoxtf/datasource/vms.go`).
 *
 * HCL's `||` and `&&` evaluate both sides, so every check reads as `!(guard) || try(check, false)`: a check whose
 * subject is missing (an unknown host's datastore) passes, and only the check that names the cause fails.
 */
import { ClusterPlan, PlannedNode } from './cluster-plan';
import { planImageDownloads } from './image-downloads';

/** Oldest Proxmox VE release with the `import` content type that `proxmox_download_file` uses (bpg docs). */
export const MIN_PROXMOX_RELEASE = { major: 8, minor: 4 } as const;

/** Terraform addresses of the data sources the checks read (e.g. `data.proxmox_version.lab-checks_version_1A2B3C4D`). */
export interface LabDataAddresses {
  /** `proxmox_version`. */
  readonly version: string;
  /** `proxmox_virtual_environment_nodes`. */
  readonly nodes: string;
  /** `proxmox_datastores`, one instance per host (`for_each`, key = host name). */
  readonly datastores: string;
  /** `proxmox_virtual_environment_vms` of the whole Proxmox cluster. */
  readonly vms: string;
}

/** One precondition: what it checks, and the Terraform condition and error message. */
export interface LabCheck {
  /** Short name of the check and its subject, e.g. `image-datastore-import pve1/local` (for tests and docs). */
  readonly subject: string;
  /** A `${…}` boolean expression. */
  readonly condition: string;
  /** A Terraform string template; starts with the cluster name, names what was found and the fix. */
  readonly errorMessage: string;
}

/** A Terraform string literal (names here are DNS labels and storage IDs; JSON escaping is HCL-compatible). */
const lit = (s: string) => JSON.stringify(s);
const GIB = 1024 ** 3;

/** The datastores a host needs, with the definition path that names each. */
interface HostStores {
  readonly host: string;
  readonly hostPath: string;
  /** Datastores VM disks (boot, extra, cloud-init) go to, with the definition path naming each. */
  readonly vmStores: ReadonlyMap<string, string>;
  readonly imageStore: string;
  readonly imageShared: boolean;
}

/** The hosts that run nodes, with the datastores their nodes use. */
function hostStores(plan: ClusterPlan): HostStores[] {
  const used = new Set(planImageDownloads(plan.hosts, plan.nodes).flatMap((d) => d.hosts));
  return plan.hosts.flatMap((h, i) => {
    if (!used.has(h.name)) return [];
    const vmStores = new Map<string, string>([[h.vmDatastore, `proxmoxHosts[${i}].vmDatastore`]]);
    for (const n of plan.nodes.filter((n) => n.host === h.name)) {
      n.extraDisks.forEach((d, j) => {
        if (!vmStores.has(d.datastore)) vmStores.set(d.datastore, `${n.path}.extraDisks[${j}].datastore`);
      });
    }
    return [{ host: h.name, hostPath: `proxmoxHosts[${i}]`, vmStores, imageStore: h.imageDatastore, imageShared: h.imageDatastoreShared }];
  });
}

/** Hosts whose datastores are read: those running nodes (the `for_each` of the datastores data source). */
export function datastoreHosts(plan: ClusterPlan): string[] {
  return hostStores(plan).map((h) => h.host);
}

/** Every disk a node's VM gets, by datastore, in bytes (boot disk on the host's vmDatastore, extra disks). */
function nodeDisks(plan: ClusterPlan, node: PlannedNode): Map<string, number> {
  const vmStore = plan.hosts.find((h) => h.name === node.host)?.vmDatastore ?? '';
  const disks = new Map<string, number>([[vmStore, node.diskGiB * GIB]]);
  for (const d of node.extraDisks) disks.set(d.datastore, (disks.get(d.datastore) ?? 0) + d.sizeGiB * GIB);
  return disks;
}

/** Expression builders over the data sources. */
class Lab {
  constructor(private readonly a: LabDataAddresses) {}

  /** True when the host (an HCL expression, e.g. a literal or `h`) is a member of the Proxmox cluster. */
  hostKnown(host: string): string {
    return `contains(${this.a.nodes}.names, ${host})`;
  }

  hostOnline(host: string): string {
    return `try(${this.a.nodes}.online[index(${this.a.nodes}.names, ${host})], false)`;
  }

  hostReady(host: string): string {
    return `(${this.hostKnown(host)} && ${this.hostOnline(host)})`;
  }

  /** The datastore object `store` on `host`, or null. */
  store(host: string, store: string): string {
    return `one([for d in try(${this.a.datastores}[${lit(host)}].datastores, []) : d if d.id == ${lit(store)}])`;
  }

  storeExists(host: string, store: string): string {
    return `(${this.hostReady(lit(host))} && try(${this.store(host, store)} != null, false))`;
  }

  storeIds(host: string): string {
    return `join(", ", [for d in try(${this.a.datastores}[${lit(host)}].datastores, []) : d.id])`;
  }

  /** The store's content types as a comma-separated list, with `extra` added (the `pvesm set --content` value). */
  contentWith(host: string, store: string, extra: string): string {
    return `join(",", sort(distinct(concat(try(tolist(${this.store(host, store)}.content_types), []), [${lit(extra)}]))))`;
  }

  storeShared(host: string, store: string): string {
    return `try(${this.store(host, store)}.shared == true, false)`;
  }

  vmIds(): string {
    return `[for v in ${this.a.vms}.vms : v.vm_id]`;
  }

  /** The live VMs with `vmId` that do not carry the cluster's tag. */
  foreignVms(vmId: number, tag: string): string {
    return `[for v in ${this.a.vms}.vms : v if v.vm_id == ${vmId} && !try(contains(v.tags, ${lit(tag)}), false)]`;
  }

  /** Sum of `bytes` of the entries whose VM does not exist yet (new VMs). */
  newBytes(entries: readonly { vmId: number; bytes: number }[]): string {
    const list = entries.map((e) => `{ vm_id = ${e.vmId}, bytes = ${e.bytes} }`).join(', ');
    return `sum(concat([0], [for n in [${list}] : n.bytes if !contains(${this.vmIds()}, n.vm_id)]))`;
  }
}

const guarded = (guard: string, check: string) => `\${!${guard} || try(${check}, false)}`;

/** Every lab check of `plan`, reading the data sources at `addresses`. */
export function labChecks(plan: ClusterPlan, addresses: LabDataAddresses): LabCheck[] {
  const lab = new Lab(addresses);
  const c = plan.name;
  const checks: LabCheck[] = [];
  const release = `${addresses.version}.release`;
  const { major, minor } = MIN_PROXMOX_RELEASE;
  checks.push({
    subject: 'proxmox-version',
    condition: `\${try(tonumber(split(".", ${release})[0]) > ${major} || (tonumber(split(".", ${release})[0]) == ${major} && tonumber(split(".", ${release})[1]) >= ${minor}), false)}`,
    errorMessage:
      `${c}: Proxmox VE is \${${release}} (pve-manager \${${addresses.version}.version}); the Talos image download (proxmox_download_file, content type import) needs Proxmox VE ${major}.${minor} or newer. ` +
      `Fix: upgrade every Proxmox host to ${major}.${minor} or newer (apt update && apt full-upgrade), then enable the Import content type on each imageDatastore.`,
  });

  plan.hosts.forEach((h, i) => {
    const names = `join(", ", ${addresses.nodes}.names)`;
    checks.push({
      subject: `host-member ${h.name}`,
      condition: `\${${lab.hostKnown(lit(h.name))}}`,
      errorMessage:
        `${c}: proxmoxHosts[${i}].name = "${h.name}" is not a node of this Proxmox cluster (its nodes: \${${names}}). ` +
        `Fix: write the node name exactly as the Proxmox UI or pvecm nodes shows it, or remove the host from proxmoxHosts.`,
    });
    checks.push({
      subject: `host-online ${h.name}`,
      condition: guarded(lab.hostKnown(lit(h.name)), lab.hostOnline(lit(h.name))),
      errorMessage: `${c}: Proxmox host "${h.name}" (proxmoxHosts[${i}]) is offline. Fix: start it or bring it back into the cluster (pvecm status), or move its nodes to another host.`,
    });
  });

  for (const hs of hostStores(plan)) {
    const { host } = hs;
    const stores: [string, string, 'images' | 'import'][] = [
      ...[...hs.vmStores].map(([store, path]): [string, string, 'images'] => [store, path, 'images']),
      [hs.imageStore, `${hs.hostPath}.imageDatastore`, 'import'],
    ];
    for (const [store, path, content] of stores) {
      const exists = lab.storeExists(host, store);
      checks.push({
        subject: `datastore-exists ${host}/${store}`,
        condition: guarded(lab.hostReady(lit(host)), `${lab.store(host, store)} != null`),
        errorMessage:
          `${c}: ${path} = "${store}": no datastore of that name on Proxmox host "${host}" (it has: \${${lab.storeIds(host)}}). ` +
          `Fix: use one of those, or make the storage available on ${host} (Datacenter > Storage > ${store} > Nodes).`,
      });
      checks.push({
        subject: `datastore-active ${host}/${store}`,
        condition: guarded(exists, `${lab.store(host, store)}.active != false && ${lab.store(host, store)}.enabled != false`),
        errorMessage: `${c}: datastore "${store}" (${path}) is disabled or not active on Proxmox host "${host}". Fix: enable it (pvesm set ${store} --disable 0) and check that its backing storage is mounted or reachable (pvesm status).`,
      });
      const purpose = content === 'images' ? 'VM disks' : 'the Talos boot image (proxmox_download_file, content type import)';
      checks.push({
        subject: `datastore-content-${content} ${host}/${store}`,
        condition: guarded(exists, `contains(tolist(${lab.store(host, store)}.content_types), ${lit(content)})`),
        errorMessage:
          `${c}: datastore "${store}" (${path}) on Proxmox host "${host}" does not allow content type ${content}, needed for ${purpose}; it allows: \${try(join(",", sort(tolist(${lab.store(host, store)}.content_types))), "nothing")}. ` +
          `Fix: pvesm set ${store} --content \${${lab.contentWith(host, store, content)}}${content === 'import' ? ` (Proxmox VE 8.4 or newer; or Datacenter > Storage > ${store} > Content: add Import)` : ''}.`,
      });
    }
    const img = hs.imageStore;
    const imgPath = `${hs.hostPath}.imageDatastoreShared`;
    checks.push({
      subject: `image-datastore-shared ${host}/${img}`,
      condition: guarded(lab.storeExists(host, img), `${lab.storeShared(host, img)} == ${hs.imageShared}`),
      errorMessage: hs.imageShared
        ? `${c}: ${imgPath} = true, but datastore "${img}" on Proxmox host "${host}" is not shared storage: the image is downloaded once for all hosts sharing it, and the others could not import it. Fix: set imageDatastoreShared to false on every host that uses ${img}, or use a shared storage (NFS, CephFS) for the image.`
        : `${c}: ${imgPath} = false, but datastore "${img}" on Proxmox host "${host}" is shared storage: each host would download the same file into it and the second download fails. Fix: set imageDatastoreShared: true on every host that uses ${img}.`,
    });
  }

  checks.push(...spaceChecks(plan, lab));

  for (const node of plan.nodes) {
    const foreign = lab.foreignVms(node.vmId, c.toLowerCase());
    checks.push({
      subject: `vm-id ${node.vmId}`,
      condition: `\${try(length(${foreign}) == 0, false)}`,
      errorMessage:
        `${c}: VM ID ${node.vmId} (node ${node.name}, ${node.path}) is taken on Proxmox host \${try(${foreign}[0].node_name, "?")} by VM "\${try(${foreign}[0].name, "?")}" (tags: \${try(join(";", ${foreign}[0].tags), "none")}), which is not a VM of cluster ${c} (it lacks the tag "${c.toLowerCase()}"). ` +
        `Fix: give ${node.name} a free vmId (or change vmIdBase), or remove that VM if it is not needed.`,
    });
  }
  return checks;
}

/**
 * Free space for the disks of new VMs, per host and VM datastore. "New" is decided from the live lab, not the
 * state: a planned VM ID that no VM has yet. A shared datastore counts the new disks of every host that uses it.
 * Approximations (docs/lab-checks.md): disks are counted at full size (thin pools may hold more), a disk grown on an
 * existing VM and the cloud-init drive are not counted, and the image download's size is not checked.
 */
function spaceChecks(plan: ClusterPlan, lab: Lab): LabCheck[] {
  const perStore = new Map<string, { host: string; vmId: number; bytes: number }[]>();
  for (const node of plan.nodes) {
    for (const [store, bytes] of nodeDisks(plan, node)) {
      perStore.set(store, [...(perStore.get(store) ?? []), { host: node.host, vmId: node.vmId, bytes }]);
    }
  }
  return hostStores(plan).flatMap((hs) =>
    [...hs.vmStores].map(([store, path]) => {
      const everywhere = perStore.get(store) ?? [];
      const here = everywhere.filter((e) => e.host === hs.host);
      const needed = `(${lab.storeShared(hs.host, store)} ? ${lab.newBytes(everywhere)} : ${lab.newBytes(here)})`;
      const available = `coalesce(${lab.store(hs.host, store)}.space_available, 0)`;
      const gib = (bytes: string) => `format("%.1f", ${bytes} / ${GIB})`;
      return {
        subject: `datastore-space ${hs.host}/${store}`,
        condition: guarded(lab.storeExists(hs.host, store), `${available} >= ${needed}`),
        errorMessage:
          `${plan.name}: datastore "${store}" (${path}) on Proxmox host "${hs.host}" has \${try(${gib(available)}, "?")} GiB free, but the disks of the new VMs on it need \${try(${gib(needed)}, "?")} GiB. ` +
          `Fix: free space on ${store}, or put the new nodes' disks on another datastore (vmDatastore, extraDisks[].datastore), or make them smaller.`,
      };
    }),
  );
}

/**
 * `for_each` of the datastores data source: the hosts running nodes that are online members of the Proxmox
 * cluster (reading the datastores of any other name fails the plan with the provider's error instead of ours).
 */
export function datastoresForEach(plan: ClusterPlan, nodesAddress: string): string {
  const lab = new Lab({ version: '', nodes: nodesAddress, datastores: '', vms: '' });
  const hosts = datastoreHosts(plan).map(lit).join(', ');
  return `\${toset([for h in [${hosts}] : h if ${lab.hostReady('h')}])}`;
}
