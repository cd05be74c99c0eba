/**
 * The synthesized rollout steps: one terraform_data per node and phase, triggers, the depends_on chain, and
 * commands that carry no secret.
 */
import { ValidatedPlan } from '../lib/check-cluster';
import { AddonManifestSync } from '../constructs/addon-manifest-sync';
import { ClusterHealthCheck } from '../constructs/cluster-health-check';
import { ClusterRollout, ClusterRolloutProps } from '../constructs/cluster-rollout';
import { TerraformData, TerraformStack, Testing } from '../constructs/cdk';
import { demoPlan } from './support/demo-plan';

const SCHEMATIC = 'f'.repeat(64);
const INSTALLER = `factory.talos.dev/nocloud-installer/${SCHEMATIC}:v1.13.9`;

interface TfStep {
  depends_on?: string[];
  triggers_replace: Record<string, string>;
  provisioner: { 'local-exec': { command: string; working_dir: string; environment: Record<string, string> } }[];
}

const plan = demoPlan;

/** Synthesizes a rollout (plus health and manifest sync) and returns terraform_data by construct path. */
function synth(p: ValidatedPlan, props: Partial<ClusterRolloutProps> = {}): Record<string, TfStep> {
  const stack = new TerraformStack(Testing.app(), 'demo');
  const machines = new TerraformData(stack, 'machines', {});
  const rollout = new ClusterRollout(stack, 'rollout', { plan: p, schematicId: SCHEMATIC, installerImage: INSTALLER, after: [machines], ...props });
  const configs = new TerraformData(stack, 'configs', { dependsOn: [rollout.gate] });
  const health = new ClusterHealthCheck(stack, 'health', { plan: p, after: [configs] });
  new AddonManifestSync(stack, 'manifest-sync', { plan: p, after: [health.step], manifestsHash: 'hash-1' });
  const json = JSON.parse(Testing.synth(stack)) as { resource: { terraform_data: Record<string, TfStep> } };
  const byPath: Record<string, TfStep> = {};
  for (const [address, r] of Object.entries(json.resource.terraform_data)) byPath[address.replace(/_[0-9A-F]{8}$/, '')] = r;
  return byPath;
}

/** The address another step's depends_on uses for the step at `path` (hash suffix stripped). */
function ref(path: string): string {
  return `terraform_data.${path}`;
}

/** depends_on with the hash suffixes stripped. */
function deps(step: TfStep): string[] {
  return (step.depends_on ?? []).map((d) => d.replace(/_[0-9A-F]{8}$/, '')).sort();
}

describe('ClusterRollout', () => {
  test('defines a preflight, one OS step per node keyed by name, and one Kubernetes step', () => {
    // GIVEN / WHEN
    const steps = synth(plan(2));

    // THEN
    expect(
      Object.keys(steps)
        .filter((k) => k.startsWith('rollout_'))
        .sort(),
    ).toEqual([
      'rollout_kubernetes',
      'rollout_os-upgrade-demo-cp-1',
      'rollout_os-upgrade-demo-cp-2',
      'rollout_os-upgrade-demo-cp-3',
      'rollout_os-upgrade-demo-worker-1',
      'rollout_os-upgrade-demo-worker-2',
      'rollout_preflight',
    ]);
    expect(steps['rollout_os-upgrade-demo-cp-2'].provisioner[0]['local-exec'].command).toBe(
      'node scripts/run-ts.mjs rollout/cli.ts os-upgrade --node demo-cp-2',
    );
    expect(steps.rollout_kubernetes.provisioner[0]['local-exec'].command).toBe('node scripts/run-ts.mjs rollout/cli.ts kubernetes');
    expect(steps['health_step'].provisioner[0]['local-exec'].command).toBe('node scripts/run-ts.mjs rollout/cli.ts health');
    expect(steps['manifest-sync_step'].provisioner[0]['local-exec'].command).toBe('node scripts/run-ts.mjs rollout/cli.ts manifests');
  });

  test('defines triggers_replace on exactly what should make each step run', () => {
    // GIVEN / WHEN
    const steps = synth(plan(1));

    // THEN
    expect(steps.rollout_preflight.triggers_replace).toEqual({
      talos_version: 'v1.13.9',
      schematic_id: SCHEMATIC,
      kubernetes_version: '1.36.3',
      nodes: 'demo-cp-1=10.0.0.11/controlplane,demo-cp-2=10.0.0.12/controlplane,demo-cp-3=10.0.0.13/controlplane,demo-worker-1=10.0.0.21/worker',
    });
    expect(steps['rollout_os-upgrade-demo-worker-1'].triggers_replace).toEqual({
      talos_version: 'v1.13.9',
      schematic_id: SCHEMATIC,
      node_ip: '10.0.0.21',
    });
    expect(steps.rollout_kubernetes.triggers_replace).toEqual({ kubernetes_version: '1.36.3' });
    expect(steps['health_step'].triggers_replace).toEqual({ nodes: steps.rollout_preflight.triggers_replace.nodes });
    expect(steps['manifest-sync_step'].triggers_replace).toEqual({ manifests_hash: 'hash-1' });
  });

  test('defines the depends_on chain: control planes one by one, then worker batches in parallel, then Kubernetes', () => {
    // GIVEN 3 workers in batches of 2
    const steps = synth(plan(3, { rollout: { workerBatchSize: 2 } }));

    // WHEN
    const chain = (path: string) => deps(steps[path]);

    // THEN
    expect(chain('rollout_preflight')).toEqual(['terraform_data.machines']);
    expect(chain('rollout_os-upgrade-demo-cp-1')).toEqual([ref('rollout_preflight')]);
    expect(chain('rollout_os-upgrade-demo-cp-2')).toEqual([ref('rollout_os-upgrade-demo-cp-1')]);
    expect(chain('rollout_os-upgrade-demo-cp-3')).toEqual([ref('rollout_os-upgrade-demo-cp-2')]);
    expect(chain('rollout_os-upgrade-demo-worker-1')).toEqual([ref('rollout_os-upgrade-demo-cp-3')]);
    expect(chain('rollout_os-upgrade-demo-worker-2')).toEqual([ref('rollout_os-upgrade-demo-cp-3')]);
    expect(chain('rollout_os-upgrade-demo-worker-3')).toEqual([ref('rollout_os-upgrade-demo-worker-1'), ref('rollout_os-upgrade-demo-worker-2')]);
    expect(chain('rollout_kubernetes')).toEqual([ref('rollout_os-upgrade-demo-worker-3')]);
    expect(chain('configs')).toEqual([ref('rollout_kubernetes')]);
    expect(chain('manifest-sync_step')).toEqual([ref('health_step')]);
  });

  test('defines commands and environments without secrets, run from the project root', () => {
    // GIVEN / WHEN
    const steps = synth(plan(2));

    // THEN
    for (const [path, step] of Object.entries(steps).filter(([k]) => k !== 'machines' && k !== 'configs')) {
      const exec = step.provisioner[0]['local-exec'];
      expect({ path, command: exec.command }).toEqual({
        path,
        command: expect.stringMatching(
          /^node scripts\/run-ts\.mjs rollout\/cli\.ts (preflight|os-upgrade --node [a-z0-9-]+|kubernetes|health|manifests)$/,
        ),
      });
      expect(exec.working_dir).toBe('../../..');
      expect(Object.keys(exec.environment).every((k) => k.startsWith('ROLLOUT_'))).toBe(true);
      expect(Object.keys(exec.environment)).not.toEqual(expect.arrayContaining(['ROLLOUT_TALOSCONFIG']));
      expect(JSON.stringify(exec.environment)).not.toMatch(/BEGIN|PRIVATE|token|key:/i);
    }
    const env = steps['rollout_os-upgrade-demo-cp-1'].provisioner[0]['local-exec'].environment;
    expect(env).toEqual({
      ROLLOUT_CLUSTER: 'demo',
      ROLLOUT_NODES: JSON.stringify([
        { name: 'demo-cp-1', ip: '10.0.0.11', role: 'controlplane' },
        { name: 'demo-cp-2', ip: '10.0.0.12', role: 'controlplane' },
        { name: 'demo-cp-3', ip: '10.0.0.13', role: 'controlplane' },
        { name: 'demo-worker-1', ip: '10.0.0.21', role: 'worker' },
        { name: 'demo-worker-2', ip: '10.0.0.22', role: 'worker' },
      ]),
      ROLLOUT_TALOS_VERSION: 'v1.13.9',
      ROLLOUT_KUBERNETES_VERSION: '1.36.3',
      ROLLOUT_SCHEMATIC_ID: SCHEMATIC,
      ROLLOUT_INSTALLER_IMAGE: INSTALLER,
      ROLLOUT_NODE_TIMEOUT_SECONDS: '900',
      ROLLOUT_POLL_SECONDS: '10',
      ROLLOUT_CNI: 'cilium',
    });
  });

  test('defines the runner folder and timing from props', () => {
    // GIVEN / WHEN
    const steps = synth(plan(1), { projectRoot: '/srv/project', pollIntervalSeconds: 0.5, nodeTimeoutSeconds: 60 });

    // THEN
    const exec = steps.rollout_preflight.provisioner[0]['local-exec'];
    expect(exec.working_dir).toBe('/srv/project');
    expect(exec.environment).toEqual(expect.objectContaining({ ROLLOUT_POLL_SECONDS: '0.5', ROLLOUT_NODE_TIMEOUT_SECONDS: '60' }));
  });

  test('defines a removed node as exactly one removed step', () => {
    // GIVEN / WHEN
    const before = Object.keys(synth(plan(2)));
    const after = Object.keys(synth(plan(1)));

    // THEN
    expect(before.filter((k) => !after.includes(k))).toEqual(['rollout_os-upgrade-demo-worker-2']);
    expect(after.filter((k) => !before.includes(k))).toEqual([]);
  });

  test('fails when the schematic ID is not 64 hex characters', () => {
    // GIVEN / WHEN / THEN
    expect(() => synth(plan(1), { schematicId: 'not-a-schematic' })).toThrow(/ClusterRollout: schematicId = "not-a-schematic"/);
  });

  test('fails when a timing prop is not a positive number or the project root has spaces', () => {
    // GIVEN / WHEN / THEN
    expect(() => synth(plan(1), { pollIntervalSeconds: 0 })).toThrow(/pollIntervalSeconds = 0/);
    expect(() => synth(plan(1), { nodeTimeoutSeconds: -1 })).toThrow(/nodeTimeoutSeconds = -1/);
    expect(() => synth(plan(1), { projectRoot: '/my project' })).toThrow(/projectRoot = "\/my project"/);
  });

  test('fails when the manifests hash is empty', () => {
    // GIVEN
    const p = plan(1);
    const stack = new TerraformStack(Testing.app(), 'demo');

    // WHEN / THEN
    expect(() => new AddonManifestSync(stack, 'manifest-sync', { plan: p, after: [], manifestsHash: ' ' })).toThrow(
      /AddonManifestSync: manifestsHash is empty/,
    );
  });
});
