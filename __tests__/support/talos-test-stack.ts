/** A throwaway stack with the providers the Talos constructs need, and helpers to read its synthesized JSON. */
import { TalosProvider } from '../../.gen/providers/talos/provider';
import { LocalProvider, TerraformData, TerraformStack, Testing } from '../../constructs/cdk';
import { ClusterDefinition } from '../../lib/cluster-definition';
import { ValidatedPlan } from '../../lib/check-cluster';
import { ClusterPlan } from '../../lib/cluster-plan';
import { validPlan } from './valid-plan';

/** Synthesized Terraform JSON, loosely typed for assertions. */

export type TfJson = any;

/** A stack named after the cluster with the talos and local providers configured. */
export function talosTestStack(plan: ClusterPlan): TerraformStack {
  const stack = new TerraformStack(Testing.app(), plan.name);
  new TalosProvider(stack, 'talos-provider', {});
  new LocalProvider(stack, 'local', {});
  return stack;
}

/** Stand-in VMs (terraform_data), one per node, keyed by node name. */
export function dummyVms(stack: TerraformStack, plan: ClusterPlan): Map<string, TerraformData> {
  return new Map(plan.nodes.map((n) => [n.name, new TerraformData(stack, `vm-${n.name}`, { input: { vmId: n.vmId } })]));
}

/** The plan of `def` with `overrides` applied to the definition first. */
export function planOf(def: ClusterDefinition, overrides: Partial<ClusterDefinition> = {}): ValidatedPlan {
  return validPlan({ ...def, ...overrides });
}

/** The synthesized JSON of `stack`. */
export function synthJson(stack: TerraformStack): TfJson {
  return JSON.parse(Testing.synth(stack));
}

/** The one block of `type` under `resource` or `data` whose construct path ends with `/<id>`. */
export function blockById(json: TfJson, section: 'resource' | 'data', type: string, id: string): TfJson {
  const blocks = Object.entries(json[section]?.[type] ?? {}).filter(([name]) => name === id || name.includes(`_${id}_`) || name.endsWith(`_${id}`));
  if (blocks.length !== 1) throw new Error(`expected one ${section}.${type} with id ${id}, found ${blocks.map(([n]) => n).join(', ') || 'none'}`);
  return blocks[0][1];
}

/** The logical name of that block (for `depends_on` references). */
export function nameById(json: TfJson, section: 'resource' | 'data', type: string, id: string): string {
  const names = Object.keys(json[section]?.[type] ?? {}).filter((name) => name === id || name.includes(`_${id}_`) || name.endsWith(`_${id}`));
  if (names.length !== 1) throw new Error(`expected one ${section}.${type} with id ${id}, found ${names.join(', ') || 'none'}`);
  return names[0];
}
