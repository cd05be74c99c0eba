/**
 * Validates a cluster definition against its plan and returns every problem at once, errors and warnings, each
 * naming the field path, the bad value, what is wrong and what would be valid. Pure: no CDKTF, no I/O.
 * The rules live in lib/validation/, one module per concern.
 */
import { ClusterDefinition } from '../cluster-definition';
import { ClusterPlan } from '../cluster-plan';
import { Problem } from '../problems';
import { addonProblems } from './addons';
import { addonVersionProblems } from './addon-versions';
import { clusterCidrProblems } from './cluster-cidrs';
import { validationContext } from './context';
import { endpointProblems } from './endpoint';
import { extensionProblems } from './extensions';
import { hostProblems } from './hosts';
import { loadBalancerRangeProblems } from './load-balancer-range';
import { nameProblems } from './names';
import { networkProblems } from './network';
import { nodeAddressProblems } from './node-addresses';
import { poolProblems } from './pools';
import { sizingProblems } from './sizing';
import { stateAndRolloutProblems } from './state-and-rollout';
import { versionProblems } from './versions';
import { vmIdentityProblems } from './vm-identity';

/** Every problem of a definition (`plan` is `planCluster(def)`), errors and warnings, roughly in field order. */
export function validateCluster(def: ClusterDefinition, plan: ClusterPlan): Problem[] {
  const ctx = validationContext(def, plan);
  return [
    ...nameProblems(ctx),
    ...endpointProblems(ctx),
    ...networkProblems(ctx),
    ...clusterCidrProblems(ctx),
    ...hostProblems(ctx),
    ...poolProblems(ctx),
    ...nodeAddressProblems(ctx),
    ...vmIdentityProblems(ctx),
    ...sizingProblems(ctx),
    ...versionProblems(ctx),
    ...extensionProblems(ctx),
    ...addonProblems(ctx),
    ...addonVersionProblems(ctx),
    ...loadBalancerRangeProblems(ctx),
    ...stateAndRolloutProblems(ctx),
  ];
}
