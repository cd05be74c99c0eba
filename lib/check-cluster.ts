/**
 * All synth-time checks of a definition in one call: its shape (lib/validation/structure.ts), the definition
 * rules, the schematic value rules and the add-on values rules (Cilium on Talos). No CDKTF; its only I/O is reading
 * the add-on values files. The app runs it for every cluster before building any stack, so every problem of every
 * cluster is reported at once and nothing is synthesized while any is an error.
 */
import { addonValueProblems } from './addon-checks';
import { ClusterDefinition } from './cluster-definition';
import { ClusterPlan, planCluster } from './cluster-plan';
import { ClusterDefinitionError, hasErrors, Problem } from './problems';
import { schematicValueProblems } from './schematic';
import { validateCluster } from './validation';
import { structureProblems } from './validation/structure';

declare const VALIDATED: unique symbol;

/**
 * A plan whose definition passed every synth-time check (shape, rules, schematic and add-on values: no error).
 * Only this module makes one, so a construct that takes a `ValidatedPlan` never re-checks what the definition
 * check guarantees (a control plane exists, the contract is supported, names are DNS labels, addresses parse, every
 * node's host is declared); it checks only what is its own.
 */
export type ValidatedPlan = ClusterPlan & { readonly [VALIDATED]: true };

/** A checked definition: its name for messages, its plan when its shape allowed one, every problem. */
export interface CheckedDefinition {
  /** `name` of the definition, or `clusters[<index>]` when it has none. */
  readonly cluster: string;
  /** The resolved plan; undefined when a value has the wrong type (the rules then did not run). */
  readonly plan?: ClusterPlan;
  /** Every problem, errors and warnings. */
  readonly problems: Problem[];
  /** The plan, branded, when no problem is an error. */
  readonly validated?: ValidatedPlan;
}

/**
 * Checks anything that claims to be a definition (`main.ts` runs without a type-check): first its shape, then, when
 * every value has the right type, the rules. `index` names a definition without a name.
 */
export function checkDefinition(def: unknown, valuesDir?: string, index = 0): CheckedDefinition {
  const named = (def as { name?: unknown } | null)?.name;
  const cluster = typeof named === 'string' && named !== '' ? named : `clusters[${index}]`;
  const structure = structureProblems(def);
  if (!structure.typesValid) return { cluster, problems: [...structure.problems] };
  const typed = def as ClusterDefinition;
  const plan = planCluster(typed);
  const schematic = schematicValueProblems({ extensions: plan.extensions, extraKernelArgs: plan.extraKernelArgs });
  const definitionProblems = [...structure.problems, ...validateCluster(typed, plan)];
  // Values are checked against a plan whose own settings are valid; otherwise the same mistake is reported twice.
  const values = definitionProblems.some((p) => p.severity === 'error' && p.path.startsWith('addons')) ? [] : addonValueProblems(plan, valuesDir);
  const problems = [...definitionProblems, ...schematic.map((p): Problem => ({ severity: 'error', ...p })), ...values];
  return { cluster, plan, problems, validated: hasErrors(problems) ? undefined : (plan as ValidatedPlan) };
}

/**
 * The plan and every problem (errors and warnings) of a typed definition; `valuesDir` defaults to helm-values/.
 * Throws `ClusterDefinitionError` when a value has the wrong type, so no plan can be made.
 */
export function checkCluster(def: ClusterDefinition, valuesDir?: string): { plan: ClusterPlan; problems: Problem[]; validated?: ValidatedPlan } {
  const checked = checkDefinition(def, valuesDir);
  if (!checked.plan) throw new ClusterDefinitionError(checked.cluster, checked.problems);
  return { plan: checked.plan, problems: checked.problems, validated: checked.validated };
}

/** The validated plan of a definition and its warnings; throws `ClusterDefinitionError` listing every problem on any error. */
export function validateDefinition(def: ClusterDefinition, valuesDir?: string): { plan: ValidatedPlan; warnings: Problem[] } {
  const checked = checkDefinition(def, valuesDir);
  if (!checked.validated) throw new ClusterDefinitionError(checked.cluster, checked.problems);
  return { plan: checked.validated, warnings: checked.problems };
}
