/**
 * Changing the node set of a running cluster under real Terraform: the rollout steps against the talosctl and
 * kubectl simulators (fake-talosctl, fake-kubectl on PATH) when a worker is added or removed, and when a node does
 * not answer the preflight. Terraform's state (resource ids) shows which steps ran again; the simulator's call log
 * shows what touched which node, in order.
 */
import { FakeCall, FakeTalos, SCHEMATIC_A, clusterState, nodeList } from './support/fake-talos';
import { DeployTargets, RolloutHarness } from './support/rollout-harness';

jest.setTimeout(240000);

const BASE: DeployTargets = { talos: 'v1.13.9', schematic: SCHEMATIC_A, kubernetes: '1.34.5', chart: '1.0.0', workers: 1 };
const TWO_WORKERS: DeployTargets = { ...BASE, workers: 2 };

/** Cluster-wide steps that re-run when the node list changes (addresses without the construct-path hash). */
const NODE_LIST_STEPS = ['terraform_data.health_step', 'terraform_data.rollout_preflight'];
/** Cluster-wide steps and stand-ins a node list change leaves alone. */
const OTHER_CLUSTER_STEPS = ['terraform_data.machines', 'terraform_data.manifest-sync_step', 'terraform_data.rollout_kubernetes'];

/** The per-node resources of the test stack: config apply (whose destruction is the reset) and its config step, Node cleanup, OS-upgrade step. */
function nodeSteps(...names: string[]): string[] {
  return names
    .flatMap((n) => [
      `terraform_data.fake-apply-${n}`,
      `terraform_data.fake-config-${n}`,
      `terraform_data.node-cleanup_step["${n}"]`,
      `terraform_data.rollout_os-upgrade-${n}`,
    ])
    .sort();
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

/**
 * What touched a removed node and the health checks, in order: the Talos provider's reset, kubectl (without its
 * kubeconfig path), `talosctl health` (its worker list and exit code).
 */
function removalSequence(calls: readonly FakeCall[]): string[] {
  return calls.flatMap((c) => {
    if (c.tool === 'talos-provider' && c.argv[0] === 'reset') return [`reset ${c.argv[1]}`];
    // Node deletions only: the health gate's kubectl reads (CoreDNS, CNI agents) are not part of a removal.
    if (c.tool === 'kubectl' && c.argv.includes('delete'))
      return [`kubectl ${c.argv.filter((a, i) => a !== '--kubeconfig' && c.argv[i - 1] !== '--kubeconfig').join(' ')} → ${c.exit}`];
    if (c.tool === 'talosctl' && c.argv[0] === 'health') return [`health --worker-nodes ${FakeTalos.flag(c, '--worker-nodes')} → ${c.exit}`];
    return [];
  });
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
  let twoWorkers: RolloutHarness;
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

  /** A copy of a running cluster (Terraform state included): the 3 CP + 1 worker baseline by default. */
  function fromBaseline(from = baseline): RolloutHarness {
    const h = new RolloutHarness(from);
    scenarios.push(h);
    return h;
  }

  beforeAll(() => {
    baseline = firstDeployed(BASE);
    twoWorkers = firstDeployed(TWO_WORKERS);
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
    const configured = lineIndex(result.output, /^terraform_data\.fake-config-test-worker-2: Creation complete/);
    expect(configured).toBeGreaterThanOrEqual(0);
    expect(configured).toBeLessThan(lineIndex(result.output, /^terraform_data\.health_step_[0-9A-F]{8}: Creating\.\.\./));
    expect(result.output).not.toContain('still in maintenance mode');
    expect(h.fake.read().nodes['10.5.0.22']).toEqual(
      expect.objectContaining({ stage: 'running', talosVersion: BASE.talos, kubeletVersion: BASE.kubernetes }),
    );
  });

  test('defines a worker removed from a running cluster as its reset, then its Node object deleted, then the preflight and health check with the new node list', () => {
    // GIVEN a running cluster with two workers, each registered as a Kubernetes Node
    const h = fromBaseline(twoWorkers);
    const before = h.resourceIds();
    expect(Object.keys(h.fake.read().kubernetesNodes)).toContain('test-worker-2');

    // WHEN the definition loses test-worker-2
    const result = h.deploy(BASE);

    // THEN exactly its per-node resources were destroyed, and the node-list steps re-ran
    expect(result.code).toBe(0);
    const destroyed = result.output
      .split('\n')
      .filter((l) => l.includes('will be destroyed'))
      .map((l) => l.trim().replace(/_[0-9A-F]{8}(?=[ [])/, ''));
    expect(destroyed.sort()).toEqual(nodeSteps('test-worker-2').map((a) => `# ${a} will be destroyed`));
    expect(stateChanges(before, h.resourceIds())).toEqual({
      added: [],
      removed: nodeSteps('test-worker-2'),
      replaced: NODE_LIST_STEPS,
      unchanged: [...OTHER_CLUSTER_STEPS, ...nodeSteps('test-cp-1', 'test-cp-2', 'test-cp-3', 'test-worker-1')].sort(),
    });
    // the node was reset first, then its Node object deleted, then the preflight and the health step checked the
    // cluster without it and found no leftover Node
    expect(removalSequence(h.fake.calls())).toEqual([
      'reset 10.5.0.22',
      'kubectl delete node test-worker-2 --ignore-not-found --wait=true → 0',
      'health --worker-nodes 10.5.0.21 → 0',
      'health --worker-nodes 10.5.0.21 → 0',
    ]);
    expect(result.output).toMatch(/remove-node test-worker-2: Kubernetes Node object deleted \(kubectl: node "test-worker-2" deleted\)/);
    const cleaned = lineIndex(result.output, /^terraform_data\.node-cleanup_step_[0-9A-F]{8}\["test-worker-2"\]: Destruction complete/);
    expect(cleaned).toBeGreaterThanOrEqual(0);
    expect(cleaned).toBeLessThan(lineIndex(result.output, /^terraform_data\.rollout_preflight_[0-9A-F]{8}: Creating\.\.\./));
    const state = h.fake.read();
    expect(Object.keys(state.kubernetesNodes).sort()).toEqual(['test-cp-1', 'test-cp-2', 'test-cp-3', 'test-worker-1']);
    expect(state.nodes['10.5.0.22']).toBeUndefined();
    expect(upgradeCalls(h.fake.calls())).toEqual([]);
  });

  test("fails when kubectl cannot delete the removed worker's Node object, before the preflight re-runs, and the next deploy finishes the removal", () => {
    // GIVEN the running two-worker cluster, its API server unreachable for kubectl once
    const h = fromBaseline(twoWorkers);
    h.fake.update((s) => (s.faults.failKubectl = 1));
    const before = h.resourceIds();

    // WHEN the definition loses test-worker-2
    const failed = h.deploy(BASE);

    // THEN the node was reset, but its cleanup step failed with the cause and the fix, the Node object is still
    // there, and the preflight was neither destroyed nor re-run
    expect(failed.code).not.toBe(0);
    expect(failed.output).toContain('remove-node test-worker-2: FAILED after');
    expect(failed.output).toContain('kubectl delete node test-worker-2 failed (exit 1: The connection to the server 10.5.0.10:6443 was refused');
    expect(failed.output).toMatch(
      /Fix: make the Kubernetes API reachable with \S+ \(or delete the Node yourself: kubectl delete node test-worker-2\), then deploy again/,
    );
    expect(removalSequence(h.fake.calls())).toEqual(['reset 10.5.0.22', 'kubectl delete node test-worker-2 --ignore-not-found --wait=true → 1']);
    expect(h.fake.read().kubernetesNodes['test-worker-2']).toBeDefined();
    const afterFailure = h.resourceIds();
    expect(afterFailure['terraform_data.rollout_preflight']).toBe(before['terraform_data.rollout_preflight']);
    expect(afterFailure['terraform_data.node-cleanup_step["test-worker-2"]']).toBe(before['terraform_data.node-cleanup_step["test-worker-2"]']);

    // WHEN the deploy runs again
    h.fake.clearCalls();
    const retried = h.deploy(BASE);

    // THEN the cleanup ran again and the removal finished
    expect(retried.code).toBe(0);
    expect(removalSequence(h.fake.calls())).toEqual([
      'kubectl delete node test-worker-2 --ignore-not-found --wait=true → 0',
      'health --worker-nodes 10.5.0.21 → 0',
      'health --worker-nodes 10.5.0.21 → 0',
    ]);
    expect(Object.keys(h.fake.read().kubernetesNodes)).not.toContain('test-worker-2');
    expect(stateChanges(before, h.resourceIds()).removed).toEqual(nodeSteps('test-worker-2'));
  });

  test('fails when a node of a running cluster is unreachable during the preflight, naming it, and upgrades no node', () => {
    // GIVEN the running cluster, test-worker-1 not answering
    const h = fromBaseline();
    h.fake.update((s) => (s.faults.unreachable = ['test-worker-1']));

    // WHEN a Talos bump is deployed (with a short node timeout: the test waits for all of it)
    const result = h.deploy({ ...BASE, talos: 'v1.13.10', nodeTimeoutSeconds: 4 });

    // THEN the preflight gave up after the node timeout, naming the node
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/preflight test-worker-1: waiting: unreachable/);
    expect(result.output).toContain(`test-worker-1 (10.5.0.21) did not answer (gave up after 4s)`);
    expect(result.output).toMatch(/preflight cluster: FAILED after/);
    expect(result.output).not.toMatch(/os-upgrade test-/);
    expect(upgradeCalls(h.fake.calls())).toEqual([]);
    expect(Object.values(h.fake.read().nodes).map((n) => n.talosVersion)).toEqual(Array(4).fill(BASE.talos));
  });
});
