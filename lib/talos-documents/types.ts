/**
 * Typed Talos machine-config documents for the 1.12+/1.13 multi-document dialect, limited to the fields this
 * project writes. Field names and shapes follow the Talos JSON schemas (`config.schema.v1.12.json` and
 * `v1.13.json`, identical for every type here); tests validate every built document against them.
 */

/** The `apiVersion` of every Talos config document kind this project writes. */
export const TALOS_DOCUMENT_API_VERSION = 'v1alpha1';

/** Common header of the named and unnamed multi-document kinds. */
interface DocumentHeader<K extends string> {
  readonly apiVersion: typeof TALOS_DOCUMENT_API_VERSION;
  readonly kind: K;
}

/** `HostnameConfig`: a static hostname (`auto: off`) or a generated one (`auto: stable`), never both. */
export interface HostnameConfig extends DocumentHeader<'HostnameConfig'> {
  readonly hostname?: string;
  readonly auto?: 'stable' | 'off';
}

/** `LinkAliasConfig`: names the one physical link a CEL expression selects. */
export interface LinkAliasConfig extends DocumentHeader<'LinkAliasConfig'> {
  /** The alias (not a kernel name such as `eth0`). */
  readonly name: string;
  readonly selector: { readonly match: string };
}

/** One static address of a link, `a.b.c.d/prefix`. */
export interface LinkAddress {
  readonly address: string;
}

/** One static route of a link; no destination means the default route. */
export interface LinkRoute {
  readonly destination?: string;
  readonly gateway?: string;
}

/** `LinkConfig`: addresses and routes of a physical link (or its alias). */
export interface LinkConfig extends DocumentHeader<'LinkConfig'> {
  readonly name: string;
  readonly addresses?: readonly LinkAddress[];
  readonly routes?: readonly LinkRoute[];
}

/** `Layer2VIPConfig`: a shared IP announced by one control plane at a time (`name` is the IP). */
export interface Layer2VIPConfig extends DocumentHeader<'Layer2VIPConfig'> {
  readonly name: string;
  readonly link: string;
}

/** `ResolverConfig`: the host's DNS servers. */
export interface ResolverConfig extends DocumentHeader<'ResolverConfig'> {
  readonly nameservers: readonly { readonly address: string }[];
}

/** `TimeSyncConfig`: NTP servers. */
export interface TimeSyncConfig extends DocumentHeader<'TimeSyncConfig'> {
  readonly ntp: { readonly servers: readonly string[] };
}

/** An inline manifest as `cluster.inlineManifests` holds it. */
export interface ClusterInlineManifest {
  readonly name: string;
  readonly contents: string;
}

/** The `machine` section fields this project sets (legacy fields with no replacement document in 1.12/1.13). */
export interface MachineSection {
  readonly install?: { readonly image: string };
  readonly certSANs?: readonly string[];
  readonly features?: {
    readonly kubePrism?: { readonly enabled: boolean; readonly port: number };
    readonly hostDNS?: { readonly enabled: boolean; readonly forwardKubeDNSToHost: boolean };
  };
  readonly kubelet?: { readonly nodeIP: { readonly validSubnets: readonly string[] } };
  /** Annotations Talos sets on the node's Kubernetes `Node` (changed live, no reboot). */
  readonly nodeAnnotations?: Readonly<Record<string, string>>;
}

/** The `cluster` section fields this project sets. */
export interface ClusterSection {
  readonly network?: {
    readonly cni?: { readonly name: 'flannel' | 'custom' | 'none' };
    readonly podSubnets?: readonly string[];
    readonly serviceSubnets?: readonly string[];
  };
  readonly proxy?: { readonly disabled: boolean };
  readonly discovery?: {
    readonly enabled: boolean;
    readonly registries: {
      readonly kubernetes: { readonly disabled: boolean };
      readonly service: { readonly disabled: boolean };
    };
  };
  readonly apiServer?: { readonly certSANs: readonly string[] };
  readonly allowSchedulingOnControlPlanes?: boolean;
  readonly inlineManifests?: readonly ClusterInlineManifest[];
  readonly extraManifests?: readonly string[];
}

/** A partial legacy `v1alpha1` document (recognised by its `machine` / `cluster` keys; it has no `kind`). */
export interface V1Alpha1Patch {
  readonly machine?: MachineSection;
  readonly cluster?: ClusterSection;
}

/** Every document kind the builders produce. */
export type TalosDocument = V1Alpha1Patch | HostnameConfig | LinkAliasConfig | LinkConfig | Layer2VIPConfig | ResolverConfig | TimeSyncConfig;

/** The kind names of the documents: each document's `kind`, and `v1alpha1` for the legacy document. */
export type DocumentKind = Extract<TalosDocument, { kind: string }>['kind'] | 'v1alpha1';

/** The document of one kind name. */
export type DocumentOfKind<K extends DocumentKind> = K extends 'v1alpha1' ? V1Alpha1Patch : Extract<TalosDocument, { kind: K }>;

/** The `kind` of a document, or `v1alpha1` for the legacy document. */
export function documentKind(doc: TalosDocument): DocumentKind {
  return 'kind' in doc ? doc.kind : 'v1alpha1';
}
