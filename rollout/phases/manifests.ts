/**
 * Add-on manifest sync on a running cluster. Talos only creates missing inline-manifest objects; changed ones
 * reach the cluster through `upgrade-k8s` at the current version, which reads the manifests from one control
 * plane (talos docs inlinemanifests, pkg/cluster/kubernetes/talos_managed.go `PerformManifestsSync`). So: refuse
 * when the control planes' manifest sets differ (`talosctl get manifests`), print the `--dry-run` (Secret diffs
 * hidden), and run the sync only when the dry run shows a change. Skipped before bootstrap. This is the only step
 * that prunes (the Kubernetes step passes `--manifests-no-prune`).
 */
import { kubernetesAtVersion, runningKubernetesVersion } from '../../lib/rollout/checks';
import { probeCluster } from '../cluster-state';
import { PhaseContext } from './context';
import { RolloutConfig } from '../config';
import { formatElapsed, progress } from '../log';
import { requireSameManifests } from '../manifest-consistency';
import { hasManifestChanges } from '../talosctl-output';
import { Deadline } from '../wait';
import { runUpgradeK8s } from './kubernetes';

/** Syncs changed add-on manifests with `upgrade-k8s --to <running version>`. */
export async function manifestSync(ctx: PhaseContext, config: RolloutConfig): Promise<void> {
  const started = Date.now();
  const deadline = new Deadline(config.nodeTimeoutSeconds);
  const snapshot = await probeCluster(ctx, deadline, { versions: false, kubernetes: true });
  if (!snapshot.bootstrapped) {
    progress(ctx.phase, config.cluster, 'skipped: not bootstrapped yet, Talos applies the manifests at bootstrap');
    return;
  }
  const target = config.kubernetesVersion;
  if (!kubernetesAtVersion(snapshot.nodes, target)) {
    throw new Error(
      `Kubernetes runs ${runningKubernetesVersion(snapshot.nodes)}, not ${target}: the kubernetes step must finish first (deploy again)`,
    );
  }
  const controlPlanes = snapshot.nodes.filter((n) => n.role === 'controlplane' && n.mode === 'configured');
  await requireSameManifests(ctx, controlPlanes, deadline);

  const via = controlPlanes[0].ip;
  const dryRun = await runUpgradeK8s(ctx, config.cluster, via, target, { dryRun: true, prune: true }, deadline);
  if (!hasManifestChanges(dryRun)) {
    progress(ctx.phase, config.cluster, 'skipped: the dry run shows no manifest change');
    return;
  }
  progress(ctx.phase, config.cluster, `syncing manifests at Kubernetes ${target} through ${via}`);
  await runUpgradeK8s(ctx, config.cluster, via, target, { dryRun: false, prune: true }, deadline);
  progress(ctx.phase, config.cluster, `manifests synced in ${formatElapsed(Date.now() - started)}`);
}
