/**
 * The rolling upgrade under real Terraform: terraform_data + local-exec steps run the rollout runner against the
 * talosctl simulator (fake-talosctl on PATH), and the simulator's call log shows what touched which node.
 */
import { FakeCall, FakeTalos, SCHEMATIC_A, clusterState, nodeList, secretMarker } from './support/fake-talos';
import { DeployTargets, RolloutHarness } from './support/rollout-harness';

jest.setTimeout(240000);

const BASE: DeployTargets = { talos: 'v1.13.9', schematic: SCHEMATIC_A, kubernetes: '1.34.5', chart: '1.0.0' };
const NODES = nodeList(3, 2);

/** `upgrade <node>` and `health` calls, in order. */
function upgradesAndHealth(fake: FakeTalos, calls: readonly FakeCall[]): string[] {
  return calls.flatMap((c) => {
    if (c.argv[0] === 'upgrade') return [`upgrade ${fake.nameOf(FakeTalos.flag(c, '--nodes')!)}`];
    if (c.argv[0] === 'health' && c.exit === 0) return ['health'];
    return [];
  });
}

function upgradedNodes(fake: FakeTalos, calls: readonly FakeCall[]): string[] {
  return calls.filter((c) => c.argv[0] === 'upgrade').map((c) => fake.nameOf(FakeTalos.flag(c, '--nodes')!));
}

function upgradeK8sCalls(calls: readonly FakeCall[], dryRun: boolean): FakeCall[] {
  return calls.filter((c) => c.argv[0] === 'upgrade-k8s' && c.argv.includes('--dry-run') === dryRun);
}

describe('rolling upgrade under Terraform', () => {
  let baseline: RolloutHarness;
  const scenarios: RolloutHarness[] = [];

  /** A copy of the deployed baseline cluster (Terraform state included) with an empty call log. */
  function fromBaseline(): RolloutHarness {
    const h = new RolloutHarness(baseline);
    h.fake.clearCalls();
    scenarios.push(h);
    return h;
  }

  beforeAll(() => {
    baseline = new RolloutHarness(clusterState(NODES, { talos: BASE.talos, schematic: BASE.schematic, kubernetes: BASE.kubernetes }));
    const first = baseline.deploy(BASE);
    if (first.code !== 0) throw new Error(`baseline deploy failed:\n${first.output}`);
  });

  afterAll(() => {
    baseline?.remove();
    scenarios.forEach((h) => h.remove());
  });

  test('defines a first deploy that upgrades nothing', () => {
    // GIVEN new VMs, every node in maintenance mode
    const h = new RolloutHarness(clusterState(NODES, { maintenance: true }));
    scenarios.push(h);

    // WHEN
    const result = h.deploy(BASE);

    // THEN
    expect(result.code).toBe(0);
    const calls = h.fake.calls();
    expect(upgradedNodes(h.fake, calls)).toEqual([]);
    expect(upgradeK8sCalls(calls, false)).toEqual([]);
    expect(result.output).toContain('first deploy: every node is in maintenance mode');
    expect(result.output).toContain('skipped: maintenance mode');
    expect(Object.values(h.fake.read().nodes).every((n) => n.stage === 'running' && n.talosVersion === BASE.talos)).toBe(true);
  });

  test('defines a Talos bump that upgrades control planes one by one, then workers, with a health check between each', () => {
    // GIVEN
    const h = fromBaseline();

    // WHEN
    const result = h.deploy({ ...BASE, talos: 'v1.13.10' });

    // THEN
    expect(result.code).toBe(0);
    const sequence = upgradesAndHealth(h.fake, h.fake.calls());
    const upgrades = sequence.filter((s) => s.startsWith('upgrade'));
    expect(upgrades).toEqual(['upgrade test-cp-1', 'upgrade test-cp-2', 'upgrade test-cp-3', 'upgrade test-worker-1', 'upgrade test-worker-2']);
    for (let i = 1; i < upgrades.length; i++) {
      const between = sequence.slice(sequence.indexOf(upgrades[i - 1]) + 1, sequence.indexOf(upgrades[i]));
      expect({ after: upgrades[i - 1], between }).toEqual({ after: upgrades[i - 1], between: expect.arrayContaining(['health']) });
    }
    expect(Object.values(h.fake.read().nodes).map((n) => n.talosVersion)).toEqual(Array(5).fill('v1.13.10'));
    expect(upgradeK8sCalls(h.fake.calls(), false)).toEqual([]);
  });

  test('fails when the second control plane fails to upgrade, touching none of the rest, and the next deploy resumes at that node', () => {
    // GIVEN the installer fails once on test-cp-2
    const h = fromBaseline();
    h.fake.update((s) => (s.faults.failUpgrade = { 'test-cp-2': 1 }));
    const bump = { ...BASE, talos: 'v1.13.10' };

    // WHEN
    const failed = h.deploy(bump);

    // THEN
    expect(failed.code).not.toBe(0);
    expect(failed.output).toMatch(/os-upgrade test-cp-2: FAILED/);
    expect(upgradedNodes(h.fake, h.fake.calls())).toEqual(['test-cp-1', 'test-cp-2']);
    const versions = Object.fromEntries(Object.values(h.fake.read().nodes).map((n) => [n.name, n.talosVersion]));
    expect(versions).toEqual({
      'test-cp-1': 'v1.13.10',
      'test-cp-2': 'v1.13.9',
      'test-cp-3': 'v1.13.9',
      'test-worker-1': 'v1.13.9',
      'test-worker-2': 'v1.13.9',
    });

    // WHEN deploying again
    h.fake.clearCalls();
    const resumed = h.deploy(bump);

    // THEN it starts at test-cp-2 and never upgrades test-cp-1 again
    expect(resumed.code).toBe(0);
    expect(upgradedNodes(h.fake, h.fake.calls())).toEqual(['test-cp-2', 'test-cp-3', 'test-worker-1', 'test-worker-2']);
  });

  test('defines a Kubernetes bump that runs upgrade-k8s exactly once and no OS upgrade', () => {
    // GIVEN
    const h = fromBaseline();

    // WHEN
    const result = h.deploy({ ...BASE, kubernetes: '1.35.9' });

    // THEN
    expect(result.code).toBe(0);
    const calls = h.fake.calls();
    expect(upgradeK8sCalls(calls, false)).toHaveLength(1);
    expect(upgradeK8sCalls(calls, false)[0].argv).toEqual(expect.arrayContaining(['--to', '1.35.9']));
    expect(calls.findIndex((c) => c === upgradeK8sCalls(calls, true)[0])).toBeLessThan(calls.indexOf(upgradeK8sCalls(calls, false)[0]));
    expect(upgradedNodes(h.fake, calls)).toEqual([]);
    expect(Object.values(h.fake.read().nodes).map((n) => n.kubeletVersion)).toEqual(Array(5).fill('1.35.9'));
  });

  test('fails when the hop is illegal, before any node is touched', () => {
    // GIVEN Kubernetes 1.34 → 1.36 (two minors) together with a Talos bump
    const h = fromBaseline();

    // WHEN
    const result = h.deploy({ ...BASE, talos: 'v1.13.10', kubernetes: '1.36.3' });

    // THEN
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('Kubernetes upgrades go one minor at a time');
    expect(result.output).toContain('preflight refused the rollout');
    const calls = h.fake.calls();
    expect(upgradedNodes(h.fake, calls)).toEqual([]);
    expect(calls.filter((c) => c.argv[0] === 'upgrade-k8s')).toEqual([]);
  });

  test('defines a chart bump that runs only the manifest sync, printing its dry run without Secret data', () => {
    // GIVEN
    const h = fromBaseline();

    // WHEN
    const result = h.deploy({ ...BASE, chart: '1.1.0' });

    // THEN
    expect(result.code).toBe(0);
    const calls = h.fake.calls();
    expect(upgradedNodes(h.fake, calls)).toEqual([]);
    expect(calls.filter((c) => c.argv[0] === 'health')).toEqual([]);
    expect(upgradeK8sCalls(calls, true)).toHaveLength(1);
    expect(upgradeK8sCalls(calls, false)).toHaveLength(1);
    expect(upgradeK8sCalls(calls, false)[0].argv).toEqual(expect.arrayContaining(['--to', BASE.kubernetes]));
    expect(result.output).toContain('+  chart: 1.1.0');
    expect(result.output).toContain('(Secret: diff hidden)');
    expect(result.output).not.toContain(Buffer.from(secretMarker('1.1.0')).toString('base64'));
    expect(result.output).not.toContain(Buffer.from(secretMarker('1.0.0')).toString('base64'));
    expect(h.fake.read().applied['ConfigMap/kube-system/cilium-config']).toEqual(expect.objectContaining({ data: { chart: '1.1.0' } }));
  });
});
