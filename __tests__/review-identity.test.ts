/**
 * The review report on identity edits: a kept node whose VM ID or address changes is shown in bold as refused by
 * `cdktf deploy` (with the two-step way), or as a rebuild when `allowVmReplacement` lists it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { homelab } from '../clusters/homelab';
import { ClusterDefinition } from '../lib/cluster-definition';
import { compareCluster } from '../review/compare';
import { renderReport } from '../review/render-markdown';
import { ClusterOutput } from '../review/review-change';
import { readClusters } from '../review/synth-revision';
import { synthesizeClusters } from '../stacks/cluster-app';

function synth(def: ClusterDefinition): ClusterOutput {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-identity-'));
  try {
    const result = synthesizeClusters([def], outdir);
    if (!result.ok) throw new Error(result.messages.join('\n'));
    return readClusters(outdir).get(def.name)!;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** homelab with its second worker edited. */
function withWorker2(edit: Record<string, unknown>, extra: Partial<ClusterDefinition> = {}): ClusterDefinition {
  const nodes = homelab.workers!.nodes!.map((n) => (n.name === 'homelab-worker-2' ? { ...n, ...edit } : n));
  return { ...homelab, workers: { ...homelab.workers, nodes }, ...extra };
}

describe('review of identity edits', () => {
  const base = synth(homelab);

  test('defines a bold refusal with the two-step way when a node changes its address', () => {
    // GIVEN / WHEN homelab-worker-2 moves from .22 to .23 (its derived VM ID follows)
    const review = compareCluster('homelab', base, synth(withWorker2({ ip: '192.168.10.23' })));
    const report = renderReport({ base: 'base', head: 'head' }, [review]);
    // THEN both identity fields are flagged, each in bold with the fix
    expect(review.changes.filter((c) => c.kind === 'identity-change')).toEqual([
      { kind: 'identity-change', node: 'homelab-worker-2', field: 'vmId', from: '8022', to: '8023', allowed: false },
      { kind: 'identity-change', node: 'homelab-worker-2', field: 'ip', from: '192.168.10.22', to: '192.168.10.23', allowed: false },
    ]);
    expect(report).toContain('> **⛔ `homelab-worker-2`: its address changes 192.168.10.22 → 192.168.10.23.');
    expect(report).toContain('Do it in two steps: remove the node and deploy, then add it with the new address and deploy');
  });

  test('defines an allowed address change of a node with an explicit VM ID as a rebuild whose VM is re-created', () => {
    // GIVEN / WHEN homelab-worker-2 keeps its VM ID (written out) and moves from .22 to .23, with the override
    const review = compareCluster(
      'homelab',
      base,
      synth(withWorker2({ ip: '192.168.10.23', vmId: 8022 }, { allowVmReplacement: ['homelab-worker-2'] })),
    );
    const report = renderReport({ base: 'base', head: 'head' }, [review]);
    // THEN the address is flagged as a rebuild, and the VM is listed as re-created (its identity pin replaces it)
    expect(review.changes.filter((c) => c.kind === 'identity-change')).toEqual([
      { kind: 'identity-change', node: 'homelab-worker-2', field: 'ip', from: '192.168.10.22', to: '192.168.10.23', allowed: true },
    ]);
    expect(report).toContain('> **⚠️ `homelab-worker-2` is rebuilt: its address changes 192.168.10.22 → 192.168.10.23');
    expect(report).toContain('- **`homelab-worker-2` is re-created**:');
    expect(report).not.toMatch(/### VM updates in place[\s\S]*`homelab-worker-2`/);
  });

  test('defines a bold rebuild warning for the listed nodes and a refusal for the others when vmIdBase changes', () => {
    // GIVEN / WHEN every VM ID moves, with the override for one control plane and the workers (one control plane per deploy)
    const listed = ['homelab-cp-1', 'homelab-worker-1', 'homelab-worker-2'];
    const review = compareCluster('homelab', base, synth({ ...homelab, vmIdBase: 9000, allowVmReplacement: listed }));
    const report = renderReport({ base: 'base', head: 'head' }, [review]);
    // THEN every node is flagged, the listed ones as rebuilt, the others as refused
    const flagged = review.changes.flatMap((c) => (c.kind === 'identity-change' ? [[c.node, c.allowed]] : []));
    expect(flagged).toEqual(base.summary.nodes.map((n) => [n.name, listed.includes(n.name)]));
    expect(report).toContain('> **⚠️ `homelab-cp-1` is rebuilt: its VM ID changes 8011 → 9011');
    expect(report).toContain('> **⛔ `homelab-cp-2`');
  });
});
