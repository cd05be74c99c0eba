/**
 * Kubernetes upgrade, once, after the OS rollout and before any machine config carrying the new version is
 * applied: `talosctl upgrade-k8s --to X` through the first control plane, after printing its `--dry-run`. It
 * patches each control plane's API server, controller manager and scheduler one node at a time, then the
 * kubelets (pkg/cluster/kubernetes/talos_managed.go), so the configs applied afterwards change nothing and the
 * new images never reach all nodes at once. Skipped before bootstrap and when every kubelet and API server
 * already runs X.
 *
 * upgrade-k8s also syncs the add-on manifests. Manifest sync has one owner, the manifests step: here upgrade-k8s
 * runs only after the same consistency check (all control planes carry the same manifests) and with
 * `--manifests-no-prune`, so it never deletes an object; the manifests step after it prunes.
 */
import { kubernetesAtVersion, runningKubernetesVersion } from '../../lib/rollout/checks';
import { kubernetesHopProblem, kubernetesWindowProblem } from '../../lib/talos-support';
import { probeCluster } from '../cluster-state';
import { PhaseContext } from './context';
import { requireSameManifests } from '../manifest-consistency';
import { RolloutConfig } from '../config';
import { waitClusterHealthy } from '../gates';
import { formatElapsed, progress } from '../log';
import { SecretDiffRedactor } from '../talosctl-output';
import { Deadline } from '../wait';

/** Runs `upgrade-k8s` (dry run first) unless the cluster is not bootstrapped or already on the target. */
export async function kubernetesUpgrade(ctx: PhaseContext, config: RolloutConfig): Promise<void> {
  const target = config.kubernetesVersion;
  const started = Date.now();
  const deadline = new Deadline(config.nodeTimeoutSeconds * config.nodes.length);
  const before = await probeCluster(ctx, deadline, { versions: true, kubernetes: true });
  if (!before.bootstrapped) {
    progress(ctx.phase, config.cluster, 'skipped: not bootstrapped yet, the machine configs bring Kubernetes ' + target);
    return;
  }
  if (kubernetesAtVersion(before.nodes, target)) {
    progress(ctx.phase, config.cluster, `skipped: every kubelet and API server already runs ${target}`);
    return;
  }
  const running = runningKubernetesVersion(before.nodes)!;
  const problems = [kubernetesHopProblem(running, target)];
  for (const n of before.nodes.filter((x) => x.mode === 'configured')) {
    const window = kubernetesWindowProblem(n.talosVersion!, target);
    if (window) problems.push(`${n.name} runs Talos ${n.talosVersion}: ${window}`);
  }
  const refused = problems.filter((p): p is string => p !== undefined);
  if (refused.length > 0) throw new Error(`refusing upgrade-k8s ${running} → ${target}: ${refused.join('; ')}`);

  const controlPlanes = before.nodes.filter((n) => n.role === 'controlplane' && n.mode === 'configured');
  await requireSameManifests(ctx, controlPlanes, deadline);
  const via = controlPlanes[0].ip;
  await runUpgradeK8s(ctx, config.cluster, via, target, { dryRun: true, prune: false }, deadline);
  progress(ctx.phase, config.cluster, `upgrading Kubernetes ${running} → ${target} through ${via}`);
  await runUpgradeK8s(ctx, config.cluster, via, target, { dryRun: false, prune: false }, deadline);

  const after = await probeCluster(ctx, deadline, { versions: false, kubernetes: true });
  if (!kubernetesAtVersion(after.nodes, target)) {
    throw new Error(
      `upgrade-k8s finished but not every kubelet and API server runs ${target} (lowest: ${runningKubernetesVersion(after.nodes)}); re-run the deploy to resume`,
    );
  }
  await waitClusterHealthy(ctx, after, deadline);
  progress(ctx.phase, config.cluster, `Kubernetes ${target} in ${formatElapsed(Date.now() - started)}`);
}

/** How upgrade-k8s runs: as a dry run, and whether it may prune manifest objects. */
export interface UpgradeK8sMode {
  readonly dryRun: boolean;
  readonly prune: boolean;
}

/** Runs `talosctl upgrade-k8s --to <to> [--dry-run]`, printing its output with Secret diffs hidden; returns the output. */
export async function runUpgradeK8s(
  ctx: PhaseContext,
  subject: string,
  via: string,
  to: string,
  mode: UpgradeK8sMode,
  deadline: Deadline,
): Promise<string> {
  const { dryRun } = mode;
  const redactor = new SecretDiffRedactor();
  const label = dryRun ? 'upgrade-k8s --dry-run' : 'upgrade-k8s';
  const result = await ctx.talosctl.upgradeK8s(via, to, dryRun, mode.prune, deadline.remainingSeconds(), (line) => {
    const shown = redactor.push(line);
    if (shown !== undefined) progress(ctx.phase, subject, `${label}: ${shown}`);
  });
  if (result.code !== 0 || result.timedOut) {
    throw new Error(
      `talosctl ${label} --to ${to} ${result.timedOut ? 'timed out' : `failed with exit ${result.code}`} (it is safe to re-run: deploy again)`,
    );
  }
  return `${result.stdout}\n${result.stderr}`;
}
