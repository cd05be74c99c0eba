/**
 * What `npm run synth` does for a cluster list, as a function: main.ts prints its lines and exits with its code, and
 * the definition-error tests run it in-process on the same lists.
 */
import { planCluster } from '../lib/cluster-plan';
import { localStateProblems } from '../lib/orphaned-state';
import { formatProblem } from '../lib/problems';
import { describeProtected, protectSecretFiles } from '../lib/secret-files';
import { TEARDOWN_ENV, withTeardown } from '../lib/teardown';
import { structureProblems } from '../lib/validation/structure';
import { ClusterDefinition } from '../lib/cluster-definition';
import { synthesizeClusters } from './cluster-app';

/** Lines a synth printed to stdout and stderr, and its exit code. */
export interface SynthRun {
  readonly code: 0 | 1;
  readonly stdout: readonly string[];
  readonly stderr: readonly string[];
}

/** Options of {@link runSynth}. */
export interface SynthRunOptions {
  /** Project folder: secret-bearing files under it are narrowed to 0600, local state files are looked up there. */
  readonly cwd: string;
  /** Environment: TALOS_CDKTF_TEARDOWN, CDKTF_CONTEXT_JSON (set by the cdktf CLI). */
  readonly env: NodeJS.ProcessEnv;
  /**
   * Where the stacks are written.
   * @default CDKTF_OUTDIR, else `cdktf.out` (cdktf's App)
   */
  readonly outdir?: string;
}

const FAILED = 'synth failed: fix the errors above; nothing was written.';

/**
 * Synthesizes `clusters` (never type-checked: esbuild strips types) as main.ts does. Before anything else it narrows
 * secret-bearing files a previous run left readable by others (state, plans, access files) to 0600. With
 * TALOS_CDKTF_TEARDOWN=<cluster> (set only by `npm run destroy`) that cluster is synthesized with its guards lifted
 * (lib/teardown.ts). Code 1, with every problem and nothing written, when a definition is invalid.
 */
export function runSynth(clusters: readonly unknown[], options: SynthRunOptions): SynthRun {
  const stdout: string[] = [];
  const stderr: string[] = [];
  // What runs before synthesizeClusters reads only definitions of the right shape; synthesizeClusters reports the others.
  const wellFormed = clusters.filter((c) => structureProblems(c).typesValid) as ClusterDefinition[];
  const customStateFiles = wellFormed.flatMap((c) => (c.state?.type === 'local' && c.state.path ? [c.state.path] : []));
  stderr.push(...describeProtected(protectSecretFiles(options.cwd, customStateFiles)));
  // A renamed cluster would be built a second time beside the running one (lib/orphaned-state.ts).
  const orphaned = localStateProblems(options.cwd, wellFormed.map(planCluster));
  if (orphaned.length > 0) {
    stderr.push(...orphaned.map(({ cluster, problem }) => formatProblem(cluster, problem)), FAILED);
    return { code: 1, stdout, stderr };
  }
  // `npm run destroy -- <cluster>` (scripts/teardown.ts) names the cluster whose guards are lifted for this run.
  const result = synthesizeClusters(withTeardown(clusters as ClusterDefinition[], options.env[TEARDOWN_ENV]), options.outdir);
  stderr.push(...result.messages);
  if (!result.ok) {
    stderr.push(FAILED);
    return { code: 1, stdout, stderr };
  }
  for (const s of result.stacks ?? []) {
    const warnings = s.warnings > 0 ? `, ${s.warnings} warning(s) above` : '';
    stdout.push(`wrote ${s.file}: ${s.resources} resources, ${s.dataSources} data sources${warnings}`);
  }
  // The cdktf CLI (which sets CDKTF_CONTEXT_JSON for the app) goes on by itself; after `npm run synth`, say what next.
  if (!options.env.CDKTF_CONTEXT_JSON && result.stacks && result.stacks.length > 0) {
    const first = result.stacks[0].cluster;
    stdout.push(`next: npm run review -- --base main (offline report), or CHECKPOINT_DISABLE=1 npx cdktf diff ${first} (needs Proxmox credentials)`);
  }
  return { code: 0, stdout, stderr };
}
