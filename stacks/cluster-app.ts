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
import { checkDefinition } from '../lib/check-cluster';
import { crossClusterProblems } from '../lib/cross-cluster';
import { ClusterDefinitionError, formatProblem, Problem } from '../lib/problems';
import { providerProvenanceProblems } from '../lib/provider-provenance';
import { TalosClusterStack } from './talos-cluster-stack';

/** What synth wrote for one cluster. */
export interface WrittenStack {
  readonly cluster: string;
  /** The Terraform JSON, relative to the working directory when inside it. */
  readonly file: string;
  /** Managed resources in the stack. */
  readonly resources: number;
  /** Data sources in the stack. */
  readonly dataSources: number;
  /** Warnings of the cluster's definition. */
  readonly warnings: number;
}

/** Outcome of a synth: the lines to print and whether it succeeded. */
export interface SynthResult {
  readonly ok: boolean;
  /** Problems, one line each (errors first). */
  readonly messages: readonly string[];
  /** The output folder written (only when ok). */
  readonly outdir?: string;
  /** What was written per cluster (only when ok). */
  readonly stacks?: readonly WrittenStack[];
}

function countBlocks(file: string): { resources: number; dataSources: number } {
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { resource?: Record<string, object>; data?: Record<string, object> };
  const count = (blocks?: Record<string, object>) => Object.values(blocks ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
  return { resources: count(json.resource), dataSources: count(json.data) };
}

/**
 * Checks and synthesizes `definitions` into `outdir` (default: CDKTF_OUTDIR or cdktf.out). The definitions may come
 * from code that was never type-checked: their shape is checked like everything else.
 */
export function synthesizeClusters(definitions: readonly ClusterDefinition[], outdir?: string): SynthResult {
  const checked = (definitions as readonly unknown[]).map((def, i) => checkDefinition(def, undefined, i));
  const plans = checked.flatMap((c) => (c.plan ? [c.plan] : []));
  const found = [
    ...providerProvenanceProblems().map((problem) => ({ cluster: 'project', problem })),
    ...checked.flatMap(({ cluster, problems }) => problems.map((problem) => ({ cluster, problem }))),
    ...(plans.length === checked.length ? crossClusterProblems(plans) : []),
  ];
  const severityOrder = (p: Problem) => (p.severity === 'error' ? 0 : 1);
  const messages = found
    .sort((a, b) => severityOrder(a.problem) - severityOrder(b.problem))
    .map(({ cluster, problem }) => formatProblem(cluster, problem));
  if (found.some(({ problem }) => problem.severity === 'error')) return { ok: false, messages };
  const target = path.resolve(outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const existed = fs.existsSync(target);
  try {
    // cdktf's own validation pass spawns `terraform version` once per terraform_data resource (its ">= 1.4" check),
    // which would dominate synth time; run every other construct validation here instead (README: requires
    // Terraform >= 1.11 anyway).
    const app = new App({ ...(outdir ? { outdir } : {}), skipValidation: true });
    // Validated once, above: each stack gets the branded plan and its warnings.
    const stacks = checked.map((c) => new TalosClusterStack(app, c.validated!.name, { plan: c.validated!, warnings: c.problems }));
    const invalid = app.node
      .findAll()
      .filter((c) => !(c instanceof TerraformData))
      .flatMap((c) => c.node.validate().map((m) => `error ${c.node.path}: ${m}`));
    if (invalid.length > 0) {
      if (!existed) fs.rmSync(target, { recursive: true, force: true });
      return { ok: false, messages: [...messages, ...invalid] };
    }
    app.synth();
    const written = stacks.map((stack): WrittenStack => {
      const dir = path.join(app.outdir, 'stacks', stack.node.id);
      fs.writeFileSync(path.join(dir, CLUSTER_SUMMARY_FILE), `${JSON.stringify(stack.summary(), null, 2)}\n`);
      const file = path.join(dir, 'cdk.tf.json');
      const relative = path.relative(process.cwd(), file);
      return { cluster: stack.node.id, file: relative.startsWith('..') ? file : relative, ...countBlocks(file), warnings: stack.warnings.length };
    });
    return { ok: true, messages, outdir: app.outdir, stacks: written };
  } catch (e) {
    // A construct's own check (e.g. a value the bundled values files must keep) still reads as problems; anything
    // else is a bug. Either way: no stack trace and nothing left behind.
    if (!existed) fs.rmSync(target, { recursive: true, force: true });
    if (e instanceof ClusterDefinitionError) return { ok: false, messages: [...messages, ...e.problems.map((p) => formatProblem(e.cluster, p))] };
    const reason = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      messages: [...messages, `error: synth stopped unexpectedly (a bug in this project, please report it with your definition): ${reason}`],
    };
  }
}
