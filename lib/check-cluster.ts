/**
 * All synth-time checks of a definition in one call: the definition rules, the schematic value rules and
 * the add-on values rules (Cilium on Talos). No CDKTF; its only I/O is reading the add-on values files. The app
 * runs it for every cluster before building any stack, so every problem of every cluster is reported at once and
 * nothing is synthesized while any is an error.
 */
import { addonValueProblems } from './addon-checks';
import { ClusterDefinition } from './cluster-definition';
import { ClusterPlan, planCluster } from './cluster-plan';
import { Problem } from './problems';
import { schematicValueProblems } from './schematic';
import { validateCluster } from './validation';

/** The plan and every problem (errors and warnings) of a definition; `valuesDir` defaults to helm-values/. */
export function checkCluster(def: ClusterDefinition, valuesDir?: string): { plan: ClusterPlan; problems: Problem[] } {
  const plan = planCluster(def);
  const schematic = schematicValueProblems({ extensions: plan.extensions, extraKernelArgs: plan.extraKernelArgs });
  const definitionProblems = validateCluster(def, plan);
  // Values are checked against a plan whose own settings are valid; otherwise the same mistake is reported twice.
  const values = definitionProblems.some((p) => p.severity === 'error' && p.path.startsWith('addons')) ? [] : addonValueProblems(plan, valuesDir);
  return {
    plan,
    problems: [...definitionProblems, ...schematic.map((p): Problem => ({ severity: 'error', ...p })), ...values],
  };
}
