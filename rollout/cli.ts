/**
 * The rollout runner Terraform calls from each rollout step (local-exec, working directory = project root):
 *
 *   node scripts/run-ts.mjs rollout/cli.ts preflight
 *   node scripts/run-ts.mjs rollout/cli.ts os-upgrade --node <name>
 *   node scripts/run-ts.mjs rollout/cli.ts kubernetes | health | manifests
 *   node scripts/run-ts.mjs rollout/cli.ts remove-node --node <name>   (destroy time; kubectl, talosctl only to fetch a kubeconfig)
 *
 * Inputs come from ROLLOUT_* environment variables (rollout/config.ts). Exit 0: done or nothing to do; 1: the
 * phase failed or refused (Terraform then taints the step and stops the chain); 2: wrong usage.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { PhaseContext } from './phases/context';
import { loadConfig, loadRemoveNodeConfig, RolloutConfig } from './config';
import { formatElapsed, progress } from './log';
import { clusterHealth } from './phases/health';
import { kubernetesUpgrade } from './phases/kubernetes';
import { manifestSync } from './phases/manifests';
import { osUpgrade } from './phases/os-upgrade';
import { preflight } from './phases/preflight';
import { removeNode } from './phases/remove-node';
import { KubeApi } from './kube-api';
import { Talosctl } from './talosctl';

/** A phase of the runner: whether it acts on one node (`--node`), and what runs it. */
interface PhaseEntry {
  readonly perNode: boolean;
  readonly run: (phase: string, subject: string, node: string | undefined) => Promise<void>;
}

/**
 * Every phase. The cluster phases share one setup (configuration, talosctl, Kubernetes API: {@link withCluster});
 * `remove-node` runs at destroy time from its own, smaller configuration (kubectl, and talosctl only to fetch a
 * kubeconfig).
 */
const PHASES: Readonly<Record<string, PhaseEntry>> = {
  preflight: { perNode: false, run: (phase, subject) => withCluster(phase, subject, (ctx, config) => preflight(ctx, config)) },
  'os-upgrade': { perNode: true, run: (phase, subject, node) => withCluster(phase, subject, (ctx, config) => osUpgrade(ctx, config, node!)) },
  kubernetes: { perNode: false, run: (phase, subject) => withCluster(phase, subject, (ctx, config) => kubernetesUpgrade(ctx, config)) },
  health: { perNode: false, run: (phase, subject) => withCluster(phase, subject, (ctx, config) => clusterHealth(ctx, config)) },
  manifests: { perNode: false, run: (phase, subject) => withCluster(phase, subject, (ctx, config) => manifestSync(ctx, config)) },
  'remove-node': { perNode: true, run: (phase, _subject, node) => removeNode(phase, loadRemoveNodeConfig(process.env, process.cwd()), node!) },
};

const NODE_PHASES = Object.keys(PHASES).filter((p) => PHASES[p].perNode);
const USAGE = `usage: rollout/cli.ts <${Object.keys(PHASES).join('|')}> [--node <name>]   (${NODE_PHASES.join(' and ')} need --node)`;

/** Runs `body` with the cluster phases' context: configuration, talosctl (version read once), Kubernetes API. */
async function withCluster(phase: string, subject: string, body: (ctx: PhaseContext, config: RolloutConfig) => Promise<void>): Promise<void> {
  const config = loadConfig(process.env, process.cwd());
  requirePrivateFile(config.talosconfig);
  const talosctl = new Talosctl(config.talosctl, config.talosconfig);
  const clientVersion = await talosctl.clientVersion(30000);
  progress(phase, subject, `talosctl ${clientVersion}, talosconfig ${config.talosconfig}`);
  const kube = new KubeApi(
    talosctl,
    config.kubectl,
    config.nodes.filter((n) => n.role === 'controlplane').map((n) => n.ip),
  );
  try {
    await body({ phase, talosctl, nodes: config.nodes, pollMs: config.pollSeconds * 1000, clientVersion, kube, cni: config.cni }, config);
  } finally {
    kube.close();
  }
}

/** The talosconfig must exist; group/other access is reported (the stack writes it 0600). */
function requirePrivateFile(file: string): void {
  if (!fs.existsSync(file))
    throw new Error(`talosconfig not found at ${file}; the stack writes it (local_sensitive_file) before the rollout steps run`);
  if ((fs.statSync(file).mode & 0o077) !== 0) progress('config', 'talosconfig', `warning: ${file} is readable by others; chmod 600 it`);
}

async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { node: { type: 'string' }, help: { type: 'boolean' } } });
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  const [phase, ...extra] = parsed.positionals;
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const entry = Object.hasOwn(PHASES, phase) ? PHASES[phase] : undefined;
  if (!entry || extra.length > 0 || entry.perNode !== (parsed.values.node !== undefined)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const started = Date.now();
  const subject = parsed.values.node ?? 'cluster';
  try {
    await entry.run(phase, subject, parsed.values.node);
    progress(phase, subject, `ok (${formatElapsed(Date.now() - started)})`);
    return 0;
  } catch (e) {
    progress(phase, subject, `FAILED after ${formatElapsed(Date.now() - started)}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`rollout runner crashed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
