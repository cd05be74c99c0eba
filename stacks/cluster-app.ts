/**
 * Builds the CDKTF app from cluster definitions: checks every definition first (all problems of all clusters are
 * printed together and nothing is written when any is an error), then one `TalosClusterStack` per cluster, then
 * each cluster's review summary beside its Terraform JSON.
 */
import fs from 'node:fs';
import path from 'node:path';
import { App } from '../constructs/cdk';
import { ClusterDefinition } from '../lib/cluster-definition';
import { CLUSTER_SUMMARY_FILE } from '../lib/cluster-summary';
import { checkCluster } from '../lib/check-cluster';
import { formatProblem } from '../lib/problems';
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
  const names = new Set<string>();
  const messages: string[] = [];
  let failed = false;
  for (const def of definitions) {
    const { problems } = checkCluster(def);
    if (names.has(def.name)) {
      failed = true;
      messages.push(`error ${def.name}: name = ${JSON.stringify(def.name)}: two cluster definitions share this name. Fix: give each cluster its own name (it is the stack and state name)`);
    }
    names.add(def.name);
    const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    for (const p of sorted) messages.push(formatProblem(def.name, p));
    failed ||= problems.some((p) => p.severity === 'error');
  }
  if (failed) return { ok: false, messages };
  const app = new App(outdir ? { outdir } : {});
  const stacks = definitions.map((def) => new TalosClusterStack(app, def.name, { definition: def }));
  app.synth();
  for (const stack of stacks) {
    const file = path.join(app.outdir, 'stacks', stack.node.id, CLUSTER_SUMMARY_FILE);
    fs.writeFileSync(file, `${JSON.stringify(stack.summary(), null, 2)}\n`);
  }
  return { ok: true, messages, outdir: app.outdir };
}
