/**
 * The review's comparison: base and head output of each cluster in, the list of what `cdktf deploy` will do
 * out. Pure (no file system, no git); review/cli.ts feeds it the two synthesized revisions.
 */
import { SUMMARY_FORMAT_VERSION } from '../lib/cluster-summary';
import { needsFormatNote, readBaseSummary } from './base-summary';
import { chartChanges, documentDiffs, warningChanges } from './compare-content';
import { controlPlaneCountChange, imageDownloadChanges, nodeChanges, replacedNodes } from './compare-nodes';
import { rerunSteps, rolloutChanges } from './compare-rollout';
import { secretsChanges } from './compare-secrets';
import { versionChanges } from './compare-versions';
import { ClusterOutput, ClusterReview, ReviewChange } from './review-change';

/**
 * The changes of one cluster. `base` undefined means the cluster is new (or the base did not synthesize:
 * `baseProblem` says why); `head` undefined means the cluster was removed from the definitions. A base written by
 * older code is compared as far as it can be, with a note of the rest; one that cannot be compared at all is shown
 * like a base that did not synthesize. Never throws for any base.
 */
export function compareCluster(
  cluster: string,
  base: ClusterOutput | undefined,
  head: ClusterOutput | undefined,
  baseProblem?: string,
): ClusterReview {
  if (!head || !base) return compareWith(cluster, base, head, baseProblem);
  try {
    const read = readBaseSummary(base.summary, head.summary);
    const review = compareWith(cluster, { ...base, summary: read.summary }, head);
    if (!needsFormatNote(read)) return review;
    const note: ReviewChange = {
      kind: 'base-format',
      baseFormat: read.formatVersion,
      headFormat: SUMMARY_FORMAT_VERSION,
      notCompared: read.notCompared,
    };
    return { cluster, changes: [note, ...review.changes] };
  } catch (err) {
    return compareWith(cluster, undefined, head, `its output could not be compared with this review's (${(err as Error).message})`);
  }
}

function compareWith(cluster: string, base: ClusterOutput | undefined, head: ClusterOutput | undefined, baseProblem?: string): ClusterReview {
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
  /** Base clusters whose output could not be read, with why. */
  baseUnreadable: ReadonlyMap<string, string> = new Map(),
): ClusterReview[] {
  const names = [...head.keys(), ...[...base.keys()].filter((n) => !head.has(n))];
  return names.map((name) => compareCluster(name, base.get(name), head.get(name), baseProblem ?? baseUnreadable.get(name)));
}

/** True when a review has something to report beyond unchanged warnings. */
export function hasFindings(review: ClusterReview): boolean {
  return review.changes.some((c) => (c.kind === 'warning' ? c.isNew : c.kind !== 'base-format'));
}
