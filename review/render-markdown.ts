/**
 * Renders cluster reviews as the Markdown report a pull request shows: warnings first, then versions, the
 * rollout in the order it runs, nodes and VMs, config diffs, charts and validation warnings. Pure.
 */
import { hasFindings } from './compare';
import { ClusterReview, ReviewChange, VersionComponent } from './review-change';
import { renderNodeSections } from './render-vms';

/** What the report header says about the two revisions. */
export interface ReportHeader {
  /** e.g. `origin/main (1a2b3c4)`. */
  readonly base: string;
  /** e.g. `working tree` or `HEAD (5d6e7f8)`. */
  readonly head: string;
  /**
   * The head did not validate: its synth output (errors), shown instead of cluster reviews.
   * @default - the head validated
   */
  readonly headErrors?: string;
}

/** Options of `renderReport`. */
export interface RenderOptions {
  /**
   * Longest diff printed in full; longer ones are cut with a note.
   * @default 400
   */
  readonly maxDiffLines?: number;
}

type Of<K extends ReviewChange['kind']> = Extract<ReviewChange, { kind: K }>;

const COMPONENT: Readonly<Record<VersionComponent, string>> = {
  talos: 'Talos',
  contract: 'Config contract',
  kubernetes: 'Kubernetes',
  schematic: 'Image Factory schematic',
  extensions: 'System extensions',
  installer: 'Installer image',
};

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

function only<K extends ReviewChange['kind']>(changes: readonly ReviewChange[], kind: K): Of<K>[] {
  return changes.filter((c): c is Of<K> => c.kind === kind);
}

const html = (s: string) => `<code>${s.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</code>`;

/** The diff without its `---`/`+++` labels, to find nodes whose documents change the same way. */
function diffBody(diff: string): string {
  return diff.split('\n').slice(2).join('\n');
}

function diffBlock(summary: string, diff: string, maxLines: number): string[] {
  const lines = diff.split('\n');
  const shown =
    lines.length > maxLines
      ? [...lines.slice(0, maxLines), `… ${lines.length - maxLines} more lines: run \`npm run review\` locally for the full diff`]
      : lines;
  return ['<details>', `<summary>${summary}</summary>`, '', '```diff', ...shown, '```', '</details>', ''];
}

function counts(diff: string): string {
  const lines = diff.split('\n').slice(2);
  return `+${lines.filter((l) => l.startsWith('+')).length} −${lines.filter((l) => l.startsWith('-')).length}`;
}

function renderWarnings(changes: readonly ReviewChange[]): string[] {
  const out: string[] = [];
  for (const c of only(changes, 'secrets-replacement'))
    out.push(`> **⚠️ Machine secrets at risk (new secrets mean a new cluster CA: every node must be rebuilt):** ${c.reason}.`, '>');
  for (const c of only(changes, 'identity-change')) {
    const what = c.field === 'vmId' ? 'VM ID' : 'address';
    out.push(
      c.allowed
        ? `> **⚠️ ${code(c.node)} is rebuilt: its ${what} changes ${c.from} → ${c.to} and \`allowVmReplacement\` lists it. Its VM, disks and Talos state are destroyed and re-created (docs/node-lifecycle.md).**`
        : `> **⛔ ${code(c.node)}: its ${what} changes ${c.from} → ${c.to}. A node's VM ID and address are its identity: \`cdktf deploy\` refuses this plan (prevent_destroy). Do it in two steps: remove the node and deploy, then add it with the new ${what} and deploy (docs/node-lifecycle.md).**`,
      '>',
    );
  }
  for (const c of only(changes, 'control-plane-count')) {
    const tolerated = Math.floor((c.to - 1) / 2);
    out.push(
      `> **⚠️ Even number of control planes: ${c.from} → ${c.to}.** ${c.to} etcd members tolerate ${tolerated} failure${tolerated === 1 ? '' : 's'}, no more than ${c.to - 1} do, and every write needs one more member to agree. Use an odd count.`,
      '>',
    );
  }
  if (out.length > 0) out.pop();
  return out.length > 0 ? [...out, ''] : [];
}

function renderVersions(changes: readonly ReviewChange[]): string[] {
  const versions = only(changes, 'version');
  if (versions.length === 0) return [];
  const rows = versions.map(
    (v) =>
      `| ${COMPONENT[v.component]} | ${code(v.from)} | ${code(v.to)} | ${v.problem ? `**Refused by the rollout preflight:** ${v.problem}` : (v.note ?? '')} |`,
  );
  return ['### Versions', '', '| | Base | Head | |', '| --- | --- | --- | --- |', ...rows, ''];
}

function renderRollout(changes: readonly ReviewChange[]): string[] {
  const steps: string[] = [];
  for (const c of only(changes, 'os-rollout')) {
    const waves = c.waves.map(
      (w) => `   ${w.position + 1}. ${w.nodes.map(code).join(', ')} (${w.role === 'controlplane' ? 'control plane' : 'workers'})`,
    );
    const fresh = c.freshNodes.length > 0 ? [`   New or re-created VMs boot the new image directly: ${c.freshNodes.map(code).join(', ')}.`] : [];
    steps.push(
      '**Talos OS upgrade**: each node reboots once into the new installer, one wave at a time, each waiting for the node (and etcd) to be healthy:',
      ...waves,
      ...fresh,
    );
  }
  for (const c of only(changes, 'kubernetes-rollout')) {
    steps.push(
      `**Kubernetes upgrade ${c.from} → ${c.to}** (\`talosctl upgrade-k8s\`, once, after the OS upgrade): API server, controller manager and scheduler restart on ${c.controlPlanes.map(code).join(', then ') || 'no existing control plane'}; then the kubelet restarts on each of the ${c.nodes.length} existing nodes; no reboot.`,
    );
  }
  for (const c of only(changes, 'manifest-sync'))
    steps.push(`**Manifest sync** for ${c.charts.map(code).join(', ')} (the add-on manifests are re-applied; no reboot).`);
  const rerun = only(changes, 'steps').flatMap((c) => c.steps);
  if (steps.length === 0 && rerun.length === 0) return [];
  let n = 0;
  const note =
    rerun.length > 0
      ? [
          `Terraform re-runs these rollout steps (their triggers change; each skips nodes already at their target): ${rerun.map(code).join(', ')}.`,
          '',
        ]
      : [];
  return [
    '### What `cdktf deploy` will roll out',
    '',
    ...steps.map((s) => (s.startsWith('   ') ? s : `${++n}. ${s}`)),
    ...(steps.length > 0 ? [''] : []),
    ...note,
  ];
}

function renderImages(changes: readonly ReviewChange[]): string[] {
  const images = only(changes, 'image-download');
  if (images.length === 0) return [];
  return ['### Boot images', '', ...images.map((c) => `- ${c.host}: ${c.change === 'added' ? 'download' : 'delete'} ${code(c.file)}`), ''];
}

function renderContent(changes: readonly ReviewChange[], maxLines: number): string[] {
  const out: string[] = [];
  const docs = only(changes, 'document-diff');
  if (docs.length > 0) {
    out.push('### Talos machine config', '');
    const modes = [...new Set(docs.map((d) => d.applyMode ?? ''))];
    if (modes.length === 1 && modes[0] === 'staged_if_needing_reboot') {
      out.push(
        'Applied with `apply_mode = staged_if_needing_reboot`: changes that need no reboot apply live; the others are staged until the node next reboots (for example in the next OS upgrade).',
        '',
      );
    } else if (modes.length === 1 && modes[0]) {
      out.push(`Applied with \`apply_mode = ${modes[0]}\`.`, '');
    }
    const groups = new Map<string, Of<'document-diff'>[]>();
    for (const d of docs) groups.set(diffBody(d.diff), [...(groups.get(diffBody(d.diff)) ?? []), d]);
    for (const same of groups.values()) {
      const names = same.map((d) => html(d.node)).join(', ');
      out.push(...diffBlock(`${names} (${counts(same[0].diff)}${same.length > 1 ? ', the same change on each' : ''})`, same[0].diff, maxLines));
    }
  }
  const charts = only(changes, 'chart');
  if (charts.length > 0) {
    out.push('### Charts', '', '| Chart | Base | Head |', '| --- | --- | --- |');
    out.push(
      ...charts.map(
        (c) =>
          `| ${code(c.name)} | ${c.fromVersion ? code(c.fromVersion) : '(none)'} | ${c.change === 'removed' ? '(removed)' : code(c.toVersion ?? '')} |`,
      ),
      '',
    );
    out.push(
      ...charts.filter((c) => c.valuesDiff).flatMap((c) => diffBlock(`${html(c.name)} values (${counts(c.valuesDiff)})`, c.valuesDiff, maxLines)),
    );
  }
  const warnings = only(changes, 'warning');
  if (warnings.length > 0) {
    out.push('### Validation warnings', '');
    out.push(...warnings.map((w) => `- ${w.isNew ? '**new** ' : ''}${code(w.problem.path)}: ${w.problem.message}. Fix: ${w.problem.fix}`), '');
  }
  return out;
}

function renderCluster(review: ClusterReview, maxLines: number): string[] {
  const out = [`## Cluster ${code(review.cluster)}`, ''];
  const c = review.changes;
  const added = only(c, 'cluster-added')[0];
  if (added) {
    out.push(
      added.baseProblem
        ? `**The base did not synthesize** (${added.baseProblem}), so nothing can be compared: the cluster is shown as if it were new (${added.nodes} VMs).`
        : `New cluster: ${added.nodes} VMs are created and the cluster is bootstrapped.`,
      '',
    );
  }
  const format = only(c, 'base-format')[0];
  if (format) {
    const what =
      format.notCompared.length > 0
        ? `not compared (taken as unchanged): ${format.notCompared.map(code).join(', ')}`
        : 'every field could still be compared';
    out.push(
      `**The base was synthesized by older code** (summary format ${format.baseFormat}, this review reads format ${format.headFormat}); ${what}.`,
      '',
    );
  }
  if (only(c, 'cluster-removed').length > 0) {
    out.push(
      '**The cluster is no longer defined.** `cdktf deploy` no longer touches it; its Terraform state, VMs and secrets remain until `npm run destroy -- <cluster>` is run from the base revision (docs/node-lifecycle.md).',
      '',
    );
    return out;
  }
  if (!hasFindings(review)) out.push('No change.', '');
  return [
    ...out,
    ...renderWarnings(c),
    ...renderVersions(c),
    ...renderRollout(c),
    ...renderNodeSections(c),
    ...renderImages(c),
    ...renderContent(c, maxLines),
  ];
}

/** The whole report. */
export function renderReport(header: ReportHeader, reviews: readonly ClusterReview[], options: RenderOptions = {}): string {
  const out = ['# Cluster review', '', `Base: ${header.base} · Head: ${header.head}`, ''];
  if (header.headErrors !== undefined) {
    // Terminal colour codes (ESC [ … m) out of the synth log.
    const log = header.headErrors.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '').trimEnd();
    const fence = log.includes('```') ? '~~~~' : '```';
    out.push('**❌ The head does not validate: `cdktf synth` fails, nothing can be deployed.**', '', `${fence}text`, log, fence);
    return `${out.join('\n')}\n`;
  }
  if (reviews.length === 0) out.push('No cluster is defined.', '');
  for (const review of reviews) out.push(...renderCluster(review, options.maxDiffLines ?? 400));
  return `${out.join('\n').trimEnd()}\n`;
}
