/**
 * The one way a construct reports a problem with its own props (what no definition check can see, such as a
 * token-free installer image or a VM map that misses a node): the problem format of the definition checks, prefixed
 * with the construct's path, thrown as a `ClusterDefinitionError` so synth prints it as a problem line and exits 1.
 * Invariants of the plan itself are the definition check's (a `ValidatedPlan` carries them) and are not re-checked.
 */
import { IConstruct } from 'constructs';
import { ClusterDefinitionError, errorAt } from '../lib/problems';

/** Throws the construct-local problem `field = value: message. Fix: fix` under `scope`'s construct path. */
export function constructProblem(scope: IConstruct, field: string, value: unknown, message: string, fix: string): never {
  throw new ClusterDefinitionError(scope.node.path, [errorAt(field, value, message, fix)]);
}
