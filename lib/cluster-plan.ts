/**
 * Resolves a `ClusterDefinition` into a `ClusterPlan`: defaults applied, counted pools expanded into nodes with
 * addresses, VM IDs, MAC addresses and Proxmox hosts. Pure: no CDKTF. Lenient about bad input (a node whose
 * address cannot be computed keeps an empty `ip`); `validateCluster` reports the problems.
 */
import { createHash } from 'node:crypto';
import {
  ClusterDefinition,
  ExtraDiskDefinition,
  NodeDefinition,
  NodePoolDefinition,
  ProxmoxHostDefinition,
  StateBackendDefinition,
} from './cluster-definition';
import { NodePath } from './definition-path';
import { addOffset, isIpv4, offsetInNetwork, parseNetwork } from './ipv4';
import { placeNodes } from './placement';
import * as versions from './versions';

/** Control plane or worker. */
export type NodeRole = 'controlplane' | 'worker';

/** A Proxmox host with defaults applied. */
export interface PlannedHost {
  readonly name: string;
  readonly vmDatastore: string;
  readonly imageDatastore: string;
  readonly imageDatastoreShared: boolean;
  readonly bridge: string;
}

/** An extra disk with its datastore resolved. */
export interface PlannedDisk {
  readonly sizeGiB: number;
  readonly datastore: string;
}

/** One node, fully resolved. */
export interface PlannedNode {
  readonly name: string;
  readonly role: NodeRole;
  /** Position within its role, from 0, in definition order (rollout order). */
  readonly index: number;
  readonly ip: string;
  /** Proxmox host name; empty when placement found none. */
  readonly host: string;
  /**
   * True when the definition names the host; false when automatic placement chose it. An automatically placed
   * VM stays on the host it was created on (docs/node-lifecycle.md).
   */
  readonly hostExplicit: boolean;
  readonly vmId: number;
  readonly macAddress: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly diskGiB: number;
  readonly extraDisks: readonly PlannedDisk[];
  /** Definition path of this node, for problems (`controlPlanes.nodes[1]`, or `workers[homelab-worker-2]` for a pool's node). */
  readonly path: NodePath;
}

/** Add-on settings with defaults applied. */
export interface PlannedAddons {
  readonly cni: 'none' | 'flannel';
  readonly cilium: {
    readonly enabled: boolean;
    readonly loadBalancerRange?: string;
    readonly gatewayApi: boolean;
    readonly hubble: boolean;
    readonly extraValuesFiles: readonly string[];
  };
  readonly argocd: {
    readonly enabled: boolean;
    readonly bootstrapRepoUrl?: string;
    readonly bootstrapPath: string;
    /** Empty only in an invalid plan (validation requires it with a repository). */
    readonly bootstrapRevision: string;
    /** Argo CD's `global.domain`; undefined keeps the chart's. */
    readonly domain?: string;
  };
  readonly certManager: { readonly enabled: boolean; readonly caIssuerName?: string };
}

/** The resolved cluster every construct reads. */
export interface ClusterPlan {
  readonly name: string;
  readonly definition: ClusterDefinition;
  readonly talosVersion: string;
  readonly configContract: string;
  readonly kubernetesVersion: string;
  readonly extensions: readonly string[];
  readonly extraKernelArgs: readonly string[];
  readonly vip: string;
  readonly dnsName?: string;
  /** `https://<dnsName or vip>:6443`. */
  readonly endpointUrl: string;
  readonly networkCidr: string;
  readonly gateway: string;
  readonly dnsServers: readonly string[];
  readonly ntpServers: readonly string[];
  readonly vlan?: number;
  readonly podCidr: string;
  readonly serviceCidr: string;
  readonly hosts: readonly PlannedHost[];
  /** Control planes first, then workers, each in definition order. */
  readonly nodes: readonly PlannedNode[];
  readonly controlPlanes: readonly PlannedNode[];
  readonly workers: readonly PlannedNode[];
  readonly scheduleOnControlPlanes: boolean;
  /** Talos image platform; `nocloud` reads the static address from the Proxmox cloud-init drive. */
  readonly platform: 'nocloud';
  /** Kernel name of the node NIC on that platform (`nocloud` boots with `net.ifnames=0`, so `eth0`). */
  readonly nicName: string;
  /** KubePrism (local API load balancer) port on every node; Cilium reaches the API through it. */
  readonly kubePrismPort: number;
  /** kube-proxy runs unless Cilium replaces it. */
  readonly kubeProxyEnabled: boolean;
  /** Talos forwards kube-dns to the host DNS cache (Talos default since 1.8; this project keeps it on). */
  readonly forwardKubeDnsToHost: boolean;
  readonly addons: PlannedAddons;
  readonly state: StateBackendDefinition;
  readonly workerBatchSize: number;
  readonly nodeTimeoutMinutes: number;
  readonly allowMachineSecretsReplacement: boolean;
  /** Names of the nodes whose VM Terraform may destroy and re-create (`allowVmReplacement`); empty by default. */
  readonly allowVmReplacement: readonly string[];
}

/** Defaults of pool sizing per role. */
export const ROLE_DEFAULTS: Readonly<Record<NodeRole, { cores: number; memoryGiB: number; diskGiB: number }>> = {
  controlplane: { cores: 2, memoryGiB: 4, diskGiB: 20 },
  worker: { cores: 4, memoryGiB: 8, diskGiB: 50 },
};

/** Default first VM ID of a cluster. */
export const DEFAULT_VM_ID_BASE = 8000;

/** KubePrism port (Talos default); Cilium reaches the API through it. */
export const KUBEPRISM_PORT = 7445;

/** A stable, locally administered unicast MAC for a node (`02:` prefix + 5 bytes of a hash). */
export function deterministicMac(cluster: string, node: string): string {
  const digest = createHash('sha256').update(`${cluster}/${node}`).digest();
  const bytes = [0x02, ...digest.subarray(0, 5)];
  return bytes
    .map((b) => b.toString(16).padStart(2, '0'))
    .join(':')
    .toUpperCase();
}

function planHost(def: ClusterDefinition, h: ProxmoxHostDefinition): PlannedHost {
  return {
    name: h.name,
    vmDatastore: h.vmDatastore ?? 'local-lvm',
    imageDatastore: h.imageDatastore ?? 'local',
    imageDatastoreShared: h.imageDatastoreShared ?? false,
    bridge: h.bridge ?? def.network?.bridge ?? 'vmbr0',
  };
}

interface Draft extends Omit<PlannedNode, 'host' | 'hostExplicit' | 'extraDisks'> {
  readonly requestedHost?: string;
  readonly allowedHosts?: readonly string[];
  readonly disks: readonly ExtraDiskDefinition[];
}

function expandPool(def: ClusterDefinition, pool: NodePoolDefinition | undefined, role: NodeRole): Draft[] {
  if (!pool) return [];
  const poolPath = role === 'controlplane' ? 'controlPlanes' : 'workers';
  const base = def.vmIdBase ?? DEFAULT_VM_ID_BASE;
  const vmOffset = role === 'controlplane' ? 1 : 101;
  const network = parseNetwork(def.network?.cidr);
  // The default VM ID follows the node's address (base + its offset in the node network): stable when nodes are
  // added, removed or reordered, and unique because addresses are. Index-based only when the address is invalid
  // (validation then reports it).
  const defaultVmId = (ip: string, index: number) => {
    const offset = network ? offsetInNetwork(network, ip) : undefined;
    return offset !== undefined ? base + offset : base + vmOffset + index;
  };
  const defaults = ROLE_DEFAULTS[role];
  const explicit: NodeDefinition[] = pool.nodes ? [...pool.nodes] : [];
  const counted: NodeDefinition[] = [];
  if (!pool.nodes && pool.count !== undefined) {
    const prefix = `${def.name}-${role === 'controlplane' ? 'cp' : 'worker'}`;
    for (let n = 0; n < pool.count; n++) {
      const ip = pool.firstIp && isIpv4(pool.firstIp) ? (addOffset(pool.firstIp, n) ?? '') : '';
      counted.push({ name: `${prefix}-${n + 1}`, ip });
    }
  }
  return [...explicit, ...counted].map((n, index) => ({
    name: n.name,
    role,
    index,
    ip: n.ip,
    requestedHost: n.host,
    allowedHosts: pool.hosts,
    vmId: n.vmId ?? defaultVmId(n.ip, index),
    macAddress: (n.macAddress ?? deterministicMac(def.name, n.name)).toUpperCase(),
    cores: n.cores ?? pool.cores ?? defaults.cores,
    memoryGiB: n.memoryGiB ?? pool.memoryGiB ?? defaults.memoryGiB,
    diskGiB: n.diskGiB ?? pool.diskGiB ?? defaults.diskGiB,
    disks: n.extraDisks ?? pool.extraDisks ?? [],
    path: pool.nodes ? `${poolPath}.nodes[${index}]` : `${poolPath}[${n.name}]`,
  }));
}

/** Resolves the definition; never throws on bad values (see `validateCluster`). */
export function planCluster(def: ClusterDefinition): ClusterPlan {
  const hosts = (def.proxmoxHosts ?? []).map((h) => planHost(def, h));
  const drafts = [...expandPool(def, def.controlPlanes, 'controlplane'), ...expandPool(def, def.workers, 'worker')];
  const placement = placeNodes(
    hosts.map((h) => h.name),
    drafts.map((d) => ({ name: d.name, role: d.role, host: d.requestedHost, allowedHosts: d.allowedHosts })),
  );
  const nodes: PlannedNode[] = drafts.map(({ requestedHost, allowedHosts: _a, disks, ...d }) => {
    const host = placement.get(d.name) ?? '';
    const vmDatastore = hosts.find((h) => h.name === host)?.vmDatastore ?? 'local-lvm';
    return {
      ...d,
      host,
      hostExplicit: requestedHost !== undefined,
      extraDisks: disks.map((x) => ({ sizeGiB: x.sizeGiB, datastore: x.datastore ?? vmDatastore })),
    };
  });
  const a = def.addons ?? {};
  const ciliumEnabled = a.cilium?.enabled ?? true;
  const workers = nodes.filter((n) => n.role === 'worker');
  const endpointHost = def.endpoint?.dnsName ?? def.endpoint?.vip;
  return {
    name: def.name,
    definition: def,
    talosVersion: def.talos?.version ?? versions.TALOS_VERSION,
    configContract: def.talos?.configContract ?? versions.TALOS_CONFIG_CONTRACT,
    kubernetesVersion: def.kubernetesVersion ?? versions.KUBERNETES_VERSION,
    extensions: def.talos?.extensions ?? ['siderolabs/qemu-guest-agent'],
    extraKernelArgs: def.talos?.extraKernelArgs ?? [],
    vip: def.endpoint?.vip,
    dnsName: def.endpoint?.dnsName,
    endpointUrl: `https://${endpointHost}:6443`,
    networkCidr: def.network?.cidr,
    gateway: def.network?.gateway,
    dnsServers: def.network?.dnsServers ?? (def.network?.gateway ? [def.network.gateway] : []),
    ntpServers: def.network?.ntpServers ?? ['time.cloudflare.com'],
    vlan: def.network?.vlan,
    podCidr: def.podCidr ?? '10.244.0.0/16',
    serviceCidr: def.serviceCidr ?? '10.96.0.0/12',
    hosts,
    nodes,
    controlPlanes: nodes.filter((n) => n.role === 'controlplane'),
    workers,
    scheduleOnControlPlanes: def.talos?.scheduleOnControlPlanes ?? workers.length === 0,
    platform: 'nocloud',
    nicName: 'eth0',
    kubePrismPort: KUBEPRISM_PORT,
    kubeProxyEnabled: !ciliumEnabled,
    forwardKubeDnsToHost: true,
    addons: {
      cni: a.cni ?? (ciliumEnabled ? 'none' : 'flannel'),
      cilium: {
        enabled: ciliumEnabled,
        loadBalancerRange: a.cilium?.loadBalancerRange,
        gatewayApi: a.cilium?.gatewayApi ?? false,
        hubble: a.cilium?.hubble ?? false,
        extraValuesFiles: a.cilium?.extraValuesFiles ?? [],
      },
      argocd: {
        enabled: a.argocd?.enabled ?? true,
        bootstrapRepoUrl: a.argocd?.bootstrapRepoUrl,
        bootstrapPath: a.argocd?.bootstrapPath ?? 'apps',
        bootstrapRevision: a.argocd?.bootstrapRevision ?? '',
        domain: a.argocd?.domain,
      },
      certManager: { enabled: a.certManager?.enabled ?? true, caIssuerName: a.certManager?.caIssuerName },
    },
    state: def.state ?? { type: 'local' },
    workerBatchSize: def.rollout?.workerBatchSize ?? 1,
    nodeTimeoutMinutes: def.rollout?.nodeTimeoutMinutes ?? 15,
    allowMachineSecretsReplacement: def.allowMachineSecretsReplacement ?? false,
    allowVmReplacement: def.allowVmReplacement ?? [],
  };
}
