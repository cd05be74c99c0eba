/**
 * Add-on manifest sync on a running cluster. Talos only creates missing inline-manifest objects; changed ones
 * reach the cluster through `upgrade-k8s` at the current version, which reads the manifests from one control
 * plane (talos docs inlinemanifests, pkg/cluster/kubernetes/talos_managed.go `PerformManifestsSync`). So: refuse
 * when the control planes' manifest sets differ (`talosctl get manifests`), print the `--dry-run` (Secret diffs
 * hidden), and run the sync only when the dry run shows a change. Skipped before bootstrap.
 */
import { createHash } from 'node:crypto';
import { kubernetesAtVersion, runningKubernetesVersion } from '../../lib/rollout-checks';
import { NodeSnapshot, PhaseContext, callTimeoutMs, probeCluster } from '../cluster-state';
import { RolloutConfig } from '../config';
import { formatElapsed, progress } from '../log';
import { hasManifestChanges, TalosResource } from '../talosctl-output';
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
    throw new Error(`Kubernetes runs ${runningKubernetesVersion(snapshot.nodes)}, not ${target}: the kubernetes step must finish first (deploy again)`);
  }
  const controlPlanes = snapshot.nodes.filter((n) => n.role === 'controlplane' && n.mode === 'configured');
  await requireSameManifests(ctx, controlPlanes, deadline);

  const via = controlPlanes[0].ip;
  const dryRun = await runUpgradeK8s(ctx, config.cluster, via, target, true, deadline);
  if (!hasManifestChanges(dryRun)) {
    progress(ctx.phase, config.cluster, 'skipped: the dry run shows no manifest change');
    return;
  }
  progress(ctx.phase, config.cluster, `syncing manifests at Kubernetes ${target} through ${via}`);
  await runUpgradeK8s(ctx, config.cluster, via, target, false, deadline);
  progress(ctx.phase, config.cluster, `manifests synced in ${formatElapsed(Date.now() - started)}`);
}

/** Digest of each Manifest resource (ID → sha256 of its objects), without keeping or printing the content. */
function manifestDigests(resources: readonly TalosResource[]): Map<string, string> {
  return new Map(resources.map((r) => [r.metadata.id, createHash('sha256').update(stableJson(r.spec)).digest('hex')]));
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Throws, naming the differing manifest IDs, unless every control plane carries the same Manifest resources. */
async function requireSameManifests(ctx: PhaseContext, controlPlanes: readonly NodeSnapshot[], deadline: Deadline): Promise<void> {
  const sets = await Promise.all(
    controlPlanes.map(async (n) => ({ node: n, digests: manifestDigests(await ctx.talosctl.getResources(n.ip, 'manifests', callTimeoutMs(deadline))) })),
  );
  const [first, ...rest] = sets;
  const differences: string[] = [];
  for (const other of rest) {
    const ids = new Set([...first.digests.keys(), ...other.digests.keys()]);
    const differing = [...ids].filter((id) => first.digests.get(id) !== other.digests.get(id)).sort();
    if (differing.length > 0) differences.push(`${other.node.name} differs from ${first.node.name} in ${differing.join(', ')}`);
  }
  if (differences.length > 0) {
    throw new Error(
      `the control planes do not carry the same manifests (${differences.join('; ')}); upgrade-k8s would sync one node's set and prune the rest. ` +
        'Apply the same machine config to every control plane first',
    );
  }
  progress(ctx.phase, 'cluster', `${controlPlanes.length} control plane(s) carry the same ${first.digests.size} manifest(s)`);
}
