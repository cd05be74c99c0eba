/**
 * Content diffs from the summaries: each node's Talos config documents, each chart's version and merged values,
 * and the validation warnings. The summaries hold no secrets, so every line may be shown.
 */
import { ClusterSummary } from '../lib/cluster-summary';
import { ClusterOutput, ReviewChange, TerraformJson } from './review-change';
import { resourcesOf } from './terraform-json';
import { unifiedDiff } from './unified-diff';

/** `apply_mode` of each node's config apply in `tf`, by node IP or name. */
function applyModes(tf: TerraformJson): Map<string, string> {
  const modes = new Map<string, string>();
  for (const { block } of resourcesOf(tf, 'talos_machine_configuration_apply')) {
    if (typeof block.node === 'string' && typeof block.apply_mode === 'string') modes.set(block.node, block.apply_mode);
  }
  return modes;
}

/** A unified diff per node whose documents differ; a new node's documents diff against nothing. */
export function documentDiffs(base: ClusterSummary | undefined, head: ClusterOutput): ReviewChange[] {
  const changes: ReviewChange[] = [];
  const modes = applyModes(head.tfJson);
  for (const node of head.summary.nodes) {
    const before = base?.documents[node.name] ?? '';
    const after = head.summary.documents[node.name] ?? '';
    const diff = unifiedDiff(before, after, {
      oldLabel: base?.documents[node.name] === undefined ? '/dev/null' : `base/${node.name}`,
      newLabel: `head/${node.name}`,
    });
    const applyMode = modes.get(node.ip) ?? modes.get(node.name);
    if (diff) changes.push({ kind: 'document-diff', node: node.name, diff, ...(applyMode ? { applyMode } : {}) });
  }
  return changes;
}

/** Charts added, removed, or with a new version or values. */
export function chartChanges(base: ClusterSummary | undefined, head: ClusterSummary): ReviewChange[] {
  const before = new Map((base?.charts ?? []).map((c) => [c.name, c]));
  const after = new Map(head.charts.map((c) => [c.name, c]));
  const changes: ReviewChange[] = [];
  for (const [name, c] of after) {
    const old = before.get(name);
    const valuesDiff = unifiedDiff(old?.values ?? '', c.values, {
      oldLabel: old ? `base/${name}/values.yaml` : '/dev/null',
      newLabel: `head/${name}/values.yaml`,
    });
    if (!old) changes.push({ kind: 'chart', name, change: 'added', toVersion: c.version, valuesDiff });
    else if (old.version !== c.version || valuesDiff || old.repository !== c.repository || old.chart !== c.chart || old.namespace !== c.namespace) {
      changes.push({ kind: 'chart', name, change: 'changed', fromVersion: old.version, toVersion: c.version, valuesDiff });
    }
  }
  for (const [name, c] of before)
    if (!after.has(name)) changes.push({ kind: 'chart', name, change: 'removed', fromVersion: c.version, valuesDiff: '' });
  return changes;
}

/** The head's validation warnings, each marked new when the base did not have it. */
export function warningChanges(base: ClusterSummary | undefined, head: ClusterSummary): ReviewChange[] {
  const key = (p: { path: string; message: string }) => `${p.path}\u0000${p.message}`;
  const known = new Set((base?.warnings ?? []).map(key));
  return head.warnings.map((problem) => ({ kind: 'warning', problem, isNew: !known.has(key(problem)) }));
}
