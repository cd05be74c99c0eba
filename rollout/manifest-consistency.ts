/**
 * The check both upgrade-k8s callers run first: every control plane carries the same Manifest resources. upgrade-k8s
 * reads the manifests of the one node it runs through (pkg/cluster/kubernetes/talos_managed.go `getManifests`:
 * the first `--nodes` entry) and applies them to the whole cluster, so differing sets would apply one node's.
 */
import { createHash } from 'node:crypto';
import { callTimeoutMs, NodeSnapshot } from './cluster-state';
import { PhaseContext } from './phases/context';
import { progress } from './log';
import { TalosResource } from './talosctl-output';
import { Deadline } from './wait';

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
export async function requireSameManifests(ctx: PhaseContext, controlPlanes: readonly NodeSnapshot[], deadline: Deadline): Promise<void> {
  const sets = await Promise.all(
    controlPlanes.map(async (n) => ({
      node: n,
      digests: manifestDigests(await ctx.talosctl.getResources(n.ip, 'manifests', callTimeoutMs(deadline))),
    })),
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
