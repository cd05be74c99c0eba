/**
 * The runner's `remove-node` phase (rollout/cli.ts, run by NodeCleanup at destroy time) against the kubectl
 * simulator, and the leftover Node object it exists for: `talosctl health` fails on it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FakeCall, FakeTalos, clusterState, nodeList } from './support/fake-talos';
import { PROJECT_ROOT } from './support/rollout-harness';

const fakes: FakeTalos[] = [];

/** A running 3 CP + 2 worker cluster, every node registered as a Kubernetes Node. */
function cluster(): FakeTalos {
  const f = new FakeTalos(clusterState(nodeList(3, 2), {}));
  fakes.push(f);
  return f;
}

function run(fake: FakeTalos, args: readonly string[], env: Record<string, string> = {}): { code: number; output: string } {
  const r = spawnSync('node', ['scripts/run-ts.mjs', 'rollout/cli.ts', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...fake.env(), ROLLOUT_CLUSTER: 'test', ...env },
    encoding: 'utf8',
  });
  return { code: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
}

function kubectlCalls(fake: FakeTalos): FakeCall[] {
  return fake.calls().filter((c) => c.tool === 'kubectl');
}

afterAll(() => fakes.forEach((f) => f.remove()));

describe('remove-node', () => {
  test('defines the removed node\'s Kubernetes Node object as deleted with kubectl and the cluster\'s kubeconfig', () => {
    // GIVEN
    const fake = cluster();

    // WHEN
    const result = run(fake, ['remove-node', '--node', 'test-worker-2']);

    // THEN
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/remove-node test-worker-2: Kubernetes Node object deleted \(kubectl: node "test-worker-2" deleted\)/);
    expect(kubectlCalls(fake)).toEqual([
      { tool: 'kubectl', argv: ['--kubeconfig', fake.kubeconfig, 'delete', 'node', 'test-worker-2', '--ignore-not-found', '--wait=true'], exit: 0 },
    ]);
    expect(Object.keys(fake.read().kubernetesNodes).sort()).toEqual(['test-cp-1', 'test-cp-2', 'test-cp-3', 'test-worker-1']);
  });

  test('defines a Node object that is already gone as done', () => {
    // GIVEN
    const fake = cluster();
    fake.update((s) => delete s.kubernetesNodes['test-worker-2']);

    // WHEN
    const result = run(fake, ['remove-node', '--node', 'test-worker-2']);

    // THEN
    expect(result.code).toBe(0);
    expect(result.output).toContain('remove-node test-worker-2: no Kubernetes Node object by that name (already gone)');
    expect(kubectlCalls(fake).map((c) => c.exit)).toEqual([0]);
  });

  test('defines a cluster without a kubeconfig (never bootstrapped) as nothing to delete, naming the manual command', () => {
    // GIVEN
    const fake = cluster();
    fs.rmSync(fake.kubeconfig);

    // WHEN
    const result = run(fake, ['remove-node', '--node', 'test-worker-2']);

    // THEN
    expect(result.code).toBe(0);
    expect(result.output).toContain(`remove-node test-worker-2: skipped: no kubeconfig at ${fake.kubeconfig}`);
    expect(result.output).toContain('kubectl delete node test-worker-2');
    expect(kubectlCalls(fake)).toEqual([]);
  });

  test('defines the kubeconfig as access/<cluster>/kubeconfig under the project root by default', () => {
    // GIVEN no kubeconfig override, and a cluster name with no access folder
    const fake = cluster();
    const expected = path.join(PROJECT_ROOT, 'access', 'never-deployed-cluster', 'kubeconfig');
    expect(fs.existsSync(expected)).toBe(false);

    // WHEN
    const result = run(fake, ['remove-node', '--node', 'test-worker-2'], { ROLLOUT_KUBECONFIG: '', ROLLOUT_CLUSTER: 'never-deployed-cluster' });

    // THEN
    expect(result.code).toBe(0);
    expect(result.output).toContain(`skipped: no kubeconfig at ${expected}`);
  });

  test('fails when kubectl is not installed, naming the fix', () => {
    // GIVEN
    const fake = cluster();

    // WHEN
    const result = run(fake, ['remove-node', '--node', 'test-worker-2'], { ROLLOUT_KUBECTL: path.join(fake.dir, 'no-such-kubectl') });

    // THEN
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/remove-node test-worker-2: FAILED after \d+s: cannot run kubectl \(.*no-such-kubectl.*ENOENT.*\); removing a node deletes its Kubernetes Node object with kubectl\. Fix: install kubectl on PATH \(or set ROLLOUT_KUBECTL\), then deploy again/);
    expect(fake.read().kubernetesNodes['test-worker-2']).toBeDefined();
  });

  test('fails when the API server cannot be reached, naming the fix', () => {
    // GIVEN
    const fake = cluster();
    fake.update((s) => (s.faults.failKubectl = 1));

    // WHEN
    const result = run(fake, ['remove-node', '--node', 'test-worker-2']);

    // THEN
    expect(result.code).toBe(1);
    expect(result.output).toContain('kubectl delete node test-worker-2 failed (exit 1: The connection to the server 10.5.0.10:6443 was refused - did you specify the right host or port?)');
    expect(result.output).toContain('Fix: make the Kubernetes API reachable with');
    expect(fake.read().kubernetesNodes['test-worker-2']).toBeDefined();
  });

  test('fails when --node is missing, as wrong usage', () => {
    // GIVEN
    const fake = cluster();

    // WHEN
    const result = run(fake, ['remove-node']);

    // THEN
    expect(result.code).toBe(2);
    expect(result.output).toContain('os-upgrade and remove-node need --node');
    expect(kubectlCalls(fake)).toEqual([]);
  });

  test('fails when a removed node\'s Node object is left behind: the health check of the remaining nodes reports it', () => {
    // GIVEN test-worker-2 reset and its VM deleted, but its Node object left (what remove-node deletes)
    const fake = cluster();
    fake.update((s) => delete s.nodes['10.5.0.22']);
    const remaining = nodeList(3, 1);

    // WHEN the health step checks the new node list
    const result = run(fake, ['health'], {
      ROLLOUT_NODES: JSON.stringify(remaining),
      ROLLOUT_TALOS_VERSION: 'v1.13.9',
      ROLLOUT_KUBERNETES_VERSION: '1.36.3',
      ROLLOUT_NODE_TIMEOUT_SECONDS: '2',
      ROLLOUT_POLL_SECONDS: '0.2',
    });

    // THEN
    expect(result.code).toBe(1);
    expect(result.output).toContain('waiting for all k8s nodes to report: unexpected nodes with IPs ["10.5.0.22"]');
  });
});
