/**
 * The review's comparison: base and head output of each cluster in, the list of what `cdktf deploy` will do
 * out. Pure (no file system, no git); review/cli.ts feeds it the two synthesized revisions.
 */
import { chartChanges, documentDiffs, warningChanges } from './compare-content';
import { controlPlaneCountChange, imageDownloadChanges, nodeChanges, replacedNodes } from './compare-nodes';
import { rerunSteps, rolloutChanges } from './compare-rollout';
import { secretsChanges } from './compare-secrets';
import { versionChanges } from './compare-versions';
import { ClusterOutput, ClusterReview, ReviewChange } from './review-change';

/**
 * The changes of one cluster. `base` undefined means the cluster is new (or the base did not synthesize:
 * `baseProblem` says why); `head` undefined means the cluster was removed from the definitions.
 */
export function compareCluster(cluster: string, base: ClusterOutput | undefined, head: ClusterOutput | undefined, baseProblem?: string): ClusterReview {
  if (!head) return { cluster, changes: base ? [{ kind: 'cluster-removed' }] : [] };
  const h = head.summary;
  if (!base) {
    const changes: ReviewChange[] = [
      { kind: 'cluster-added', nodes: h.nodes.length, ...(baseProblem ? { baseProblem } : {}) },
      ...controlPlaneCountChange(undefined, head),
      ...h.nodes.map((n): ReviewChange => ({ kind: 'node-added', node: n.name, role: n.role, host: n.host, ip: n.ip })),
      ...imageDownloadChanges(undefined, head),
      ...documentDiffs(undefined, head),
      ...chartChanges(undefined, h),
      ...warningChanges(undefined, h),
    ];
    return { cluster, changes };
  }
  const nodes = nodeChanges(base, head);
  const changes: ReviewChange[] = [
    ...secretsChanges(base, head),
    ...controlPlaneCountChange(base, head),
    ...versionChanges(base, head),
    ...rolloutChanges(base, head, replacedNodes(nodes)),
    ...rerunSteps(base, head),
    ...nodes,
    ...imageDownloadChanges(base, head),
    ...documentDiffs(base.summary, head),
    ...chartChanges(base.summary, h),
    ...warningChanges(base.summary, h),
  ];
  return { cluster, changes };
}

/** One review per cluster of either revision, in head order, then clusters only the base has. */
export function compareRevisions(
  base: ReadonlyMap<string, ClusterOutput>,
  head: ReadonlyMap<string, ClusterOutput>,
  baseProblem?: string,
): ClusterReview[] {
  const names = [...head.keys(), ...[...base.keys()].filter((n) => !head.has(n))];
  return names.map((name) => compareCluster(name, base.get(name), head.get(name), baseProblem));
}

/** True when a review has something to report beyond unchanged warnings. */
export function hasFindings(review: ClusterReview): boolean {
  return review.changes.some((c) => c.kind !== 'warning' || c.isNew);
}
