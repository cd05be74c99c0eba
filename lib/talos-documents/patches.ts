/**
 * The Talos config patches of a cluster, built as typed documents from the plan: common to every node, control
 * planes only, inline manifests (control planes only), and per node. Pure: no CDKTF, no I/O. Serialize with
 * `toYaml` (./serialize.ts); the construct puts token-carrying patches through Terraform's `yamlencode` instead.
 *
 * Facts: ../shared/docs/talos-facts.md §1.4 (1.12+ documents, HostnameConfig `auto: off`), §6 (VIP on control
 * planes only, certSANs, link names by MAC alias); Kubernetes discovery registry broken on Kubernetes ≥ 1.32
 * (siderolabs/talos#9980).
 */
import { ClusterPlan, PlannedNode } from '../cluster-plan';
import { isDnsLabel, isDnsSubdomain } from '../dns-names';
import { InlineManifest } from '../inline-manifest';
import { isIpv4, parseNetwork } from '../ipv4';
import {
  HostnameConfig,
  Layer2VIPConfig,
  LinkAliasConfig,
  LinkConfig,
  ResolverConfig,
  TALOS_DOCUMENT_API_VERSION,
  TalosDocument,
  TimeSyncConfig,
  V1Alpha1Patch,
} from './types';

/**
 * Alias every node gives its one NIC (selected by MAC), so no document depends on the kernel's interface name
 * (`eth0` on nocloud images, `ens18` on metal ones).
 */
export const NODE_LINK_ALIAS = 'lan0';

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

/** Names for the API server and Talos API certificates: the VIP and, when set, the endpoint DNS name. */
export function certificateSans(plan: ClusterPlan): string[] {
  return [...new Set([plan.vip, ...(plan.dnsName ? [plan.dnsName] : [])])];
}

/**
 * True when `text` looks like an OCI image reference with a tag or digest (`registry/path:tag`, `…@sha256:…`).
 */
export function isImageReference(text: string): boolean {
  return /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d+)?(\/[a-z0-9._-]+)+(:[\w][\w.-]{0,127}|@sha256:[0-9a-f]{64})$/.test(text);
}

/**
 * Documents every node gets: installer image, KubePrism, host DNS, kubelet node IP subnet, pod/service subnets,
 * CNI, kube-proxy, discovery (service registry only), certificate SANs, resolvers and time servers.
 */
export function commonDocuments(plan: ClusterPlan, installerImage: string): TalosDocument[] {
  const sans = certificateSans(plan);
  const v1alpha1: V1Alpha1Patch = {
    machine: {
      install: { image: installerImage },
      certSANs: sans,
      features: {
        kubePrism: { enabled: true, port: plan.kubePrismPort },
        hostDNS: { enabled: true, forwardKubeDNSToHost: plan.forwardKubeDnsToHost },
      },
      kubelet: { nodeIP: { validSubnets: [plan.networkCidr] } },
    },
    cluster: {
      network: { cni: { name: plan.addons.cni }, podSubnets: [plan.podCidr], serviceSubnets: [plan.serviceCidr] },
      proxy: { disabled: !plan.kubeProxyEnabled },
      // The Kubernetes registry cannot list Nodes on Kubernetes >= 1.32 (AuthorizeNodeWithSelectors, talos#9980).
      discovery: { enabled: true, registries: { kubernetes: { disabled: true }, service: { disabled: false } } },
      apiServer: { certSANs: sans },
    },
  };
  const resolver: ResolverConfig = {
    apiVersion: TALOS_DOCUMENT_API_VERSION,
    kind: 'ResolverConfig',
    nameservers: plan.dnsServers.map((address) => ({ address })),
  };
  const timeSync: TimeSyncConfig = { apiVersion: TALOS_DOCUMENT_API_VERSION, kind: 'TimeSyncConfig', ntp: { servers: [...plan.ntpServers] } };
  return [v1alpha1, resolver, timeSync];
}

/**
 * Documents only control planes get: scheduling on control planes, extra manifest URLs and the API VIP on the
 * node's aliased link. Identical on every control plane.
 */
export function controlPlaneDocuments(plan: ClusterPlan, extraManifests: readonly string[]): TalosDocument[] {
  extraManifests.forEach((url, i) => {
    if (!/^https?:\/\/\S+$/.test(url)) {
      throw new Error(
        `extraManifests[${i}] = ${JSON.stringify(url)} is not an http(s) URL. Fix: give the manifest's URL, or make it an inline manifest`,
      );
    }
  });
  const v1alpha1: V1Alpha1Patch = {
    cluster: {
      allowSchedulingOnControlPlanes: plan.scheduleOnControlPlanes,
      ...(extraManifests.length ? { extraManifests: [...extraManifests] } : {}),
    },
  };
  const vip: Layer2VIPConfig = { apiVersion: TALOS_DOCUMENT_API_VERSION, kind: 'Layer2VIPConfig', name: plan.vip, link: NODE_LINK_ALIAS };
  return [v1alpha1, vip];
}

/**
 * The inline manifests patch (control planes only), or undefined when there are none. `contents` may be
 * Terraform tokens: the caller serializes this document with Terraform's `yamlencode` then.
 */
export function inlineManifestsDocument(manifests: readonly InlineManifest[]): V1Alpha1Patch | undefined {
  const seen = new Set<string>();
  manifests.forEach((m, i) => {
    if (!isDnsSubdomain(m.name)) {
      throw new Error(
        `inlineManifests[${i}].name = ${JSON.stringify(m.name)} is not a DNS-1123 subdomain. Fix: lowercase letters, digits, '-' and '.'`,
      );
    }
    if (seen.has(m.name)) {
      throw new Error(`inlineManifests[${i}].name = ${JSON.stringify(m.name)} is used twice. Fix: give every inline manifest a unique name`);
    }
    seen.add(m.name);
  });
  if (!manifests.length) return undefined;
  return { cluster: { inlineManifests: manifests.map((m) => ({ name: m.name, contents: m.contents })) } };
}

/** The CEL expression that selects a link by its permanent MAC address (lowercase, as Talos prints it). */
export function macSelector(macAddress: string): string {
  const mac = macAddress.toLowerCase();
  if (!MAC.test(mac)) {
    throw new Error(`macAddress = ${JSON.stringify(macAddress)} is not a MAC address. Fix: six hex byte pairs separated by ':'`);
  }
  return `mac(link.permanent_addr) == "${mac}"`;
}

/** The Node annotation naming the VM instance a node's machine config was applied to (`instanceDocument`). */
export const VM_INSTANCE_ANNOTATION = 'talos-proxmox-cdktf/vm-instance';

/**
 * A node's instance document: its Node annotated with `instanceId`, the id of its VM's instance marker (NodeVms
 * `instances`, replaced whenever the VM is created). A VM created again after it vanished outside Terraform thereby
 * changes its node's config, and the provider applies the changed config in place (`Update`, which, like `Create`,
 * reaches a node in maintenance mode) instead of replacing the apply, whose destroy would reset a machine that no
 * longer exists and fail (docs/node-lifecycle.md).
 */
export function instanceDocument(instanceId: string): V1Alpha1Patch {
  return { machine: { nodeAnnotations: { [VM_INSTANCE_ANNOTATION]: instanceId } } };
}

/**
 * Documents of one node: its static hostname, the alias of its NIC (by MAC) and the static address and default
 * route on that alias.
 */
export function nodeDocuments(plan: ClusterPlan, node: PlannedNode): TalosDocument[] {
  if (!isDnsLabel(node.name)) {
    throw new Error(
      `node name = ${JSON.stringify(node.name)} (${node.path}) is not a DNS-1123 label, so it cannot be the hostname. Fix: lowercase letters, digits and '-', at most 63 characters`,
    );
  }
  const network = parseNetwork(plan.networkCidr);
  if (!network) {
    throw new Error(`network.cidr = ${JSON.stringify(plan.networkCidr)} is not an IPv4 network. Fix: write it as a.b.c.0/prefix`);
  }
  if (!isIpv4(node.ip)) {
    throw new Error(
      `${node.path}.ip = ${JSON.stringify(node.ip)} is not an IPv4 address. Fix: give the node a static address in ${plan.networkCidr}`,
    );
  }
  if (!isIpv4(plan.gateway)) {
    throw new Error(
      `network.gateway = ${JSON.stringify(plan.gateway)} is not an IPv4 address. Fix: give the router's address in ${plan.networkCidr}`,
    );
  }
  const hostname: HostnameConfig = { apiVersion: TALOS_DOCUMENT_API_VERSION, kind: 'HostnameConfig', hostname: node.name, auto: 'off' };
  const alias: LinkAliasConfig = {
    apiVersion: TALOS_DOCUMENT_API_VERSION,
    kind: 'LinkAliasConfig',
    name: NODE_LINK_ALIAS,
    selector: { match: macSelector(node.macAddress) },
  };
  const link: LinkConfig = {
    apiVersion: TALOS_DOCUMENT_API_VERSION,
    kind: 'LinkConfig',
    name: NODE_LINK_ALIAS,
    addresses: [{ address: `${node.ip}/${network.prefix}` }],
    routes: [{ gateway: plan.gateway }],
  };
  return [hostname, alias, link];
}
