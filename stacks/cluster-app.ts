/**
 * Builds the CDKTF app from cluster definitions: checks every definition first (all problems of all clusters are
 * printed together and nothing is written when any is an error), then one `TalosClusterStack` per cluster, then
 * each cluster's review summary beside its Terraform JSON.
 */
import fs from 'node:fs';
import path from 'node:path';
import { App, TerraformData } from '../constructs/cdk';
import { ClusterDefinition } from '../lib/cluster-definition';
import { CLUSTER_SUMMARY_FILE } from '../lib/cluster-summary';
import { checkCluster } from '../lib/check-cluster';
import { crossClusterProblems } from '../lib/cross-cluster';
import { formatProblem, Problem } from '../lib/problems';
import { TalosClusterStack } from './talos-cluster-stack';

/** Outcome of a synth: the lines to print and whether it succeeded. */
export interface SynthResult {
  readonly ok: boolean;
  /** Problems, one line each (errors first). */
  readonly messages: readonly string[];
  /** The output folder written (only when ok). */
  readonly outdir?: string;
}

/** Checks and synthesizes `definitions` into `outdir` (default: CDKTF_OUTDIR or cdktf.out). */
export function synthesizeClusters(definitions: readonly ClusterDefinition[], outdir?: string): SynthResult {
  const checked = definitions.map((def) => checkCluster(def));
  const found = [
    ...checked.flatMap(({ plan, problems }) => problems.map((problem) => ({ cluster: plan.name, problem }))),
    ...crossClusterProblems(checked.map((c) => c.plan)),
  ];
  const severityOrder = (p: Problem) => (p.severity === 'error' ? 0 : 1);
  const messages = found
    .sort((a, b) => severityOrder(a.problem) - severityOrder(b.problem))
    .map(({ cluster, problem }) => formatProblem(cluster, problem));
  if (found.some(({ problem }) => problem.severity === 'error')) return { ok: false, messages };
  // cdktf's own validation pass spawns `terraform version` once per terraform_data resource (its ">= 1.4" check),
  // which would dominate synth time; run every other construct validation here instead (README: requires
  // Terraform >= 1.11 anyway).
  const app = new App({ ...(outdir ? { outdir } : {}), skipValidation: true });
  const stacks = definitions.map((def) => new TalosClusterStack(app, def.name, { definition: def }));
  const invalid = app.node
    .findAll()
    .filter((c) => !(c instanceof TerraformData))
    .flatMap((c) => c.node.validate().map((m) => `error ${c.node.path}: ${m}`));
  if (invalid.length > 0) return { ok: false, messages: [...messages, ...invalid] };
  app.synth();
  for (const stack of stacks) {
    const file = path.join(app.outdir, 'stacks', stack.node.id, CLUSTER_SUMMARY_FILE);
    fs.writeFileSync(file, `${JSON.stringify(stack.summary(), null, 2)}\n`);
  }
  return { ok: true, messages, outdir: app.outdir };
}
