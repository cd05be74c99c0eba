/**
 * What the review found for one cluster, as data: `compareCluster` produces a list of `ReviewChange`s and the
 * Markdown renderer prints them. Each change says what will happen on `cdktf deploy`, not merely what differs.
 */
import { ClusterSummary } from '../lib/cluster-summary';
import { Problem } from '../lib/problems';

/** The synthesized output of one cluster at one revision. */
export interface ClusterOutput {
  /** Parsed `cluster-summary.json` (lib/cluster-summary.ts `ClusterSummary`). */
  readonly summary: ClusterSummary;
  /** Parsed `cdk.tf.json`. */
  readonly tfJson: TerraformJson;
}

/** The parts of a synthesized `cdk.tf.json` the review reads. */
export interface TerraformJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, TerraformBlock>>>>;
  readonly data?: Readonly<Record<string, Readonly<Record<string, TerraformBlock>>>>;
  readonly moved?: ReadonlyArray<{ readonly from: string; readonly to: string }>;
}

/** One resource or data block: attributes as written, plus meta-arguments such as `lifecycle`. */
export type TerraformBlock = Readonly<Record<string, unknown>>;

/** A pinned version or artifact the cluster runs. */
export type VersionComponent = 'talos' | 'contract' | 'kubernetes' | 'schematic' | 'extensions' | 'installer';

/** How one changed VM attribute will be applied by the bpg/proxmox provider. */
export type VmEffect = 'replace' | 'fails' | 'reboot' | 'pending' | 'in-place' | 'ignored';

/** One changed attribute of a node's VM. */
export interface VmAttributeChange {
  /** Terraform attribute path, e.g. `node_name` or `disk[1].size`. */
  readonly path: string;
  /** Old and new value as displayed (`(none)` when absent, `(sensitive)` when hidden). */
  readonly from: string;
  readonly to: string;
  readonly effect: VmEffect;
  /** Why the provider does that, in one sentence. */
  readonly why: string;
}

/** One rollout wave as the report shows it. */
export interface ReviewWave {
  readonly position: number;
  readonly role: 'controlplane' | 'worker';
  readonly nodes: readonly string[];
}

/** Everything the review reports, one entry per finding. */
export type ReviewChange =
  | { readonly kind: 'cluster-added'; readonly nodes: number; readonly baseProblem?: string }
  | { readonly kind: 'cluster-removed' }
  | {
      /** The base summary was written by older code: what could not be compared. */
      readonly kind: 'base-format';
      readonly baseFormat: number;
      readonly headFormat: number;
      readonly notCompared: readonly string[];
    }
  | {
      readonly kind: 'version';
      readonly component: VersionComponent;
      readonly from: string;
      readonly to: string;
      /** Why the rollout preflight refuses this change (lib/talos-support.ts rules). */
      readonly problem?: string;
      /** What else the reviewer should know about it. */
      readonly note?: string;
    }
  | {
      readonly kind: 'os-rollout';
      /** Waves of nodes that exist in both revisions and keep their VM: each reboots once, wave by wave. */
      readonly waves: readonly ReviewWave[];
      /** New or replaced nodes: they boot the new image directly. */
      readonly freshNodes: readonly string[];
    }
  | {
      readonly kind: 'kubernetes-rollout';
      readonly from: string;
      readonly to: string;
      readonly controlPlanes: readonly string[];
      readonly nodes: readonly string[];
    }
  | { readonly kind: 'manifest-sync'; readonly charts: readonly string[] }
  | {
      /** `terraform_data` steps whose synth-time `triggers_replace` changed (or that are new): Terraform re-runs them. */
      readonly kind: 'steps';
      readonly steps: readonly string[];
    }
  | { readonly kind: 'node-added'; readonly node: string; readonly role: string; readonly host: string; readonly ip: string }
  | {
      readonly kind: 'node-removed';
      readonly node: string;
      readonly role: string;
      readonly host: string;
      readonly ip: string;
      /** What the base's config apply does on destroy (`talos_machine_configuration_apply.on_destroy`). */
      readonly onDestroy?: { readonly reset: boolean; readonly graceful: boolean };
    }
  | { readonly kind: 'vm-id-reuse'; readonly vmId: number; readonly removedNode: string; readonly addedNode: string }
  | { readonly kind: 'vm-changed'; readonly node: string; readonly replaced: boolean; readonly changes: readonly VmAttributeChange[] }
  | { readonly kind: 'image-download'; readonly change: 'added' | 'removed'; readonly host: string; readonly file: string }
  | { readonly kind: 'secrets-replacement'; readonly reason: string }
  /** A kept node whose VM ID or address changes: refused at plan time unless `allowVmReplacement` lists it. */
  | {
      readonly kind: 'identity-change';
      readonly node: string;
      readonly field: 'vmId' | 'ip';
      readonly from: string;
      readonly to: string;
      readonly allowed: boolean;
    }
  | { readonly kind: 'control-plane-count'; readonly from: number; readonly to: number }
  | {
      readonly kind: 'document-diff';
      readonly node: string;
      readonly diff: string;
      /** `apply_mode` of the node's `talos_machine_configuration_apply`, when it has one. */
      readonly applyMode?: string;
    }
  | {
      readonly kind: 'chart';
      readonly name: string;
      readonly change: 'added' | 'removed' | 'changed';
      readonly fromVersion?: string;
      readonly toVersion?: string;
      readonly valuesDiff: string;
    }
  | { readonly kind: 'warning'; readonly problem: Problem; readonly isNew: boolean };

/** The review of one cluster. */
export interface ClusterReview {
  readonly cluster: string;
  readonly changes: readonly ReviewChange[];
}
