/**
 * The rollout runner (rollout/cli.ts) run directly against the talosctl simulator: the refusals and failure
 * modes that need no Terraform around them.
 */
import { spawnSync } from 'node:child_process';
import { FakeState, FakeTalos, SCHEMATIC_A, SCHEMATIC_B, clusterState, manifestSet, nodeList } from './support/fake-talos';
import { PROJECT_ROOT } from './support/rollout-harness';

const NODES = nodeList(3, 1);
const fakes: FakeTalos[] = [];

interface Targets {
  talos: string;
  schematic: string;
  kubernetes: string;
}

function cluster(state: FakeState): FakeTalos {
  const f = new FakeTalos(state);
  fakes.push(f);
  return f;
}

function run(
  fake: FakeTalos,
  t: Targets,
  args: readonly string[],
  timeoutSeconds = 3,
  extraEnv: Record<string, string> = {},
): { code: number; output: string } {
  const env = {
    ...process.env,
    ...fake.env(),
    ...extraEnv,
    ROLLOUT_CLUSTER: 'test',
    ROLLOUT_NODES: JSON.stringify(NODES),
    ROLLOUT_TALOS_VERSION: t.talos,
    ROLLOUT_SCHEMATIC_ID: t.schematic,
    ROLLOUT_INSTALLER_IMAGE: `factory.talos.dev/nocloud-installer/${t.schematic}:${t.talos}`,
    ROLLOUT_KUBERNETES_VERSION: t.kubernetes,
    ROLLOUT_NODE_TIMEOUT_SECONDS: String(timeoutSeconds),
    ROLLOUT_POLL_SECONDS: '0.2',
  };
  const r = spawnSync('node', ['scripts/run-ts.mjs', 'rollout/cli.ts', ...args], { cwd: PROJECT_ROOT, env, encoding: 'utf8' });
  return { code: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
}

function upgradeCalls(fake: FakeTalos): string[] {
  return fake
    .calls()
    .filter((c) => c.argv[0] === 'upgrade' || c.argv[0] === 'upgrade-k8s')
    .map((c) => c.argv.join(' '));
}

afterAll(() => fakes.forEach((f) => f.remove()));

describe('rollout runner', () => {
  const current: Targets = { talos: 'v1.13.9', schematic: SCHEMATIC_A, kubernetes: '1.35.9' };

  test('fails when a node stays unreachable, after the node timeout', () => {
    // GIVEN
    const fake = cluster(clusterState(NODES, { kubernetes: '1.35.9' }));
    fake.update((s) => (s.faults.unreachable = ['test-cp-2']));

    // WHEN
    const result = run(fake, { ...current, talos: 'v1.13.10' }, ['os-upgrade', '--node', 'test-cp-2'], 2);

    // THEN
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/test-cp-2 \(10\.5\.0\.12\) did not answer \(gave up after 2s\): unreachable/);
    expect(upgradeCalls(fake)).toEqual([]);
  });

  test('fails when a node comes back on its previous version (A/B fallback)', () => {
    // GIVEN
    const fake = cluster(clusterState(NODES, { kubernetes: '1.35.9' }));
    fake.update((s) => (s.faults.bootFallback = ['test-worker-1']));

    // WHEN
    const result = run(fake, { ...current, talos: 'v1.13.10' }, ['os-upgrade', '--node', 'test-worker-1'], 2);

    // THEN
    expect(result.code).toBe(1);
    expect(result.output).toContain('test-worker-1 did not come back on v1.13.10');
    expect(result.output).toContain('runs v1.13.9');
  });

  test('defines a wait while the upgraded node reboots, then the health and etcd checks', () => {
    // GIVEN the node answers nothing for its next 4 calls after the upgrade
    const fake = cluster(clusterState(NODES, { kubernetes: '1.35.9' }));
    fake.update((s) => (s.faults.rebootCalls = 4));

    // WHEN
    const result = run(fake, { ...current, schematic: SCHEMATIC_B }, ['os-upgrade', '--node', 'test-cp-1'], 40);

    // THEN
    expect(result.code).toBe(0);
    expect(result.output).toContain('waiting: unreachable');
    expect(result.output).toContain('etcd has all 3 member(s)');
    expect(fake.read().nodes['10.5.0.11'].schematic).toBe(SCHEMATIC_B);
  });

  test('defines a node already on the target and a node in maintenance mode as skipped', () => {
    // GIVEN test-worker-1 a new VM in maintenance mode (never configured, so no Kubernetes Node object)
    const fake = cluster(clusterState(NODES, { kubernetes: '1.35.9' }));
    fake.update((s) => {
      s.nodes['10.5.0.21'] = { name: 'test-worker-1', role: 'worker', stage: 'maintenance' };
      delete s.kubernetesNodes['test-worker-1'];
    });

    // WHEN
    const atTarget = run(fake, current, ['os-upgrade', '--node', 'test-cp-1']);
    const maintenance = run(fake, { ...current, talos: 'v1.13.10' }, ['os-upgrade', '--node', 'test-worker-1']);

    // THEN
    expect([atTarget.code, maintenance.code]).toEqual([0, 0]);
    expect(atTarget.output).toContain('skipped: already runs v1.13.9');
    expect(maintenance.output).toContain('skipped: maintenance mode');
    expect(upgradeCalls(fake)).toEqual([]);
  });

  test('fails when the installer rejects the Talos hop, touching nothing', () => {
    // GIVEN nodes on Talos 1.10, target 1.13 (accepts hosts from 1.11.0)
    const fake = cluster(clusterState(NODES, { talos: 'v1.10.9', kubernetes: '1.33.6' }));

    // WHEN
    const result = run(fake, { talos: 'v1.13.9', schematic: SCHEMATIC_A, kubernetes: '1.33.6' }, ['preflight']);

    // THEN
    expect(result.code).toBe(1);
    expect(result.output).toContain('test-cp-1 (10.5.0.11): Talos v1.13.9 upgrades only from 1.11.0 or newer, the node runs v1.10.9');
    expect(result.output).toContain('the rollout upgraded and rebooted no node (what Terraform changed earlier in this apply');
    expect(upgradeCalls(fake)).toEqual([]);
  });

  test('fails when the running Kubernetes cannot follow the Talos upgrade: Kubernetes goes first', () => {
    // GIVEN Kubernetes 1.32 on Talos 1.13; Talos 1.14 needs Kubernetes 1.33 or newer
    const fake = cluster(clusterState(NODES, { talos: 'v1.13.9', kubernetes: '1.32.9', clientVersion: 'v1.14.0' }));

    // WHEN
    const result = run(fake, { talos: 'v1.14.0', schematic: SCHEMATIC_A, kubernetes: '1.33.6' }, ['preflight']);

    // THEN
    expect(result.code).toBe(1);
    expect(result.output).toContain('upgrade Kubernetes first');
  });

  test('fails when talosctl is older than the target Talos', () => {
    // GIVEN
    const fake = cluster(clusterState(NODES, { kubernetes: '1.35.9', clientVersion: 'v1.12.11' }));

    // WHEN
    const result = run(fake, current, ['preflight']);

    // THEN
    expect(result.code).toBe(1);
    expect(result.output).toContain('talosctl v1.12.11 is older than the target Talos v1.13');
  });

  test('fails when the cluster is not healthy to begin with', () => {
    // GIVEN
    const fake = cluster(clusterState(NODES, { kubernetes: '1.35.9' }));
    fake.update((s) => (s.faults.unhealthy = 1000));

    // WHEN
    const result = run(fake, { ...current, talos: 'v1.13.10' }, ['preflight'], 2);

    // THEN
    expect(result.code).toBe(1);
    expect(result.output).toContain('the cluster is not healthy to begin with');
    expect(upgradeCalls(fake)).toEqual([]);
  });

  test('fails when the control planes carry different manifests at a manifest sync', () => {
    // GIVEN test-cp-3 still carries the old chart
    const fake = cluster(clusterState(NODES, { kubernetes: '1.35.9', manifests: manifestSet('1.1.0') }));
    fake.update((s) => (s.nodes['10.5.0.13'].manifests = manifestSet('1.0.0')));

    // WHEN
    const result = run(fake, current, ['manifests']);

    // THEN
    expect(result.code).toBe(1);
    expect(result.output).toContain('test-cp-3 differs from test-cp-1 in 99-cilium');
    expect(upgradeCalls(fake)).toEqual([]);
  });

  test('defines the manifest sync as skipped when the dry run shows no change', () => {
    // GIVEN
    const fake = cluster(clusterState(NODES, { kubernetes: '1.35.9' }));

    // WHEN
    const result = run(fake, current, ['manifests']);

    // THEN
    expect(result.code).toBe(0);
    expect(result.output).toContain('skipped: the dry run shows no manifest change');
    expect(upgradeCalls(fake)).toEqual([expect.stringContaining('--dry-run')]);
  });

  test('defines the Kubernetes step as skipped before bootstrap and when every component already runs the target', () => {
    // GIVEN
    const fresh = cluster(clusterState(NODES, { maintenance: true }));
    const running = cluster(clusterState(NODES, { kubernetes: '1.35.9' }));

    // WHEN
    const before = run(fresh, current, ['kubernetes']);
    const done = run(running, current, ['kubernetes']);

    // THEN
    expect(before.output).toContain('skipped: not bootstrapped yet');
    expect(done.output).toContain('skipped: every kubelet and API server already runs 1.35.9');
    expect([before.code, done.code]).toEqual([0, 0]);
    expect([...upgradeCalls(fresh), ...upgradeCalls(running)]).toEqual([]);
  });

  test('fails when talosctl cannot be run, at once', () => {
    // GIVEN
    const fake = cluster(clusterState(NODES, {}));

    // WHEN
    const result = run(fake, current, ['os-upgrade', '--node', 'test-cp-1'], 60, { ROLLOUT_TALOSCTL: '/nonexistent/talosctl' });

    // THEN
    expect(result.code).toBe(1);
    expect(result.output).toContain('cannot run /nonexistent/talosctl');
    expect(result.output).not.toContain('waiting:');
  });

  test('fails when the usage is wrong, with exit 2', () => {
    // GIVEN
    const fake = cluster(clusterState(NODES, {}));

    // WHEN
    const noNode = run(fake, current, ['os-upgrade']);
    const unknown = run(fake, current, ['reboot-everything']);

    // THEN
    expect([noNode.code, unknown.code]).toEqual([2, 2]);
    expect(noNode.output).toContain('usage: rollout/cli.ts');
  });
});
