/**
 * All synth-time checks of a definition in one call: the definition rules and the schematic value rules. Pure;
 * the app runs it for every cluster before building any stack, so every problem of every cluster is reported at
 * once and nothing is synthesized while any is an error.
 */
import { ClusterDefinition } from './cluster-definition';
import { ClusterPlan, planCluster } from './cluster-plan';
import { Problem } from './problems';
import { schematicValueProblems } from './schematic';
import { validateCluster } from './validation';

/** The plan and every problem (errors and warnings) of a definition. */
export function checkCluster(def: ClusterDefinition): { plan: ClusterPlan; problems: Problem[] } {
  const plan = planCluster(def);
  const schematic = schematicValueProblems({ extensions: plan.extensions, extraKernelArgs: plan.extraKernelArgs });
  return {
    plan,
    problems: [...validateCluster(def, plan), ...schematic.map((p): Problem => ({ severity: 'error', ...p }))],
  };
}
