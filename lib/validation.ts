/** Placeholder: replaced by the validation module (issue 2). */
import { ClusterDefinition } from './cluster-definition';
import { ClusterPlan } from './cluster-plan';
import { Problem } from './problems';

/** Every problem of a definition, errors and warnings, in field order. */
export function validateCluster(_def: ClusterDefinition, _plan: ClusterPlan): Problem[] {
  return [];
}
