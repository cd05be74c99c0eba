/** The validated plan of a definition for construct tests; throws (listing every problem) when it has errors. */
import { ValidatedPlan, validateDefinition } from '../../lib/check-cluster';
import { ClusterDefinition } from '../../lib/cluster-definition';

/** `validateDefinition(def).plan`: what the app hands a stack. */
export function validPlan(def: ClusterDefinition): ValidatedPlan {
  return validateDefinition(def).plan;
}
