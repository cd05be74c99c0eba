/**
 * The non-secret summary of one synthesized cluster, written beside its Terraform JSON as
 * `cdktf.out/stacks/<cluster>/cluster-summary.json`. The review report compares two of them (base and head)
 * together with the two `cdk.tf.json` files; nothing in it is secret.
 */
import { PlannedHost, PlannedNode } from './cluster-plan';
import { Problem } from './problems';

/** File name of the summary inside a stack's output folder. */
export const CLUSTER_SUMMARY_FILE = 'cluster-summary.json';

/**
 * Format of `ClusterSummary`: raise it when a field is renamed, removed or changes meaning (adding one is
 * compatible). Summaries written before the field existed are format 1. The review reads any older format and
 * says what it could not compare (review/base-summary.ts).
 */
export const SUMMARY_FORMAT_VERSION = 2;

/** One Helm chart rendered into an inline manifest. */
export interface ChartSummary {
  /** Inline manifest name, e.g. `cilium`. */
  readonly name: string;
  readonly repository: string;
  readonly chart: string;
  readonly version: string;
  readonly namespace: string;
  /** Merged values as YAML (what helm_template receives). */
  readonly values: string;
}

/** Everything the review needs that is known at synth time. */
export interface ClusterSummary {
  /** `SUMMARY_FORMAT_VERSION` of the code that wrote it; absent (format 1) in older summaries. */
  readonly formatVersion: number;
  readonly cluster: string;
  readonly talosVersion: string;
  readonly configContract: string;
  readonly kubernetesVersion: string;
  readonly schematicId: string;
  /** Official Image Factory extensions of the schematic, in schematic order. */
  readonly extensions: readonly string[];
  readonly installerImage: string;
  readonly endpointUrl: string;
  readonly vip: string;
  readonly workerBatchSize: number;
  readonly allowMachineSecretsReplacement: boolean;
  /** Nodes whose VM may be replaced (`allowVmReplacement`); absent in summaries written before it existed. */
  readonly allowVmReplacement?: readonly string[];
  readonly hosts: readonly PlannedHost[];
  readonly nodes: readonly PlannedNode[];
  /** Talos config documents per node name (YAML, synth-known parts; no secrets, no token contents). */
  readonly documents: Readonly<Record<string, string>>;
  readonly charts: readonly ChartSummary[];
  /** Validation warnings (errors stop synth before a summary is written). */
  readonly warnings: readonly Problem[];
}
