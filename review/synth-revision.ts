/**
 * Synthesizes one revision of the project into a temporary output folder, the way `npm run synth` does, with no
 * credentials in the environment, and reads back each cluster's `cdk.tf.json` and `cluster-summary.json`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLUSTER_SUMMARY_FILE } from '../lib/cluster-summary';
import { ClusterOutput } from './review-change';

/** Environment variables never passed to a review synth: credentials and pointers to live clusters. */
const SCRUBBED = [
  /^PROXMOX_VE_/,
  /^TF_VAR_/,
  /^TF_TOKEN_/,
  /^AWS_/,
  /^PG_CONN_STR$/,
  /^GITHUB_TOKEN$/,
  /^GH_TOKEN$/,
  /^TALOSCONFIG$/,
  /^KUBECONFIG$/,
];

/** Result of synthesizing one revision. */
export interface RevisionOutput {
  /** True when synth exited 0. */
  readonly ok: boolean;
  /** What synth printed (stderr, then stdout): the problems when it failed. */
  readonly log: string;
  /** The clusters it wrote, by name (empty when it failed). */
  readonly clusters: ReadonlyMap<string, ClusterOutput>;
  /** Clusters whose output files could not be parsed, with why. */
  readonly unreadable?: ReadonlyMap<string, string>;
}

/** The child environment: the current one minus credentials, plus the output folder. */
export function synthEnvironment(outdir: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!SCRUBBED.some((re) => re.test(k))) clean[k] = v;
  return { ...clean, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' };
}

/**
 * Reads every `stacks/<cluster>/` of a synth output folder that has both files; a cluster whose files are not JSON
 * goes into `unreadable` (when given) with why.
 */
export function readClusters(outdir: string, unreadable?: Map<string, string>): Map<string, ClusterOutput> {
  const stacks = path.join(outdir, 'stacks');
  const clusters = new Map<string, ClusterOutput>();
  if (!fs.existsSync(stacks)) return clusters;
  for (const name of fs.readdirSync(stacks).sort()) {
    const tfFile = path.join(stacks, name, 'cdk.tf.json');
    const summaryFile = path.join(stacks, name, CLUSTER_SUMMARY_FILE);
    if (!fs.existsSync(tfFile) || !fs.existsSync(summaryFile)) continue;
    try {
      clusters.set(name, {
        tfJson: JSON.parse(fs.readFileSync(tfFile, 'utf8')),
        summary: JSON.parse(fs.readFileSync(summaryFile, 'utf8')),
      });
    } catch (err) {
      unreadable?.set(name, `its output is not readable JSON (${(err as Error).message})`);
    }
  }
  return clusters;
}

/** Runs `node scripts/run-ts.mjs <entry>` in `projectDir` and reads what it wrote. */
export function synthesizeRevision(projectDir: string, entry = 'main.ts'): RevisionOutput {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-review-out-'));
  try {
    const runner = path.join(projectDir, 'scripts', 'run-ts.mjs');
    if (!fs.existsSync(runner) || !fs.existsSync(path.join(projectDir, entry))) {
      return { ok: false, log: `this revision has no scripts/run-ts.mjs or ${entry}`, clusters: new Map() };
    }
    const run = spawnSync(process.execPath, [runner, entry], {
      cwd: projectDir,
      env: synthEnvironment(outdir),
      encoding: 'utf8',
      timeout: 10 * 60 * 1000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const log = [run.stderr, run.stdout, run.error ? String(run.error) : ''].filter((s) => s && s.trim()).join('\n');
    const ok = run.status === 0;
    const unreadable = new Map<string, string>();
    return { ok, log, clusters: ok ? readClusters(outdir, unreadable) : new Map(), unreadable };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
