/**
 * Planning logic of the rolling upgrade: wave order and batches (lib/rollout/plan.ts), hop and window rules
 * (lib/talos-support.ts), and the runner's decisions on observed nodes (lib/rollout/checks.ts).
 */
import { ClusterDefinition } from '../lib/cluster-definition';
import { planCluster } from '../lib/cluster-plan';
import {
  etcdMembersProblem,
  isAtTarget,
  kubernetesAtVersion,
  kubernetesProblems,
  nodeOsAction,
  ObservedNode,
  preflightProblems,
  runningKubernetesVersion,
  talosctlClientProblem,
  talosHopProblems,
} from '../lib/rollout/checks';
import { planRolloutWaves } from '../lib/rollout/plan';
import { kubernetesHopProblem, kubernetesWindowProblem, talosHopProblem } from '../lib/talos-support';

const SCHEMATIC = 'c'.repeat(64);

function definition(workers: number, workerBatchSize?: number): ClusterDefinition {
  return {
    name: 'demo',
    endpoint: { vip: '10.0.0.10' },
    network: { cidr: '10.0.0.0/24', gateway: '10.0.0.1' },
    proxmoxHosts: [{ name: 'pve1' }],
    controlPlanes: { count: 3, firstIp: '10.0.0.11' },
    workers: workers > 0 ? { count: workers, firstIp: '10.0.0.21' } : undefined,
    rollout: workerBatchSize === undefined ? undefined : { workerBatchSize },
  };
}

function node(name: string, over: Partial<ObservedNode> = {}): ObservedNode {
  return {
    name,
    ip: '10.0.0.11',
    role: 'controlplane',
    mode: 'configured',
    talosVersion: 'v1.13.9',
    schematicId: SCHEMATIC,
    kubeletVersion: '1.35.9',
    ...over,
  };
}

describe('rollout waves', () => {
  test('defines control planes one at a time, in definition order, before workers', () => {
    // GIVEN
    const plan = planCluster(definition(2));

    // WHEN
    const waves = planRolloutWaves(plan);

    // THEN
    expect(waves.map((w) => [w.role, w.nodes.map((n) => n.name)])).toEqual([
      ['controlplane', ['demo-cp-1']],
      ['controlplane', ['demo-cp-2']],
      ['controlplane', ['demo-cp-3']],
      ['worker', ['demo-worker-1']],
      ['worker', ['demo-worker-2']],
    ]);
    expect(waves.map((w) => w.position)).toEqual([0, 1, 2, 3, 4]);
  });

  test('defines worker batches of workerBatchSize, the last one shorter', () => {
    // GIVEN
    const plan = planCluster(definition(5, 2));

    // WHEN
    const workerWaves = planRolloutWaves(plan).filter((w) => w.role === 'worker');

    // THEN
    expect(workerWaves.map((w) => w.nodes.map((n) => n.name))).toEqual([
      ['demo-worker-1', 'demo-worker-2'],
      ['demo-worker-3', 'demo-worker-4'],
      ['demo-worker-5'],
    ]);
  });

  test('defines batches of one when workerBatchSize is below one', () => {
    // GIVEN
    const plan = { ...planCluster(definition(2)), workerBatchSize: 0 };

    // WHEN
    const waves = planRolloutWaves(plan);

    // THEN
    expect(waves.filter((w) => w.role === 'worker').map((w) => w.nodes.length)).toEqual([1, 1]);
  });

  test('defines only control-plane waves for a cluster without workers', () => {
    // GIVEN
    const plan = planCluster(definition(0));

    // WHEN
    const waves = planRolloutWaves(plan);

    // THEN
    expect(waves.map((w) => w.role)).toEqual(['controlplane', 'controlplane', 'controlplane']);
  });
});

describe('hop and window rules', () => {
  test('defines the Talos hops the installer accepts: one skipped minor at most', () => {
    // GIVEN / WHEN / THEN
    expect(talosHopProblem('v1.11.6', 'v1.13.9')).toBeUndefined();
    expect(talosHopProblem('v1.13.9', 'v1.13.10')).toBeUndefined();
    expect(talosHopProblem('v1.10.9', 'v1.13.9')).toContain('upgrades only from 1.11.0 or newer');
  });

  test('fails when the Talos target is older than the running version', () => {
    // GIVEN / WHEN
    const problem = talosHopProblem('v1.13.9', 'v1.12.11');

    // THEN
    expect(problem).toContain('use talosctl rollback');
  });

  test('fails when Kubernetes jumps more than one minor or goes back', () => {
    // GIVEN / WHEN / THEN
    expect(kubernetesHopProblem('1.34.5', '1.35.9')).toBeUndefined();
    expect(kubernetesHopProblem('1.34.5', '1.36.3')).toContain('one minor at a time');
    expect(kubernetesHopProblem('1.35.9', '1.34.5')).toContain('downgrades are not supported');
  });

  test('fails when the pair is outside the Talos support window', () => {
    // GIVEN / WHEN / THEN
    expect(kubernetesWindowProblem('v1.13.9', '1.36.3')).toBeUndefined();
    expect(kubernetesWindowProblem('v1.13.9', '1.37.0')).toContain('supports Kubernetes 1.31 to 1.36');
    expect(kubernetesWindowProblem('v1.13.9', '1.30.4')).toContain('supports Kubernetes 1.31 to 1.36');
  });
});

describe('runner decisions', () => {
  const targets = { talosVersion: 'v1.13.10', schematicId: SCHEMATIC, kubernetesVersion: '1.35.9' };

  test('defines the OS action of a node: maintenance, current or upgrade', () => {
    // GIVEN / WHEN / THEN
    expect(nodeOsAction(node('a', { mode: 'maintenance', talosVersion: undefined }), targets)).toBe('skip-maintenance');
    expect(nodeOsAction(node('b', { talosVersion: 'v1.13.10' }), targets)).toBe('skip-current');
    expect(nodeOsAction(node('c'), targets)).toBe('upgrade');
    expect(nodeOsAction(node('d', { talosVersion: 'v1.13.10', schematicId: 'd'.repeat(64) }), targets)).toBe('upgrade');
    expect(isAtTarget(node('e', { talosVersion: '1.13.10' }), targets)).toBe(true);
  });

  test('defines the running Kubernetes version as the lowest kubelet or API server', () => {
    // GIVEN
    const nodes = [node('a', { kubeletVersion: '1.35.9', apiServerVersion: '1.35.9' }), node('b', { kubeletVersion: '1.34.5' })];

    // WHEN / THEN
    expect(runningKubernetesVersion(nodes)).toBe('1.34.5');
    expect(kubernetesAtVersion(nodes, '1.35.9')).toBe(false);
    expect(kubernetesAtVersion([node('a', { kubeletVersion: '1.35.9', apiServerVersion: '1.35.9' })], '1.35.9')).toBe(true);
    expect(runningKubernetesVersion([node('m', { mode: 'maintenance', kubeletVersion: undefined })])).toBeUndefined();
    expect(kubernetesAtVersion([node('m', { kubeletVersion: undefined })], '1.35.9')).toBe(false);
  });

  test('fails when a node that needs an upgrade cannot hop to the target Talos, once per such node', () => {
    // GIVEN one node already on the target, one two minors behind
    const nodes = [node('new', { talosVersion: 'v1.13.10' }), node('old', { talosVersion: 'v1.10.9', ip: '10.0.0.12' })];

    // WHEN
    const problems = talosHopProblems(nodes, targets);

    // THEN
    expect(problems).toEqual([expect.stringMatching(/^old \(10\.0\.0\.12\): Talos v1\.13\.10 upgrades only from 1\.11\.0/)]);
  });

  test('fails when the target Talos minor cannot run the running Kubernetes: upgrade Kubernetes first', () => {
    // GIVEN Kubernetes 1.32 running, Talos 1.14 supports 1.33+
    const nodes = [node('a', { kubeletVersion: '1.32.9', apiServerVersion: '1.32.9' })];

    // WHEN
    const problems = kubernetesProblems(nodes, { talosVersion: 'v1.14.0', schematicId: SCHEMATIC, kubernetesVersion: '1.33.6' });

    // THEN
    expect(problems).toEqual([expect.stringContaining('upgrade Kubernetes first')]);
  });

  test('defines a Kubernetes-only bump as allowed when the running Talos supports both versions', () => {
    // GIVEN
    const nodes = [node('a', { talosVersion: 'v1.13.10', kubeletVersion: '1.34.5', apiServerVersion: '1.34.5' })];

    // WHEN
    const problems = preflightProblems(nodes, targets);

    // THEN
    expect(problems).toEqual([]);
  });

  test('fails when Kubernetes jumps two minors or the target pair is outside the window', () => {
    // GIVEN
    const nodes = [node('a', { talosVersion: 'v1.13.10', kubeletVersion: '1.34.5' })];

    // WHEN
    const jump = kubernetesProblems(nodes, { ...targets, kubernetesVersion: '1.36.3' });
    const outside = kubernetesProblems([node('a', { talosVersion: 'v1.13.10', kubeletVersion: '1.36.3' })], {
      ...targets,
      kubernetesVersion: '1.37.0',
    });

    // THEN
    expect(jump).toEqual([expect.stringContaining('one minor at a time')]);
    expect(outside).toEqual([expect.stringContaining('outside the support window')]);
  });

  test('defines a first deploy (no Kubernetes running) as free of Kubernetes hop problems', () => {
    // GIVEN
    const nodes = [node('a', { mode: 'maintenance', talosVersion: undefined, kubeletVersion: undefined })];

    // WHEN / THEN
    expect(preflightProblems(nodes, targets)).toEqual([]);
  });

  test('fails when the etcd member list is shorter than the control planes, or has learners', () => {
    // GIVEN
    const full = [
      { hostname: 'a', learner: false },
      { hostname: 'b', learner: false },
      { hostname: 'c', learner: false },
    ];

    // WHEN / THEN
    expect(etcdMembersProblem(full, 3)).toBeUndefined();
    expect(etcdMembersProblem(full.slice(0, 2), 3)).toBe('etcd has 2 voting member(s) (a, b), expected 3');
    expect(etcdMembersProblem([...full.slice(0, 2), { hostname: 'c', learner: true }], 3)).toContain('expected 3');
  });

  test('fails when talosctl is older than the target minor', () => {
    // GIVEN / WHEN / THEN
    expect(talosctlClientProblem('v1.13.9', 'v1.13.10')).toBeUndefined();
    expect(talosctlClientProblem('v1.14.0', 'v1.13.10')).toBeUndefined();
    expect(talosctlClientProblem('v1.12.11', 'v1.13.10')).toContain('install talosctl v1.13.10');
    expect(talosctlClientProblem('dev', 'v1.13.10')).toContain('cannot read the talosctl version');
  });
});
