/**
 * The runner's `remove-node` phase (rollout/cli.ts, run by NodeCleanup at destroy time) against the kubectl and
 * talosctl simulators (talosctl fetches a kubeconfig when the file is missing), and the leftover Node object it
 * exists for: `talosctl health` fails on it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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

function talosctlCalls(fake: FakeTalos): FakeCall[] {
  return fake.calls().filter((c) => c.tool === 'talosctl');
}

/** The `talosctl kubeconfig` arguments the runner passes to fetch a kubeconfig into `file` from `ip`. */
function fetchArgs(fake: FakeTalos, file: string, ip: string): string[] {
  return ['kubeconfig', file, '--talosconfig', fake.talosconfig, '--nodes', ip, '--endpoints', ip, '--force', '--merge=false'];
}

/** Text of the fake admin kubeconfig that must never reach the output. */
const KUBECONFIG_SECRETS = ['client-key-data', Buffer.from('FAKE-ADMIN-KEY').toString('base64')];

afterAll(() => fakes.forEach((f) => f.remove()));

describe('remove-node', () => {
  test("defines the removed node's Kubernetes Node object as deleted with kubectl and the cluster's kubeconfig", () => {
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

  test('defines the Node object of a cluster whose kubeconfig file is missing as deleted with a kubeconfig fetched through the Talos API, in a temp folder removed afterwards', () => {
    // GIVEN a running cluster, its talosconfig there but its kubeconfig file not (a fresh checkout)
    const fake = cluster();
    fs.rmSync(fake.kubeconfig);

    // WHEN
    const result = run(fake, ['remove-node', '--node', 'test-worker-2']);

    // THEN talosctl wrote a kubeconfig into a private temp folder from the first control plane, kubectl deleted
    // the Node with it, and the folder is gone
    expect(result.code).toBe(0);
    const [fetch] = talosctlCalls(fake);
    const fetched = fetch.argv[1];
    expect(path.basename(fetched)).toBe('kubeconfig');
    expect(path.dirname(path.dirname(fetched))).toBe(os.tmpdir());
    expect(path.basename(path.dirname(fetched))).toMatch(/^rollout-kubeconfig-/);
    expect(fake.calls()).toEqual([
      { tool: 'talosctl', argv: fetchArgs(fake, fetched, '10.5.0.11'), exit: 0 },
      { tool: 'kubectl', argv: ['--kubeconfig', fetched, 'delete', 'node', 'test-worker-2', '--ignore-not-found', '--wait=true'], exit: 0 },
    ]);
    expect(fs.existsSync(path.dirname(fetched))).toBe(false);
    expect(Object.keys(fake.read().kubernetesNodes)).not.toContain('test-worker-2');
    expect(result.output).toContain(`remove-node test-worker-2: no kubeconfig at ${fake.kubeconfig}; fetching one through the Talos API`);
    expect(result.output).toMatch(/remove-node test-worker-2: Kubernetes Node object deleted \(kubectl: node "test-worker-2" deleted\)/);
    for (const secret of KUBECONFIG_SECRETS) expect(result.output).not.toContain(secret);
    expect(fs.existsSync(fake.kubeconfig)).toBe(false);
  });

  test('defines a control plane that does not answer as skipped for the next talosconfig endpoint when fetching the kubeconfig', () => {
    // GIVEN no kubeconfig file, and the first control plane down
    const fake = cluster();
    fs.rmSync(fake.kubeconfig);
    fake.update((s) => (s.faults.unreachable = ['test-cp-1']));

    // WHEN
    const result = run(fake, ['remove-node', '--node', 'test-worker-2']);

    // THEN
    expect(result.code).toBe(0);
    const fetched = talosctlCalls(fake)[0].argv[1];
    expect(fake.calls()).toEqual([
      { tool: 'talosctl', argv: fetchArgs(fake, fetched, '10.5.0.11'), exit: 1 },
      { tool: 'talosctl', argv: fetchArgs(fake, fetched, '10.5.0.12'), exit: 0 },
      { tool: 'kubectl', argv: ['--kubeconfig', fetched, 'delete', 'node', 'test-worker-2', '--ignore-not-found', '--wait=true'], exit: 0 },
    ]);
    expect(result.output).toContain('talosctl kubeconfig through 10.5.0.11 failed (exit 1: error: rpc error: code = Unavailable');
    expect(result.output).toContain('trying the next endpoint');
    expect(result.output).toContain('kubeconfig fetched through 10.5.0.12');
    expect(fs.existsSync(path.dirname(fetched))).toBe(false);
    expect(Object.keys(fake.read().kubernetesNodes)).not.toContain('test-worker-2');
  });

  test('defines a cluster with neither a kubeconfig nor a talosconfig (never deployed) as nothing to delete, naming the manual command', () => {
    // GIVEN
    const fake = cluster();
    fs.rmSync(fake.kubeconfig);
    fs.rmSync(fake.talosconfig);

    // WHEN
    const result = run(fake, ['remove-node', '--node', 'test-worker-2']);

    // THEN
    expect(result.code).toBe(0);
    expect(result.output).toContain(
      `remove-node test-worker-2: skipped: no kubeconfig at ${fake.kubeconfig} and no talosconfig at ${fake.talosconfig}`,
    );
    expect(result.output).toContain('kubectl delete node test-worker-2');
    expect(fake.calls()).toEqual([]);
  });

  test('defines the kubeconfig and talosconfig as access/<cluster>/kubeconfig and talosconfig under the project root by default', () => {
    // GIVEN no kubeconfig or talosconfig override, and a cluster name with no access folder
    const fake = cluster();
    const folder = path.join(PROJECT_ROOT, 'access', 'never-deployed-cluster');
    expect(fs.existsSync(folder)).toBe(false);

    // WHEN
    const result = run(fake, ['remove-node', '--node', 'test-worker-2'], {
      ROLLOUT_KUBECONFIG: '',
      ROLLOUT_TALOSCONFIG: '',
      ROLLOUT_CLUSTER: 'never-deployed-cluster',
    });

    // THEN
    expect(result.code).toBe(0);
    expect(result.output).toContain(
      `skipped: no kubeconfig at ${path.join(folder, 'kubeconfig')} and no talosconfig at ${path.join(folder, 'talosconfig')}`,
    );
  });

  test('fails when kubectl is not installed, naming the fix', () => {
    // GIVEN
    const fake = cluster();

    // WHEN
    const result = run(fake, ['remove-node', '--node', 'test-worker-2'], { ROLLOUT_KUBECTL: path.join(fake.dir, 'no-such-kubectl') });

    // THEN
    expect(result.code).toBe(1);
    expect(result.output).toMatch(
      /remove-node test-worker-2: FAILED after \d+s: cannot run kubectl \(.*no-such-kubectl.*ENOENT.*\); removing a node deletes its Kubernetes Node object with kubectl\. Fix: install kubectl on PATH \(or set ROLLOUT_KUBECTL\), then deploy again/,
    );
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
    expect(result.output).toContain(
      'kubectl delete node test-worker-2 failed (exit 1: The connection to the server 10.5.0.10:6443 was refused - did you specify the right host or port?)',
    );
    expect(result.output).toContain('Fix: make the Kubernetes API reachable with');
    expect(fake.read().kubernetesNodes['test-worker-2']).toBeDefined();
  });

  test('fails when talosctl kubeconfig fails on every control plane while the cluster runs, naming the fix, and leaves no temp folder', () => {
    // GIVEN no kubeconfig file, and control planes that run but refuse the kubeconfig
    const fake = cluster();
    fs.rmSync(fake.kubeconfig);
    fake.update((s) => (s.faults.failKubeconfig = true));

    // WHEN
    const result = run(fake, ['remove-node', '--node', 'test-worker-2']);

    // THEN each endpoint was tried once, then asked whether it still runs; kubectl never ran; the step failed
    expect(result.code).toBe(1);
    const calls = talosctlCalls(fake);
    const fetched = calls[0].argv[1];
    const ips = ['10.5.0.11', '10.5.0.12', '10.5.0.13'];
    expect(calls.slice(0, 3)).toEqual(ips.map((ip) => ({ tool: 'talosctl', argv: fetchArgs(fake, fetched, ip), exit: 1 })));
    expect(calls.slice(3).map((c) => [c.argv.slice(0, 2), c.exit])).toEqual(ips.map(() => [['get', 'machinestatus'], 0]));
    expect(kubectlCalls(fake)).toEqual([]);
    expect(result.output).toMatch(
      /remove-node test-worker-2: FAILED after \d+s: cannot fetch a kubeconfig through the Talos API \(talosctl kubeconfig with \S+; 10\.5\.0\.11: exit 1: error copying: rpc error: code = PermissionDenied/,
    );
    expect(result.output).toContain(
      `although 10.5.0.11, 10.5.0.12, 10.5.0.13 still runs. Fix: make that control plane's Talos API answer talosctl kubeconfig`,
    );
    expect(fs.existsSync(path.dirname(fetched))).toBe(false);
    expect(fake.read().kubernetesNodes['test-worker-2']).toBeDefined();
  });

  test('defines the cleanup as nothing to do when no control plane runs any more (a full teardown)', () => {
    // GIVEN no kubeconfig file (a teardown deleted it) and every control plane reset or gone
    const fake = cluster();
    fs.rmSync(fake.kubeconfig);
    fake.update((s) => {
      s.faults.unreachable = ['test-cp-1', 'test-cp-2'];
      s.nodes['10.5.0.13'].stage = 'maintenance';
    });

    // WHEN
    const result = run(fake, ['remove-node', '--node', 'test-worker-2']);

    // THEN it skips without kubectl, says why, and leaves no temp folder
    expect(result.code).toBe(0);
    expect(result.output).toContain(
      'skipped: no control plane (10.5.0.11, 10.5.0.12, 10.5.0.13) runs a configured Talos any more (reset or gone, as in a full teardown)',
    );
    expect(kubectlCalls(fake)).toEqual([]);
    expect(fs.existsSync(path.dirname(talosctlCalls(fake)[0].argv[1]))).toBe(false);
  });

  test('fails when the talosconfig names no endpoint, without quoting it', () => {
    // GIVEN no kubeconfig file, and a talosconfig whose context has a key but no endpoints
    const fake = cluster();
    fs.rmSync(fake.kubeconfig);
    fs.writeFileSync(fake.talosconfig, 'context: test\ncontexts:\n  test:\n    key: U0VDUkVULUtFWQ==\n', { mode: 0o600 });

    // WHEN
    const result = run(fake, ['remove-node', '--node', 'test-worker-2']);

    // THEN
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/remove-node test-worker-2: FAILED after \d+s: context "test" of \S+ has no endpoints/);
    expect(result.output).not.toContain('U0VDUkVULUtFWQ==');
    expect(fake.calls()).toEqual([]);
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

  test("fails when a removed node's Node object is left behind: the health check of the remaining nodes reports it", () => {
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
