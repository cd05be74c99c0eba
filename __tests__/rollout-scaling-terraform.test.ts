/**
 * Changing the node set of a running cluster under real Terraform: the rollout steps against the talosctl
 * simulator (fake-talosctl on PATH) when a worker is added or removed, and when a node does not answer the
 * preflight. Terraform's state (resource ids) shows which steps ran again; the simulator's call log shows what
 * touched which node.
 */
import { FakeCall, FakeTalos, SCHEMATIC_A, clusterState, nodeList } from './support/fake-talos';
import { DeployTargets, RolloutHarness, TEST_RUNNER_TIMING } from './support/rollout-harness';

jest.setTimeout(240000);

const BASE: DeployTargets = { talos: 'v1.13.9', schematic: SCHEMATIC_A, kubernetes: '1.34.5', chart: '1.0.0', workers: 1 };

/** Cluster-wide steps that re-run when the node list changes (addresses without the construct-path hash). */
const NODE_LIST_STEPS = ['terraform_data.health_step', 'terraform_data.rollout_preflight'];
/** Cluster-wide steps and stand-ins a node list change leaves alone. */
const OTHER_CLUSTER_STEPS = ['terraform_data.machines', 'terraform_data.manifest-sync_step', 'terraform_data.rollout_kubernetes'];

/** The per-node resources of the test stack: the node's config apply and its OS-upgrade step. */
function nodeSteps(...names: string[]): string[] {
  return names.flatMap((n) => [`terraform_data.fake-apply-${n}`, `terraform_data.rollout_os-upgrade-${n}`]);
}

/** What an apply did to each resource, from its ids before and after (a replaced terraform_data gets a new id). */
function stateChanges(before: Record<string, string>, after: Record<string, string>) {
  const all = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return {
    added: all.filter((a) => !(a in before)),
    removed: all.filter((a) => !(a in after)),
    replaced: all.filter((a) => a in before && a in after && before[a] !== after[a]),
    unchanged: all.filter((a) => a in before && a in after && before[a] === after[a]),
  };
}

/** Every `talosctl health` call: the worker list it checked and its exit code. */
function healthChecks(calls: readonly FakeCall[]): { workers: string | undefined; exit: number }[] {
  return calls.filter((c) => c.argv[0] === 'health').map((c) => ({ workers: FakeTalos.flag(c, '--worker-nodes'), exit: c.exit }));
}

/** `talosctl upgrade` and `upgrade-k8s` calls (dry runs included). */
function upgradeCalls(calls: readonly FakeCall[]): string[] {
  return calls.filter((c) => c.argv[0] === 'upgrade' || c.argv[0] === 'upgrade-k8s').map((c) => c.argv.join(' '));
}

/** Position of the first output line matching `pattern` (-1 when none does). */
function lineIndex(output: string, pattern: RegExp): number {
  return output.split('\n').findIndex((l) => pattern.test(l));
}

describe('changing the node set of a running cluster under Terraform', () => {
  let baseline: RolloutHarness;
  const scenarios: RolloutHarness[] = [];

  /** A running cluster from a first deploy of `targets` onto VMs in maintenance mode, with an empty call log. */
  function firstDeployed(targets: DeployTargets): RolloutHarness {
    const h = new RolloutHarness(clusterState(nodeList(3, targets.workers ?? 2), { maintenance: true }));
    scenarios.push(h);
    const first = h.deploy(targets);
    if (first.code !== 0) throw new Error(`first deploy failed:\n${first.output}`);
    h.fake.clearCalls();
    return h;
  }

  /** A copy of the running 3 CP + 1 worker baseline (Terraform state included). */
  function fromBaseline(): RolloutHarness {
    const h = new RolloutHarness(baseline);
    scenarios.push(h);
    return h;
  }

  beforeAll(() => {
    baseline = firstDeployed(BASE);
  });

  afterAll(() => scenarios.forEach((h) => h.remove()));

  test('defines a worker added to a running cluster as a skipped OS step, a passing preflight and a health check with the new node list', () => {
    // GIVEN the running cluster and a new VM for test-worker-2, in maintenance mode
    const h = fromBaseline();
    h.fake.update((s) => (s.nodes['10.5.0.22'] = { name: 'test-worker-2', role: 'worker', stage: 'maintenance' }));
    const before = h.resourceIds();

    // WHEN the definition gets a second worker
    const result = h.deploy({ ...BASE, workers: 2 });

    // THEN the preflight re-ran and passed, checking the health of the configured nodes only
    expect(result.code).toBe(0);
    expect(stateChanges(before, h.resourceIds())).toEqual({
      added: nodeSteps('test-worker-2'),
      removed: [],
      replaced: NODE_LIST_STEPS,
      unchanged: [...OTHER_CLUSTER_STEPS, ...nodeSteps('test-cp-1', 'test-cp-2', 'test-cp-3', 'test-worker-1')].sort(),
    });
    expect(result.output).toMatch(/preflight test-worker-2: worker, maintenance mode \(no machine config yet\) → skip-maintenance/);
    expect(result.output).toMatch(/preflight test: ok: OS upgrade for no node/);
    // the new worker's OS step is a no-op, and nothing is upgraded
    expect(result.output).toMatch(/os-upgrade test-worker-2: skipped: maintenance mode/);
    expect(upgradeCalls(h.fake.calls())).toEqual([]);
    // the health step ran once the new worker was configured, with both workers, and never waited for it
    expect(healthChecks(h.fake.calls())).toEqual([
      { workers: '10.5.0.21', exit: 0 },
      { workers: '10.5.0.21,10.5.0.22', exit: 0 },
    ]);
    const configured = lineIndex(result.output, /^terraform_data\.fake-apply-test-worker-2: Creation complete/);
    expect(configured).toBeGreaterThanOrEqual(0);
    expect(configured).toBeLessThan(lineIndex(result.output, /^terraform_data\.health_step_[0-9A-F]{8}: Creating\.\.\./));
    expect(result.output).not.toContain('still in maintenance mode');
    expect(h.fake.read().nodes['10.5.0.22']).toEqual(expect.objectContaining({ stage: 'running', talosVersion: BASE.talos, kubeletVersion: BASE.kubernetes }));
  });

  test('defines a worker removed from a running cluster as exactly its OS step and config apply destroyed', () => {
    // GIVEN a running cluster with two workers
    const twoWorkers = { ...BASE, workers: 2 };
    const h = firstDeployed(twoWorkers);
    const before = h.resourceIds();
    // and test-worker-2 reset and its VM deleted: in the real stack its config apply's on-destroy reset runs before
    // the preflight re-runs (Terraform destroys a removed resource before replacing what it depended on), while the
    // harness's terraform_data stand-in has no destroy-time action. The simulator has no Kubernetes Node objects,
    // so the Node a reset leaves behind (README "Removing a node") is not modelled here.
    h.fake.update((s) => delete s.nodes['10.5.0.22']);

    // WHEN the definition loses test-worker-2
    const result = h.deploy({ ...twoWorkers, workers: 1 });

    // THEN
    expect(result.code).toBe(0);
    const destroyed = result.output.split('\n').filter((l) => l.includes('will be destroyed')).map((l) => l.trim());
    expect(destroyed).toEqual([
      '# terraform_data.fake-apply-test-worker-2 will be destroyed',
      expect.stringMatching(/^# terraform_data\.rollout_os-upgrade-test-worker-2_[0-9A-F]{8} will be destroyed$/),
    ]);
    expect(stateChanges(before, h.resourceIds())).toEqual({
      added: [],
      removed: nodeSteps('test-worker-2'),
      replaced: NODE_LIST_STEPS,
      unchanged: [...OTHER_CLUSTER_STEPS, ...nodeSteps('test-cp-1', 'test-cp-2', 'test-cp-3', 'test-worker-1')].sort(),
    });
    expect(upgradeCalls(h.fake.calls())).toEqual([]);
    expect(healthChecks(h.fake.calls())).toEqual([
      { workers: '10.5.0.21', exit: 0 },
      { workers: '10.5.0.21', exit: 0 },
    ]);
  });

  test('fails when a node of a running cluster is unreachable during the preflight, naming it, and upgrades no node', () => {
    // GIVEN the running cluster, test-worker-1 not answering
    const h = fromBaseline();
    h.fake.update((s) => (s.faults.unreachable = ['test-worker-1']));

    // WHEN a Talos bump is deployed
    const result = h.deploy({ ...BASE, talos: 'v1.13.10' });

    // THEN the preflight gave up after the node timeout, naming the node
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/preflight test-worker-1: waiting: unreachable/);
    expect(result.output).toContain(`test-worker-1 (10.5.0.21) did not answer (gave up after ${TEST_RUNNER_TIMING.nodeTimeoutSeconds}s)`);
    expect(result.output).toMatch(/preflight cluster: FAILED after/);
    expect(result.output).not.toMatch(/os-upgrade test-/);
    expect(upgradeCalls(h.fake.calls())).toEqual([]);
    expect(Object.values(h.fake.read().nodes).map((n) => n.talosVersion)).toEqual(Array(4).fill(BASE.talos));
  });
});
