/**
 * The review survives any base: a summary written by older code (no format version, fields missing or shaped
 * differently) or one that is not a summary at all still yields a report, with a note of what was not compared.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { homelab } from '../clusters/homelab';
import { SUMMARY_FORMAT_VERSION } from '../lib/cluster-summary';
import { readBaseSummary } from '../review/base-summary';
import { compareCluster } from '../review/compare';
import { renderReport } from '../review/render-markdown';
import { ClusterOutput } from '../review/review-change';
import { readClusters } from '../review/synth-revision';
import { synthesizeClusters } from '../stacks/cluster-app';

let head: ClusterOutput;

beforeAll(() => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-base-format-'));
  try {
    const result = synthesizeClusters([homelab], outdir);
    if (!result.ok) throw new Error(result.messages.join('\n'));
    head = readClusters(outdir).get('homelab')!;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});

/** The head's summary as format-1 code wrote it: no format version, no extensions, nodes without extraDisks. */
function formatOneBase(): ClusterOutput {
  const { formatVersion: _v, extensions: _e, nodes, ...rest } = head.summary;
  const oldNodes = nodes.map(({ extraDisks: _d, ...n }) => n);
  return { tfJson: head.tfJson, summary: { ...rest, nodes: oldNodes } as never };
}

describe('review of an older base', () => {
  test('defines the current summary format in every summary synth writes', () => {
    // GIVEN / WHEN / THEN
    expect(head.summary.formatVersion).toBe(SUMMARY_FORMAT_VERSION);
  });

  test('defines missing fields as taken from the head and listed as not compared', () => {
    // GIVEN / WHEN
    const read = readBaseSummary(formatOneBase().summary, head.summary);
    // THEN
    expect(read.formatVersion).toBe(1);
    expect(read.notCompared).toEqual(['extensions', 'nodes[].extraDisks']);
    expect(read.summary.extensions).toEqual(head.summary.extensions);
    expect(read.summary.nodes.map((n) => n.extraDisks)).toEqual(head.summary.nodes.map((n) => n.extraDisks));
  });

  test('defines a report with a note instead of a crash for a format-1 base', () => {
    // GIVEN / WHEN
    const review = compareCluster('homelab', formatOneBase(), head);
    const report = renderReport({ base: 'old', head: 'new' }, [review]);
    // THEN
    expect(review.changes[0]).toEqual({
      kind: 'base-format',
      baseFormat: 1,
      headFormat: SUMMARY_FORMAT_VERSION,
      notCompared: ['extensions', 'nodes[].extraDisks'],
    });
    expect(report).toContain(
      `**The base was synthesized by older code** (summary format 1, this review reads format ${SUMMARY_FORMAT_VERSION}); not compared (taken as unchanged): \`extensions\`, \`nodes[].extraDisks\`.`,
    );
    expect(report).toContain('No change.');
  });

  test('fails soft when the base summary is not a summary at all: the cluster is shown as new, with why', () => {
    // GIVEN a base whose summary is a list
    const base = { tfJson: head.tfJson, summary: [] as never };
    // WHEN
    const review = compareCluster('homelab', base, head);
    // THEN
    expect(review.changes[0]).toEqual(
      expect.objectContaining({ kind: 'cluster-added', baseProblem: expect.stringContaining('the base summary is a list, not an object') }),
    );
  });

  test('fails soft when a base output file is not JSON', () => {
    // GIVEN an output folder with a broken summary
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-base-format-'));
    fs.mkdirSync(path.join(outdir, 'stacks', 'homelab'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'stacks', 'homelab', 'cdk.tf.json'), '{}');
    fs.writeFileSync(path.join(outdir, 'stacks', 'homelab', 'cluster-summary.json'), '{"cluster": ');
    const unreadable = new Map<string, string>();
    // WHEN
    const clusters = readClusters(outdir, unreadable);
    fs.rmSync(outdir, { recursive: true, force: true });
    // THEN
    expect(clusters.size).toBe(0);
    expect(unreadable.get('homelab')).toMatch(/^its output is not readable JSON/);
  });
});
