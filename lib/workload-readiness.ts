/**
 * Whether a Deployment or DaemonSet, as `kubectl get … -o json` prints it, has all its pods ready and updated.
 * The rollout's health gate reads CoreDNS and the CNI agents this way because `talosctl health` stops checking
 * them: from Talos 1.13.0 it skips "all k8s nodes to report ready" and "coredns to report ready" when the CNI is
 * `none` (siderolabs/talos v1.13.9 pkg/cluster/check/default.go `DefaultClusterChecks`, `cniDisabledStatus`),
 * which it always is when Cilium comes as an inline manifest. Pure.
 */

type Obj = Record<string, unknown>;

function num(o: unknown, key: string): number {
  const v = (o as Obj | undefined)?.[key];
  return typeof v === 'number' ? v : 0;
}

function generationProblem(o: Obj): string | undefined {
  const generation = num(o.metadata, 'generation');
  const observed = num(o.status, 'observedGeneration');
  return observed < generation ? `its controller has not seen generation ${generation} yet (observed ${observed})` : undefined;
}

/** Undefined when every replica of the Deployment is updated and ready, else why not (status fields are omitted when 0). */
export function deploymentProblem(o: Obj): string | undefined {
  const spec = o.spec as Obj | undefined;
  const wanted = typeof spec?.replicas === 'number' ? spec.replicas : 1;
  const ready = num(o.status, 'readyReplicas');
  const updated = num(o.status, 'updatedReplicas');
  if (wanted === 0) return 'is scaled to 0 replicas';
  return generationProblem(o) ?? (ready < wanted || updated < wanted ? `${ready}/${wanted} replicas ready (${updated} updated)` : undefined);
}

/** Undefined when the DaemonSet runs an updated, ready pod on every node it targets, else why not. */
export function daemonSetProblem(o: Obj): string | undefined {
  const desired = num(o.status, 'desiredNumberScheduled');
  const ready = num(o.status, 'numberReady');
  const updated = num(o.status, 'updatedNumberScheduled');
  if (desired === 0) return 'is scheduled on no node';
  return generationProblem(o) ?? (ready < desired || updated < desired ? `${ready}/${desired} pods ready (${updated} updated)` : undefined);
}
