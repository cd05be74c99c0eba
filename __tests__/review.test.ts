import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClusterDefinition } from '../lib/cluster-definition';
import { compareCluster } from '../review/compare';
import { renderReport } from '../review/render-markdown';
import { ClusterOutput, ReviewChange } from '../review/review-change';
import { readClusters } from '../review/synth-revision';
import { synthesizeClusters } from '../stacks/cluster-app';
import * as revisions from './fixtures/review/revisions';

/** Synthesizes one revision of the fixture cluster for real (the app's synth, no credentials) and reads it back. */
function synth(def: ClusterDefinition): ClusterOutput {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-test-'));
  try {
    const result = synthesizeClusters([def], outdir);
    if (!result.ok) throw new Error(result.messages.join('\n'));
    const output = readClusters(outdir).get(def.name);
    if (!output) throw new Error(`no output for ${def.name}`);
    return output;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** One line per finding, without diff bodies; VMs only with what is not ignored, warnings only when new. */
function findings(changes: readonly ReviewChange[]): string[] {
  return changes.flatMap((c): string[] => {
    switch (c.kind) {
      case 'version':
        return [`version ${c.component} ${c.from} -> ${c.to}${c.problem ? ' (refused)' : ''}`];
      case 'os-rollout':
        return [`os-rollout ${c.waves.map((w) => `${w.position + 1}:${w.nodes.join('+')}`).join(' ')} fresh:${c.freshNodes.join('+')}`];
      case 'kubernetes-rollout':
        return [`kubernetes-rollout ${c.from} -> ${c.to} control-planes:${c.controlPlanes.join('+')} kubelets:${c.nodes.length}`];
      case 'manifest-sync':
        return [`manifest-sync ${c.charts.join('+')}`];
      case 'steps':
        return [`steps ${c.steps.join(' ')}`];
      case 'vm-changed': {
        const shown = c.changes.filter((v) => v.effect !== 'ignored');
        return shown.length === 0 ? [] : [`vm ${c.node}${c.replaced ? ' replaced' : ''}: ${shown.map((v) => `${v.path}(${v.effect})`).join(' ')}`];
      }
      case 'document-diff':
        return [`documents ${c.node}`];
      case 'chart':
        return [`chart ${c.name} ${c.change}`];
      case 'image-download':
        return [`image ${c.change} ${c.host}`];
      case 'warning':
        return c.isNew ? [`warning ${c.problem.path}`] : [];
      case 'node-added':
      case 'node-removed':
        return [`${c.kind} ${c.node}`];
      case 'secrets-replacement':
        return [`secrets ${c.reason}`];
      case 'control-plane-count':
        return [`control-planes ${c.from} -> ${c.to}`];
      case 'vm-id-reuse':
        return [`vm-id-reuse ${c.vmId} ${c.removedNode} -> ${c.addedNode}`];
      default:
        return [c.kind];
    }
  });
}

describe('review of two synthesized revisions', () => {
  let base: ClusterOutput;
  beforeAll(() => {
    base = synth(revisions.base);
  });

  test('defines the OS rollout order and the VM replacement of a Talos bump with a re-numbered worker', () => {
    // GIVEN
    const head = synth(revisions.talosBumpAndReplacedWorker);
    // WHEN
    const review = compareCluster('review', base, head);
    // THEN
    expect(findings(review.changes)).toEqual([
      'version talos v1.13.8 -> v1.13.9',
      `version installer ${base.summary.installerImage} -> ${head.summary.installerImage}`,
      'os-rollout 1:review-cp-1 2:review-cp-2 3:review-cp-3 4:review-worker-1 fresh:review-worker-2',
      'steps rollout/os-upgrade-review-cp-1 rollout/os-upgrade-review-cp-2 rollout/os-upgrade-review-cp-3 rollout/os-upgrade-review-worker-1 rollout/os-upgrade-review-worker-2 rollout/preflight',
      'identity-change',
      'vm review-worker-2 replaced: vm_id(replace)',
      'image added pve1',
      'image added pve2',
      'image removed pve1',
      'image removed pve2',
      'documents review-cp-1',
      'documents review-cp-2',
      'documents review-cp-3',
      'documents review-worker-1',
      'documents review-worker-2',
    ]);
    expect(head.summary.installerImage).toMatch(/:v1\.13\.9$/);
    const report = renderReport({ base: 'base', head: 'head' }, [review]);
    const oldVmId = base.summary.nodes.find((n) => n.name === 'review-worker-2')?.vmId;
    expect(report).toContain(`- **\`review-worker-2\` is re-created**:\n  - \`vm_id\`: \`${oldVmId}\` → \`8150\``);
    expect(report).toMatch(
      /1\. `review-cp-1` \(control plane\)\n {3}2\. `review-cp-2` \(control plane\)\n {3}3\. `review-cp-3` \(control plane\)\n {3}4\. `review-worker-1` \(workers\)/,
    );
    expect(report).toContain('New or re-created VMs boot the new image directly: `review-worker-2`.');
  });

  test('defines a live migration, not a replacement, for a worker moved to another host', () => {
    // GIVEN
    const head = synth(revisions.talosBumpAndMovedWorker);
    // WHEN
    const review = compareCluster('review', base, head);
    // THEN
    const found = findings(review.changes);
    expect(found).toContain('vm review-worker-2: node_name(in-place)');
    expect(found).toContain('os-rollout 1:review-cp-1 2:review-cp-2 3:review-cp-3 4:review-worker-1 5:review-worker-2 fresh:');
    expect(found.filter((f) => f.includes('replaced'))).toEqual([]);
  });

  test('defines one upgrade-k8s run after a Kubernetes bump, with no reboot and no VM change', () => {
    // GIVEN
    const head = synth(revisions.kubernetesBump);
    // WHEN
    const found = findings(compareCluster('review', base, head).changes);
    // THEN
    expect(found.filter((f) => !f.startsWith('documents '))).toEqual([
      'version kubernetes 1.35.5 -> 1.36.3',
      'kubernetes-rollout 1.35.5 -> 1.36.3 control-planes:review-cp-1+review-cp-2+review-cp-3 kubelets:5',
      'steps rollout/kubernetes rollout/preflight',
    ]);
  });

  test('defines an extension change as a new schematic and an OS rollout', () => {
    // GIVEN
    const head = synth(revisions.extensionAdded);
    // WHEN
    const found = findings(compareCluster('review', base, head).changes);
    // THEN
    expect(found).toEqual(
      expect.arrayContaining([
        'version extensions siderolabs/qemu-guest-agent -> siderolabs/qemu-guest-agent, siderolabs/iscsi-tools',
        expect.stringMatching(/^version schematic ce4c9805\w+ -> \w+$/),
        expect.stringMatching(/^os-rollout 1:review-cp-1 2:review-cp-2 3:review-cp-3 /),
      ]),
    );
    expect(found.filter((f) => f.startsWith('vm ') && f.includes('replaced'))).toEqual([]);
  });

  test('defines a bold warning when the machine secrets may be replaced', () => {
    // GIVEN
    const head = synth(revisions.secretsReplacementAllowed);
    // WHEN
    const review = compareCluster('review', base, head);
    // THEN
    expect(findings(review.changes)).toEqual([expect.stringMatching(/^secrets `allowMachineSecretsReplacement` is turned on/)]);
    expect(renderReport({ base: 'base', head: 'head' }, [review])).toContain('> **⚠️ Machine secrets at risk');
  });

  test('defines a secrets warning for a lowered contract only when the guards are off', () => {
    // GIVEN
    const guarded = synth(revisions.contractLowered);
    const unguarded = synth(revisions.contractLoweredUnguarded);
    // WHEN
    const guardedChanges = compareCluster('review', base, guarded).changes;
    const unguardedFound = findings(compareCluster('review', base, unguarded).changes);
    // THEN
    expect(findings(guardedChanges).filter((f) => !f.startsWith('documents '))).toEqual(['version contract v1.13 -> v1.12']);
    expect(guardedChanges.find((c) => c.kind === 'version')).toMatchObject({ note: expect.stringMatching(/keep v1\.13/) });
    expect(unguardedFound.filter((f) => f.startsWith('secrets '))).toEqual([
      expect.stringMatching(/^secrets `allowMachineSecretsReplacement` is turned on/),
      expect.stringMatching(/^secrets the secrets' `talos_version` \(the config contract\) goes down from v1\.13 to v1\.12/),
    ]);
  });

  test('defines a bold warning when prevent_destroy is dropped or the secrets resource is renamed', () => {
    // GIVEN the base output with its secrets edited the way a careless construct change would
    const tf = JSON.parse(JSON.stringify(base.tfJson));
    const secrets = tf.resource.talos_machine_secrets as Record<string, Record<string, unknown>>;
    const [key] = Object.keys(secrets);
    const unguarded = {
      ...base,
      tfJson: { ...tf, resource: { ...tf.resource, talos_machine_secrets: { [key]: { ...secrets[key], lifecycle: {} } } } },
    };
    const renamed = { ...base, tfJson: { ...tf, resource: { ...tf.resource, talos_machine_secrets: { [`${key}_new`]: secrets[key] } } } };
    // WHEN
    const unguardedFound = findings(compareCluster('review', base, unguarded).changes);
    const renamedFound = findings(compareCluster('review', base, renamed).changes);
    const movedFound = findings(
      compareCluster('review', base, {
        ...renamed,
        tfJson: { ...renamed.tfJson, moved: [{ from: `talos_machine_secrets.${key}`, to: `talos_machine_secrets.${key}_new` }] },
      }).changes,
    );
    // THEN
    expect(unguardedFound).toEqual([expect.stringMatching(/^secrets `prevent_destroy` is dropped/)]);
    expect(renamedFound).toEqual([expect.stringMatching(/^secrets `talos_machine_secrets\..*` is removed or renamed/)]);
    expect(movedFound).toEqual([]);
  });

  test('defines a bold warning when the control-plane count becomes even', () => {
    // GIVEN
    const head = synth(revisions.fourControlPlanes);
    // WHEN
    const review = compareCluster('review', base, head);
    // THEN
    expect(findings(review.changes)).toEqual([
      'control-planes 3 -> 4',
      'steps health/step rollout/os-upgrade-review-cp-4 rollout/preflight',
      'node-added review-cp-4',
      'documents review-cp-4',
      'warning controlPlanes.count',
    ]);
    expect(renderReport({ base: 'base', head: 'head' }, [review])).toContain('> **⚠️ Even number of control planes: 3 → 4.**');
  });

  test('defines a chart values diff and a manifest sync, without reboot, when only chart values change', () => {
    // GIVEN
    const head = synth(revisions.hubbleOn);
    // WHEN
    const review = compareCluster('review', base, head);
    // THEN
    expect(findings(review.changes).filter((f) => !f.startsWith('documents '))).toEqual(['manifest-sync cilium', 'chart cilium changed']);
    const chart = review.changes.find((c) => c.kind === 'chart');
    expect(chart?.kind === 'chart' && chart.valuesDiff).toMatch(/^\+ {2}enabled: true$|^\+hubble:/m);
  });

  test('defines nodes added and removed, and the VM ID the new node takes over', () => {
    // GIVEN
    const head = synth(revisions.workerSwapped);
    // WHEN
    const review = compareCluster('review', base, head);
    // THEN
    expect(findings(review.changes)).toEqual([
      'steps health/step rollout/os-upgrade-review-worker-3 rollout/preflight',
      'node-added review-worker-3',
      'node-removed review-worker-2',
      `vm-id-reuse ${base.summary.nodes.find((n) => n.name === 'review-worker-2')?.vmId} review-worker-2 -> review-worker-3`,
      'documents review-worker-3',
    ]);
    const report = renderReport({ base: 'base', head: 'head' }, [review]);
    expect(report).toContain('- Added: `review-worker-3` (worker, 192.168.10.22 on pve2).');
    expect(report).toContain('- Removed: `review-worker-2` (worker, 192.168.10.22 on pve2).');
  });

  test('defines a new cluster when the base has none', () => {
    // GIVEN / WHEN
    const review = compareCluster('review', undefined, base);
    // THEN
    expect(findings(review.changes).slice(0, 6)).toEqual([
      'cluster-added',
      'node-added review-cp-1',
      'node-added review-cp-2',
      'node-added review-cp-3',
      'node-added review-worker-1',
      'node-added review-worker-2',
    ]);
    expect(renderReport({ base: 'base', head: 'head' }, [review])).toContain('New cluster: 5 VMs are created');
  });

  test('defines no finding for identical revisions and never prints secrets', () => {
    // GIVEN / WHEN
    const review = compareCluster('review', base, synth(revisions.base));
    const report = renderReport({ base: 'base', head: 'head' }, [review]);
    // THEN
    expect(findings(review.changes)).toEqual([]);
    expect(report).toContain('No change.');
    expect(report).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY|PROXMOX_VE_API_TOKEN=|password/i);
  });
});
