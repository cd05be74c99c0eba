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
  upgradeDrainsFromClient,
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

  test('defines Kubernetes as at the version when a worker reports its kubelet and no API server', () => {
    // GIVEN a control plane running both at 1.35.9 and a worker with a kubelet only
    const nodes = [
      node('cp', { kubeletVersion: '1.35.9', apiServerVersion: '1.35.9' }),
      node('w', { role: 'worker', kubeletVersion: '1.35.9', apiServerVersion: undefined }),
    ];
    // WHEN / THEN the missing API server is not a version that differs
    expect(kubernetesAtVersion(nodes, '1.35.9')).toBe(true);
    expect(kubernetesAtVersion(nodes, '1.36.3')).toBe(false);
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

describe('runner decisions at their edges', () => {
  const targets = { talosVersion: 'v1.13.10', schematicId: SCHEMATIC, kubernetesVersion: '1.35.9' };

  test('defines a configured node without a readable Talos version as one to upgrade, without a hop problem', () => {
    // GIVEN a configured node that reported no Talos version
    const unknown = node('u', { talosVersion: undefined });

    // WHEN
    const action = nodeOsAction(unknown, targets);

    // THEN
    expect(action).toBe('upgrade');
    expect(talosHopProblems([unknown], targets)).toEqual([]);
  });

  test('fails when the target Talos version is unreadable: no node is at it', () => {
    // GIVEN
    const current = node('a', { talosVersion: 'v1.13.10' });

    // WHEN
    const at = isAtTarget(current, { ...targets, talosVersion: 'latest' });

    // THEN
    expect(at).toBe(false);
    expect(kubernetesAtVersion([current], 'latest')).toBe(false);
  });

  test('defines no hop problem for a node in maintenance, whatever Talos it boots', () => {
    // GIVEN a maintenance-mode node booted from an old image
    const fresh = node('m', { mode: 'maintenance', talosVersion: 'v1.10.9', kubeletVersion: undefined });

    // WHEN
    const problems = talosHopProblems([fresh], targets);

    // THEN
    expect(problems).toEqual([]);
  });

  test('defines the running Kubernetes version from readable versions only, the first of equal ones', () => {
    // GIVEN the same version written two ways, and an unreadable one
    const nodes = [node('a', { kubeletVersion: '1.35.9' }), node('b', { kubeletVersion: 'v1.35.9', apiServerVersion: 'unknown' })];

    // WHEN
    const running = runningKubernetesVersion(nodes);

    // THEN
    expect(running).toBe('1.35.9');
  });

  test('fails when the OS rollout of some nodes would leave the running Kubernetes outside the target window', () => {
    // GIVEN one node already on Talos 1.14.0, one still on 1.13.9, Kubernetes 1.32 running
    const nodes = [
      node('a', { talosVersion: 'v1.14.0', kubeletVersion: '1.32.9' }),
      node('b', { talosVersion: 'v1.13.9', kubeletVersion: '1.32.9' }),
    ];

    // WHEN
    const problems = kubernetesProblems(nodes, { talosVersion: 'v1.14.0', schematicId: SCHEMATIC, kubernetesVersion: '1.33.6' });

    // THEN
    expect(problems).toEqual([
      'the running Kubernetes 1.32.9 cannot run on Talos v1.14.0 (Talos v1.14.0 supports Kubernetes 1.33 to 1.37), and nodes get the new ' +
        'Talos before upgrade-k8s runs: upgrade Kubernetes first (deploy with only the Kubernetes version bumped), then Talos',
    ]);
  });

  test('defines a Kubernetes upgrade into the window as allowed once every node runs the target Talos', () => {
    // GIVEN every node on Talos 1.14.0 already, Kubernetes 1.32 running
    const nodes = [node('a', { talosVersion: 'v1.14.0', kubeletVersion: '1.32.9', apiServerVersion: '1.32.9' })];

    // WHEN
    const problems = kubernetesProblems(nodes, { talosVersion: 'v1.14.0', schematicId: SCHEMATIC, kubernetesVersion: '1.33.6' });

    // THEN
    expect(problems).toEqual([]);
  });

  test('defines a Talos patch upgrade inside the window as allowed', () => {
    // GIVEN a node one patch behind, Kubernetes at the target
    const nodes = [node('a')];

    // WHEN
    const problems = preflightProblems(nodes, targets);

    // THEN
    expect(problems).toEqual([]);
  });

  test('fails when the target pair is outside the window, with the whole message', () => {
    // GIVEN Kubernetes 1.36 running on the target Talos, 1.37 asked for
    const nodes = [node('a', { talosVersion: 'v1.13.10', kubeletVersion: '1.36.3' })];

    // WHEN
    const problems = kubernetesProblems(nodes, { ...targets, kubernetesVersion: '1.37.0' });

    // THEN
    expect(problems).toEqual([
      'the target pair is outside the support window: Talos v1.13.10 supports Kubernetes 1.31 to 1.36, not Kubernetes 1.37.0',
    ]);
  });

  test('fails when both the Talos hop and the Kubernetes hop are refused, Talos first', () => {
    // GIVEN a node two Talos minors and two Kubernetes minors behind
    const nodes = [node('a', { talosVersion: 'v1.10.9', kubeletVersion: '1.33.1' })];

    // WHEN
    const problems = preflightProblems(nodes, targets);

    // THEN
    expect(problems).toEqual([
      'a (10.0.0.11): Talos v1.13.10 upgrades only from 1.11.0 or newer, the node runs v1.10.9. Upgrade to the latest v1.12 patch first.',
      'Kubernetes upgrades go one minor at a time: 1.33.1 → 1.35.9 skips 1 minor(s); upgrade to 1.34.x first',
    ]);
  });

  test.each([
    ['v1.12.11', 'talosctl v1.12.11 is older than the target Talos v1.13; install talosctl v1.13.10'],
    ['v0.14.0', 'talosctl v0.14.0 is older than the target Talos v1.13; install talosctl v1.13.10'],
    ['dev', 'cannot read the talosctl version ("dev")'],
    ['v2.0.0', undefined],
  ])('defines the talosctl %s problem for target Talos v1.13.10', (client, expected) => {
    // GIVEN a talosctl of an older minor, an older major, an unreadable or a newer major version

    // WHEN
    const problem = talosctlClientProblem(client, 'v1.13.10');

    // THEN
    expect(problem).toBe(expected);
  });

  test('fails when etcd has no voting member at all', () => {
    // GIVEN only a learner
    const members = [{ hostname: 'a', learner: true }];

    // WHEN
    const problem = etcdMembersProblem(members, 1);

    // THEN
    expect(problem).toBe('etcd has 0 voting member(s) (none), expected 1');
  });

  test.each([
    ['v1.13.0', true],
    ['v1.14.0-rc.1', true],
    ['v2.0.0', true],
    ['v1.12.11', false],
    ['v0.14.0', false],
    ['garbage', false],
  ])('defines whether talosctl drains a node on Talos %s from the client: %s', (version, expected) => {
    // GIVEN a node's running Talos version

    // WHEN
    const fromClient = upgradeDrainsFromClient(version);

    // THEN
    expect(fromClient).toBe(expected);
  });
});
