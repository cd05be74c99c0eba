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
import { PhaseContext } from './cluster-state';
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

const PHASES = ['preflight', 'os-upgrade', 'kubernetes', 'health', 'manifests', 'remove-node'] as const;
type Phase = (typeof PHASES)[number];
/** The phases that act on one node and need `--node`. */
const NODE_PHASES: readonly Phase[] = ['os-upgrade', 'remove-node'];

const USAGE = `usage: rollout/cli.ts <${PHASES.join('|')}> [--node <name>]   (${NODE_PHASES.join(' and ')} need --node)`;

async function runPhase(phase: Exclude<Phase, 'remove-node'>, ctx: PhaseContext, config: RolloutConfig, node: string | undefined): Promise<void> {
  switch (phase) {
    case 'preflight':
      return preflight(ctx, config);
    case 'os-upgrade':
      return osUpgrade(ctx, config, node!);
    case 'kubernetes':
      return kubernetesUpgrade(ctx, config);
    case 'health':
      return clusterHealth(ctx, config);
    case 'manifests':
      return manifestSync(ctx, config);
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
  if (!PHASES.includes(phase as Phase) || extra.length > 0 || NODE_PHASES.includes(phase as Phase) !== (parsed.values.node !== undefined)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const started = Date.now();
  const subject = parsed.values.node ?? 'cluster';
  try {
    if (phase === 'remove-node') {
      await removeNode(phase, loadRemoveNodeConfig(process.env, process.cwd()), parsed.values.node!);
      progress(phase, subject, `ok (${formatElapsed(Date.now() - started)})`);
      return 0;
    }
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
    const ctx: PhaseContext = { phase, talosctl, nodes: config.nodes, pollMs: config.pollSeconds * 1000, clientVersion, kube, cni: config.cni };
    try {
      await runPhase(phase as Exclude<Phase, 'remove-node'>, ctx, config, parsed.values.node);
    } finally {
      kube.close();
    }
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
