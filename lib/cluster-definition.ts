/**
 * The typed cluster definition: everything one Talos-on-Proxmox cluster needs and nothing more.
 *
 * One file per cluster under `clusters/` exports a `ClusterDefinition`; `main.ts` turns each into a stack.
 * Every optional field documents its default. Credentials never appear here: the Proxmox provider reads
 * `PROXMOX_VE_ENDPOINT`, `PROXMOX_VE_API_TOKEN` (or `PROXMOX_VE_USERNAME`/`PROXMOX_VE_PASSWORD`) and
 * `PROXMOX_VE_INSECURE` from the environment of `cdktf deploy`.
 */

/** How clients reach the Kubernetes API. */
export interface ApiEndpointDefinition {
  /**
   * Shared virtual IP the control planes announce (Talos `Layer2VIPConfig`). A reserved, unused address in
   * the node network.
   */
  readonly vip: string;
  /**
   * DNS name that resolves to the VIP; when set it is the cluster endpoint and the VIP is added to the API
   * certificate.
   * @default - the endpoint is `https://<vip>:6443`
   */
  readonly dnsName?: string;
}

/** The layer-2 network every node sits on. */
export interface NodeNetworkDefinition {
  /** IPv4 network of the nodes, e.g. `192.168.10.0/24`. */
  readonly cidr: string;
  /** Default gateway, inside `cidr`. */
  readonly gateway: string;
  /**
   * DNS servers the nodes use.
   * @default - the gateway
   */
  readonly dnsServers?: readonly string[];
  /**
   * NTP servers the nodes use.
   * @default ['time.cloudflare.com'] (the Talos default)
   */
  readonly ntpServers?: readonly string[];
  /**
   * Proxmox bridge the VM NICs attach to; a host's own `bridge` overrides it.
   * @default 'vmbr0'
   */
  readonly bridge?: string;
  /**
   * VLAN tag of the VM NICs.
   * @default - untagged
   */
  readonly vlan?: number;
}

/** A Proxmox VE host (a cluster member by its node name) that may run nodes. */
export interface ProxmoxHostDefinition {
  /** Proxmox node name, as shown in the Proxmox UI (`pve1`). */
  readonly name: string;
  /**
   * Datastore for VM disks.
   * @default 'local-lvm'
   */
  readonly vmDatastore?: string;
  /**
   * Datastore the Talos boot image is downloaded to (needs the `import` content type).
   * @default 'local'
   */
  readonly imageDatastore?: string;
  /**
   * Set when `imageDatastore` is shared storage (NFS, CephFS): the image is then downloaded once for all hosts
   * that share it, instead of once per host.
   * @default false
   */
  readonly imageDatastoreShared?: boolean;
  /**
   * Bridge on this host.
   * @default - `network.bridge`
   */
  readonly bridge?: string;
}

/** An extra data disk of a node (for example for Longhorn or Rook). */
export interface ExtraDiskDefinition {
  /** Size in GiB. */
  readonly sizeGiB: number;
  /**
   * Datastore of the disk.
   * @default - the host's `vmDatastore`
   */
  readonly datastore?: string;
}

/** VM sizing shared by a pool and overridable per node. */
export interface NodeSizeDefinition {
  /**
   * vCPU cores.
   * @default 2 for control planes, 4 for workers
   */
  readonly cores?: number;
  /**
   * Memory in GiB (ballooning is always off).
   * @default 4 for control planes, 8 for workers
   */
  readonly memoryGiB?: number;
  /**
   * System disk in GiB.
   * @default 20 for control planes, 50 for workers
   */
  readonly diskGiB?: number;
  /**
   * Extra data disks.
   * @default - none
   */
  readonly extraDisks?: readonly ExtraDiskDefinition[];
}

/** One explicitly listed node. */
export interface NodeDefinition extends NodeSizeDefinition {
  /** Hostname of the node and name of its VM (DNS-1123 label). */
  readonly name: string;
  /** Static IPv4 address inside `network.cidr`. */
  readonly ip: string;
  /**
   * Proxmox host that runs the VM.
   * @default - spread automatically: control planes on distinct hosts first, then the least-loaded host
   */
  readonly host?: string;
  /**
   * Proxmox VM ID.
   * @default - `vmIdBase` + the node's offset in the node network (192.168.10.21 in a /24 → `vmIdBase` + 21):
   *   stable when other nodes are added, removed or reordered
   */
  readonly vmId?: number;
  /**
   * MAC address of the NIC.
   * @default - derived from cluster and node name (locally administered, stable across runs)
   */
  readonly macAddress?: string;
}

/**
 * A pool of control planes or workers: either `count` nodes with addresses assigned upwards from
 * `firstIp`, or an explicit `nodes` list. Not both.
 */
export interface NodePoolDefinition extends NodeSizeDefinition {
  /**
   * Number of nodes, named `<cluster>-<cp|worker>-<n>` (n from 1).
   * @default - the length of `nodes`
   */
  readonly count?: number;
  /**
   * First address of a counted pool; node n gets `firstIp + n - 1`.
   * @default - required with `count`
   */
  readonly firstIp?: string;
  /**
   * Explicit nodes.
   * @default - none
   */
  readonly nodes?: readonly NodeDefinition[];
  /**
   * Hosts the automatic placement may use, in order of preference.
   * @default - every declared host
   */
  readonly hosts?: readonly string[];
}

/** Talos image and OS settings. */
export interface TalosDefinition {
  /**
   * Talos release of the nodes. Bump it to roll an OS upgrade.
   * @default TALOS_VERSION from lib/versions.ts
   */
  readonly version?: string;
  /**
   * Machine-config contract the secrets and configs are generated with.
   * @default TALOS_CONFIG_CONTRACT from lib/versions.ts
   */
  readonly configContract?: string;
  /**
   * Official Image Factory system extensions, in schematic order.
   * @default ['siderolabs/qemu-guest-agent']
   */
  readonly extensions?: readonly string[];
  /**
   * Extra kernel arguments baked into the schematic (boot image and installer).
   * @default - none
   */
  readonly extraKernelArgs?: readonly string[];
  /**
   * Control planes also run workloads (`allowSchedulingOnControlPlanes`).
   * @default - true when the cluster has no workers
   */
  readonly scheduleOnControlPlanes?: boolean;
}

/** Cilium CNI settings. */
export interface CiliumDefinition {
  /**
   * Install Cilium as the CNI and kube-proxy replacement. Turning it off requires `cni: 'flannel'`.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Addresses Cilium hands to `LoadBalancer` services and announces over L2, `first-last` inside the node
   * network, e.g. `192.168.10.200-192.168.10.220`.
   * @default - no load-balancer pool
   */
  readonly loadBalancerRange?: string;
  /**
   * Install the Gateway API CRDs and enable Cilium's Gateway API support.
   * @default false
   */
  readonly gatewayApi?: boolean;
  /**
   * Enable Hubble (relay and UI). Its TLS certificates never come from Helm (they would change on every render):
   * from cert-manager when `certManager.caIssuerName` is set, otherwise from Cilium's CronJob.
   * @default false
   */
  readonly hubble?: boolean;
  /**
   * Extra values files under `helm-values/`, merged after `cilium.yaml`.
   * @default - none
   */
  readonly extraValuesFiles?: readonly string[];
}

/** Argo CD settings. */
export interface ArgoCdDefinition {
  /**
   * Install Argo CD.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Git repository of an app-of-apps `Application` created at bootstrap.
   * @default - no bootstrap application
   */
  readonly bootstrapRepoUrl?: string;
  /**
   * Path inside the repository.
   * @default 'apps'
   */
  readonly bootstrapPath?: string;
  /**
   * Revision the bootstrap application tracks: a tag or commit (a branch name works, with a warning).
   * @default - none: required when `bootstrapRepoUrl` is set
   */
  readonly bootstrapRevision?: string;
  /**
   * Host name Argo CD is served under (the chart's `global.domain`: the UI and API URL, SSO redirects, the
   * server certificate's name). A values file cannot override it.
   * @default - the chart's own (`argocd.example.com`)
   */
  readonly domain?: string;
}

/** cert-manager settings. */
export interface CertManagerDefinition {
  /**
   * Install cert-manager (CRDs included).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Create a self-signed root CA and a `ClusterIssuer` of this name that issues from it.
   * @default - no issuer
   */
  readonly caIssuerName?: string;
}

/** Add-ons installed at bootstrap as Talos inline manifests. */
export interface AddonsDefinition {
  /**
   * CNI when Cilium is off; the only valid value is the default.
   * @default 'none' when Cilium is on, 'flannel' when Cilium is off
   */
  readonly cni?: 'none' | 'flannel';
  /** Cilium. @default - enabled with defaults */
  readonly cilium?: CiliumDefinition;
  /** Argo CD. @default - enabled with defaults */
  readonly argocd?: ArgoCdDefinition;
  /** cert-manager. @default - enabled with defaults */
  readonly certManager?: CertManagerDefinition;
}

/**
 * Where Terraform keeps this cluster's state (which holds the cluster's root secrets).
 * @discriminator type
 */
export type StateBackendDefinition =
  | {
      /** A local state file. */
      readonly type: 'local';
      /** State file path. @default `terraform.<cluster>.tfstate` in the project folder */
      readonly path?: string;
    }
  | {
      /** S3-compatible bucket (MinIO, Ceph RGW, AWS) with lock files; credentials from `AWS_*` env vars. */
      readonly type: 's3';
      /** Bucket name. */
      readonly bucket: string;
      /** Object key of the state. @default `talos/<cluster>.tfstate` */
      readonly key?: string;
      /** Bucket region. @default 'us-east-1' */
      readonly region?: string;
      /** Endpoint URL of a non-AWS store. @default - AWS */
      readonly endpoint?: string;
    }
  | {
      /** PostgreSQL; the connection string comes from the `PG_CONN_STR` environment variable. */
      readonly type: 'pg';
      /** Database schema of the state. @default `talos_<cluster>` with dashes as underscores */
      readonly schemaName?: string;
    };

/** Rolling upgrade settings. */
export interface RolloutDefinition {
  /**
   * Workers upgraded at the same time (control planes always go one at a time).
   * @default 1
   */
  readonly workerBatchSize?: number;
  /**
   * Minutes each node may take to come back healthy after an upgrade before the rollout stops.
   * @default 15
   */
  readonly nodeTimeoutMinutes?: number;
}

/** A whole cluster. */
export interface ClusterDefinition {
  /** Cluster name (DNS-1123 label); also the stack name and the prefix of node names. */
  readonly name: string;
  /** The Kubernetes API endpoint. */
  readonly endpoint: ApiEndpointDefinition;
  /** The node network. */
  readonly network: NodeNetworkDefinition;
  /**
   * Pod network.
   * @default '10.244.0.0/16'
   */
  readonly podCidr?: string;
  /**
   * Service network.
   * @default '10.96.0.0/12'
   */
  readonly serviceCidr?: string;
  /** Proxmox hosts that may run nodes. */
  readonly proxmoxHosts: readonly ProxmoxHostDefinition[];
  /**
   * First VM ID of the cluster's range.
   * @default 8000
   */
  readonly vmIdBase?: number;
  /** Control-plane nodes (1, 3 or 5). */
  readonly controlPlanes: NodePoolDefinition;
  /**
   * Worker nodes.
   * @default - none
   */
  readonly workers?: NodePoolDefinition;
  /**
   * Kubernetes release. Bump it to roll a Kubernetes upgrade.
   * @default KUBERNETES_VERSION from lib/versions.ts
   */
  readonly kubernetesVersion?: string;
  /** Talos settings. @default - defaults of each field */
  readonly talos?: TalosDefinition;
  /** Add-ons. @default - Cilium, Argo CD and cert-manager with defaults */
  readonly addons?: AddonsDefinition;
  /** Terraform state backend. @default - local file per cluster */
  readonly state?: StateBackendDefinition;
  /** Rolling upgrades. @default - one node at a time, 15 minutes each */
  readonly rollout?: RolloutDefinition;
  /**
   * Allow Terraform to destroy and recreate the machine secrets (a new cluster CA: every node must be
   * rebuilt). Leave off except for a deliberate re-key.
   * @default false
   */
  readonly allowMachineSecretsReplacement?: boolean;
  /**
   * Nodes whose VM Terraform may destroy and re-create in the next deploy (their disks and state are lost). Every
   * other VM carries `prevent_destroy`, so an edit that would replace it (a new VM ID, `vmIdBase`, an address
   * change) is refused at plan time. At most one control plane per deploy, and never the only one (etcd would be
   * lost). See docs/node-lifecycle.md before using it; remove the names afterwards.
   * @default - none: no VM may be replaced
   */
  readonly allowVmReplacement?: readonly string[];
}
