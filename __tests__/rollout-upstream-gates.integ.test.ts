/**
 * The rollout runner against the talosctl/kubectl simulators where they model what upstream Talos does and the
 * runner used to get wrong (issue 12, items 1–4):
 *  - Talos ≥ 1.13 `talosctl health` skips node readiness and CoreDNS when the CNI is `none`
 *    (siderolabs/talos v1.13.9 pkg/cluster/check/default.go), so the runner gates on them itself;
 *  - `talosctl upgrade` of a node on ≥ 1.13 cordons/drains from this machine and leaves the Node cordoned when
 *    the drain fails (cmd/talosctl/cmd/talos/upgrade.go, drain.go); 1.12 drains node-side;
 *  - health and upgrade-k8s go to a control plane's own API server, not the cluster's DNS name;
 *  - the Kubernetes step neither prunes manifests nor re-encodes machine configs with comments.
 */
import { spawnSync } from 'node:child_process';
import { FakeState, FakeTalos, SCHEMATIC_A, clusterState, manifestSet, nodeList } from './support/fake-talos';
import { PROJECT_ROOT } from './support/rollout-harness';

const NODES = nodeList(3, 1);
const ANNOTATION = 'talos-proxmox-cdktf/cordoned-for-upgrade';
const fakes: FakeTalos[] = [];

interface Targets {
  talos: string;
  kubernetes: string;
}

function cluster(state: FakeState): FakeTalos {
  const f = new FakeTalos(state);
  fakes.push(f);
  return f;
}

function run(fake: FakeTalos, t: Targets, args: readonly string[], timeoutSeconds = 30): { code: number; output: string } {
  const env = {
    ...process.env,
    ...fake.env(),
    ROLLOUT_CLUSTER: 'test',
    ROLLOUT_NODES: JSON.stringify(NODES),
    ROLLOUT_TALOS_VERSION: t.talos,
    ROLLOUT_SCHEMATIC_ID: SCHEMATIC_A,
    ROLLOUT_INSTALLER_IMAGE: `factory.talos.dev/nocloud-installer/${SCHEMATIC_A}:${t.talos}`,
    ROLLOUT_KUBERNETES_VERSION: t.kubernetes,
    ROLLOUT_NODE_TIMEOUT_SECONDS: String(timeoutSeconds),
    ROLLOUT_POLL_SECONDS: '0.2',
    ROLLOUT_CNI: 'cilium',
  };
  const r = spawnSync('node', ['scripts/run-ts.mjs', 'rollout/cli.ts', ...args], { cwd: PROJECT_ROOT, env, encoding: 'utf8' });
  return { code: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
}

function talosctlCalls(fake: FakeTalos, command: string): string[][] {
  return fake
    .calls()
    .filter((c) => c.tool === 'talosctl' && c.argv[0] === command)
    .map((c) => c.argv);
}

afterAll(() => fakes.forEach((f) => f.remove()));

const CURRENT: Targets = { talos: 'v1.13.9', kubernetes: '1.36.3' };

describe('health gate (item 1)', () => {
  test('fails when the CNI never becomes ready although talosctl health passes on Talos 1.13', () => {
    // GIVEN a bootstrapped 1.13 cluster whose Cilium agents never become ready
    const fake = cluster(clusterState(NODES, {}));
    fake.update((s) => (s.faults.cniBroken = true));

    // WHEN
    const result = run(fake, CURRENT, ['health'], 4);

    // THEN talosctl health skips the checks as Talos 1.13 does, and the runner's own gate refuses
    expect(result.code).toBe(1);
    expect(result.output).toContain('health: waiting for all k8s nodes to report ready: SKIP');
    expect(result.output).toContain('health: waiting for coredns to report ready: SKIP');
    expect(result.output).toMatch(/talosctl health passed, but test-cp-1 not ready \(machinestatus unmet: nodeReady\)/);
    expect(result.output).toContain('CoreDNS (deployment kube-system/coredns): 0/2 replicas ready');
    expect(result.output).toContain('the Cilium agents (daemonset kube-system/cilium): 0/4 pods ready');
  });

  test('defines the gate as passing on a healthy cluster, reading CoreDNS and the agents through a control plane', () => {
    // GIVEN
    const fake = cluster(clusterState(NODES, {}));

    // WHEN
    const result = run(fake, CURRENT, ['health']);

    // THEN kubectl went to a control plane's API server with a 0600 kubeconfig fetched through the Talos API
    expect(result.code).toBe(0);
    expect(result.output).toContain('healthy: every node ready, CoreDNS and cilium ready');
    const gets = fake.calls().filter((c) => c.tool === 'kubectl' && c.argv.includes('get'));
    expect(gets.map((c) => c.argv.slice(4).join(' '))).toEqual(
      expect.arrayContaining(['get deployment coredns -n kube-system -o json', 'get daemonset cilium -n kube-system -o json']),
    );
    expect(gets.every((c) => FakeTalos.flag(c, '--server') === 'https://10.5.0.11:6443')).toBe(true);
  });
});

describe('simulated talosctl health (the upstream behaviour the gate answers)', () => {
  function health(fake: FakeTalos): { code: number; output: string } {
    const r = spawnSync(
      'talosctl',
      [
        'health',
        '--talosconfig',
        fake.talosconfig,
        '--nodes',
        '10.5.0.11',
        '--control-plane-nodes',
        '10.5.0.11,10.5.0.12,10.5.0.13',
        '--worker-nodes',
        '10.5.0.21',
        '--wait-timeout',
        '5s',
      ],
      { env: { ...process.env, ...fake.env() }, encoding: 'utf8' },
    );
    return { code: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
  }

  test('defines node readiness and CoreDNS as checked by Talos 1.12 and skipped by 1.13 with CNI none', () => {
    // GIVEN the same broken CNI under both releases
    const old = cluster(clusterState(NODES, { talos: 'v1.12.11', kubernetes: '1.35.9' }));
    const current = cluster(clusterState(NODES, {}));
    for (const f of [old, current]) f.update((s) => (s.faults.cniBroken = true));

    // WHEN
    const r12 = health(old);
    const r13 = health(current);

    // THEN
    expect(r12.code).toBe(1);
    expect(r12.output).toContain('waiting for all k8s nodes to report ready: some nodes are not ready');
    expect(r13.code).toBe(0);
    expect(r13.output).toContain('waiting for coredns to report ready: SKIP');
  });
});

describe('OS upgrade drains (item 2)', () => {
  test('fails when the drain is blocked, leaving the node cordoned and marked; defines the next deploy as releasing and upgrading it', () => {
    // GIVEN a PodDisruptionBudget blocks the drain of test-cp-2 once
    const fake = cluster(clusterState(NODES, {}));
    fake.update((s) => (s.faults = { drainBlocked: { 'test-cp-2': 1 } }));
    const target = { ...CURRENT, talos: 'v1.13.10' };

    // WHEN the step fails, then the next deploy runs it again
    const failed = run(fake, target, ['os-upgrade', '--node', 'test-cp-2']);
    const afterFailure = fake.read();
    const resumed = run(fake, target, ['os-upgrade', '--node', 'test-cp-2']);

    // THEN the failure leaves the Node cordoned (talosctl never reached its uncordon) with the rollout's mark
    expect(failed.code).toBe(1);
    expect(failed.output).toContain('It stays cordoned');
    expect(afterFailure.kubernetesNodes['test-cp-2']).toEqual(
      expect.objectContaining({ unschedulable: true, annotations: { [ANNOTATION]: 'v1.13.10' } }),
    );
    expect(afterFailure.nodes['10.5.0.12'].talosVersion).toBe('v1.13.9');
    // and the retry releases its own cordon, passes the health gate and upgrades the node
    expect(resumed.output).toContain('uncordoned: a failed OS upgrade of this rollout left it cordoned');
    expect(resumed.code).toBe(0);
    const after = fake.read();
    expect(after.nodes['10.5.0.12'].talosVersion).toBe('v1.13.10');
    expect(after.kubernetesNodes['test-cp-2']).toEqual(expect.objectContaining({ unschedulable: false, annotations: {} }));
  });

  test('fails when a node is cordoned by someone else, naming it', () => {
    // GIVEN an operator cordoned the worker
    const fake = cluster(clusterState(NODES, {}));
    fake.update((s) => (s.kubernetesNodes['test-worker-1'].unschedulable = true));

    // WHEN
    const result = run(fake, { ...CURRENT, talos: 'v1.13.10' }, ['preflight'], 5);

    // THEN
    expect(result.code).toBe(1);
    expect(result.output).toContain('test-worker-1 is cordoned, and not by this rollout');
    expect(fake.read().kubernetesNodes['test-worker-1'].unschedulable).toBe(true);
  });

  test('fails when this machine cannot reach the cluster endpoint before draining a 1.13 node, but not for a 1.12 node', () => {
    // GIVEN the cluster endpoint does not resolve here; one cluster on 1.13, one on 1.12
    const current = cluster(clusterState(NODES, {}));
    const old = cluster(clusterState(NODES, { talos: 'v1.12.11', kubernetes: '1.35.9' }));
    for (const f of [current, old]) f.update((s) => (s.faults.endpointUnresolvable = true));

    // WHEN
    const refused = run(current, { ...CURRENT, talos: 'v1.13.10' }, ['preflight'], 10);
    const legacy = run(old, { talos: 'v1.13.9', kubernetes: '1.35.9' }, ['os-upgrade', '--node', 'test-worker-1']);

    // THEN the 1.13 drain would run here and is refused before any node is touched
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('this machine cannot reach the Kubernetes API through the cluster endpoint');
    expect(refused.output).toContain('no such host');
    expect(talosctlCalls(current, 'upgrade')).toEqual([]);
    // and the 1.12 node drains itself (legacy path): no endpoint needed, no mark set
    expect(legacy.code).toBe(0);
    expect(legacy.output).toContain('falling back to legacy');
    expect(old.read().kubernetesNodes['test-worker-1']).toEqual(expect.objectContaining({ unschedulable: false }));
    expect(old.read().kubernetesNodes['test-worker-1'].annotations ?? {}).toEqual({});
  });
});

describe('explicit endpoints (item 3) and manifest ownership (item 4)', () => {
  test('defines health and upgrade-k8s as working when the cluster endpoint does not resolve', () => {
    // GIVEN neither this machine nor the nodes resolve the cluster's DNS name
    const fake = cluster(clusterState(NODES, { kubernetes: '1.35.9' }));
    fake.update((s) => (s.faults.endpointUnresolvable = true));

    // WHEN
    const health = run(fake, { ...CURRENT, kubernetes: '1.35.9' }, ['health']);
    const kubernetes = run(fake, CURRENT, ['kubernetes']);

    // THEN both name a control plane's API server explicitly
    expect([health.code, kubernetes.code]).toEqual([0, 0]);
    expect(talosctlCalls(fake, 'health').every((a) => FakeTalos.flag({ tool: 'talosctl', argv: a, exit: 0 }, '--k8s-endpoint') === '10.5.0.11')).toBe(
      true,
    );
    expect(
      talosctlCalls(fake, 'upgrade-k8s').every(
        (a) => FakeTalos.flag({ tool: 'talosctl', argv: a, exit: 0 }, '--endpoint') === 'https://10.5.0.11:6443',
      ),
    ).toBe(true);
  });

  test('defines the Kubernetes step as never pruning manifests nor re-encoding machine configs with comments', () => {
    // GIVEN the control planes no longer carry an object that was applied earlier
    const fake = cluster(clusterState(NODES, { kubernetes: '1.35.9' }));
    const dropped = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dropped', namespace: 'kube-system' } };
    fake.update((s) => (s.applied['ConfigMap/kube-system/dropped'] = dropped));

    // WHEN
    const result = run(fake, CURRENT, ['kubernetes']);

    // THEN Kubernetes is upgraded, the object is left for the manifest step, and no config gained comments
    expect(result.code).toBe(0);
    const state = fake.read();
    expect(state.applied['ConfigMap/kube-system/dropped']).toEqual(dropped);
    expect(Object.values(state.nodes).map((n) => (n as { configComments?: boolean }).configComments ?? false)).toEqual([false, false, false, false]);
    expect(
      talosctlCalls(fake, 'upgrade-k8s').every(
        (a) => a.includes('--manifests-no-prune') && a.includes('--with-docs=false') && a.includes('--with-examples=false'),
      ),
    ).toBe(true);
  });

  test('fails when the control planes carry different manifests at a Kubernetes upgrade', () => {
    // GIVEN test-cp-3 still carries the old chart
    const fake = cluster(clusterState(NODES, { kubernetes: '1.35.9', manifests: manifestSet('1.1.0') }));
    fake.update((s) => (s.nodes['10.5.0.13'].manifests = manifestSet('1.0.0')));

    // WHEN
    const result = run(fake, CURRENT, ['kubernetes']);

    // THEN
    expect(result.code).toBe(1);
    expect(result.output).toContain('test-cp-3 differs from test-cp-1 in 99-cilium');
    expect(talosctlCalls(fake, 'upgrade-k8s')).toEqual([]);
  });
});
