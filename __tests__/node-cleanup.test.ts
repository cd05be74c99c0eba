/**
 * The synthesized node cleanup: one destroy-time step per node (a `for_each` instance keyed by node name) that
 * does nothing on creation, and its place in the cluster stack: after the preflight, before every config apply.
 */
import { ValidatedPlan } from '../lib/check-cluster';
import { validPlan } from './support/valid-plan';
import { validateDefinition } from '../lib/check-cluster';
import { homelab } from '../clusters/homelab';
import { NodeCleanup, NodeCleanupProps } from '../constructs/node-cleanup';
import { TerraformData, TerraformStack, Testing } from '../constructs/cdk';
import { TalosClusterStack } from '../stacks/talos-cluster-stack';
import { TfJson } from './support/talos-test-stack';
import { demoPlan } from './support/demo-plan';

const plan = demoPlan;

/** The cleanup block of a stack with a stand-in preflight, and that preflight's address. */
function synthCleanup(p: ValidatedPlan, props: Partial<NodeCleanupProps> = {}): { step: TfJson; preflight: string } {
  const stack = new TerraformStack(Testing.app(), 'demo');
  const preflight = new TerraformData(stack, 'preflight', {});
  new NodeCleanup(stack, 'node-cleanup', { plan: p, after: [preflight], ...props });
  const json = JSON.parse(Testing.synth(stack)) as TfJson;
  const names = Object.keys(json.resource.terraform_data).filter((n) => n.startsWith('node-cleanup_step_'));
  expect(names).toHaveLength(1);
  return { step: json.resource.terraform_data[names[0]], preflight: 'terraform_data.preflight' };
}

/** The one block of `type` named `<prefix>_<8 hex>` and its address. */
function find(json: TfJson, type: string, prefix: string): { address: string; block: TfJson } {
  const names = Object.keys(json.resource[type] ?? {}).filter((n) => new RegExp(`^${prefix}_[0-9A-F]{8}$`).test(n));
  if (names.length !== 1) throw new Error(`expected one ${type}.${prefix}_<hash>, found ${names.join(', ') || 'none'}`);
  return { address: `${type}.${names[0]}`, block: json.resource[type][names[0]] };
}

describe('NodeCleanup', () => {
  test('defines one instance per node, keyed by node name, holding only the node and cluster names', () => {
    // GIVEN / WHEN
    const { step } = synthCleanup(plan(2));

    // THEN
    expect(step.for_each).toEqual({
      'demo-cp-1': { node: 'demo-cp-1', cluster: 'demo' },
      'demo-cp-2': { node: 'demo-cp-2', cluster: 'demo' },
      'demo-cp-3': { node: 'demo-cp-3', cluster: 'demo' },
      'demo-worker-1': { node: 'demo-worker-1', cluster: 'demo' },
      'demo-worker-2': { node: 'demo-worker-2', cluster: 'demo' },
    });
    expect(step.input).toBe('${each.value}');
    expect(step.triggers_replace).toBeUndefined();
  });

  test('defines a destroy-time provisioner only, reading the node from self, run from the project root', () => {
    // GIVEN / WHEN
    const { step, preflight } = synthCleanup(plan(1));

    // THEN nothing runs when an instance is created; on destroy, the runner deletes the node's Node object
    expect(step.provisioner).toEqual([
      {
        'local-exec': {
          when: 'destroy',
          command: 'node scripts/run-ts.mjs rollout/cli.ts remove-node --node ${self.input.node}',
          working_dir: '../../..',
          environment: { ROLLOUT_CLUSTER: '${self.input.cluster}' },
        },
      },
    ]);
    expect(step.depends_on).toEqual([preflight]);
  });

  test('defines the runner folder from projectRoot', () => {
    // GIVEN / WHEN
    const { step } = synthCleanup(plan(1), { projectRoot: '/srv/project' });

    // THEN
    expect(step.provisioner[0]['local-exec'].working_dir).toBe('/srv/project');
  });

  test('defines a removed node as exactly one removed key', () => {
    // GIVEN / WHEN
    const before = Object.keys(synthCleanup(plan(2)).step.for_each);
    const after = Object.keys(synthCleanup(plan(1)).step.for_each);

    // THEN
    expect(before.filter((k) => !after.includes(k))).toEqual(['demo-worker-2']);
    expect(after.filter((k) => !before.includes(k))).toEqual([]);
  });

  test('defines the cluster stack order: preflight, then the cleanup, then every config apply', () => {
    // GIVEN / WHEN the example stack
    const json = JSON.parse(Testing.synth(new TalosClusterStack(Testing.app(), homelab.name, validateDefinition(homelab)))) as TfJson;

    // THEN
    const cleanup = find(json, 'terraform_data', 'node-cleanup_step');
    expect(cleanup.block.depends_on).toEqual([find(json, 'terraform_data', 'rollout_preflight').address]);
    expect(Object.keys(cleanup.block.for_each)).toEqual(validPlan(homelab).nodes.map((n) => n.name));
    for (const n of validPlan(homelab).nodes) {
      const apply = find(json, 'talos_machine_configuration_apply', `talos_apply-${n.name}`).block;
      expect({ node: n.name, after: apply.depends_on }).toEqual({ node: n.name, after: expect.arrayContaining([cleanup.address]) });
    }
  });

  test('fails when a node name cannot go on a command line or the project root has spaces', () => {
    // GIVEN
    const badName = plan(0, { workers: { nodes: [{ name: 'Worker_1; rm -rf', ip: '10.0.0.21' }] } });

    // WHEN / THEN
    expect(() => synthCleanup(badName)).toThrow(/NodeCleanup: node name "Worker_1; rm -rf" .* is not a DNS-1123 label/);
    expect(() => synthCleanup(plan(1), { projectRoot: '/my project' })).toThrow(/NodeCleanup: projectRoot = "\/my project"/);
  });
});
