/**
 * Validates a cluster definition against its plan and returns every problem at once, errors and warnings, each
 * naming the field path, the bad value, what is wrong and what would be valid. Pure: no CDKTF, no I/O.
 * The rules live in lib/validation/, one module per concern.
 */
import { ClusterDefinition } from './cluster-definition';
import { ClusterPlan } from './cluster-plan';
import { Problem } from './problems';
import { addonProblems } from './validation/addons';
import { addonVersionProblems } from './validation/addon-versions';
import { clusterCidrProblems } from './validation/cluster-cidrs';
import { validationContext } from './validation/context';
import { endpointProblems } from './validation/endpoint';
import { extensionProblems } from './validation/extensions';
import { hostProblems } from './validation/hosts';
import { loadBalancerRangeProblems } from './validation/load-balancer-range';
import { nameProblems } from './validation/names';
import { networkProblems } from './validation/network';
import { nodeAddressProblems } from './validation/node-addresses';
import { poolProblems } from './validation/pools';
import { sizingProblems } from './validation/sizing';
import { stateAndRolloutProblems } from './validation/state-and-rollout';
import { versionProblems } from './validation/versions';
import { vmIdentityProblems } from './validation/vm-identity';

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
