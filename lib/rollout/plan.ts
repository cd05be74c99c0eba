/**
 * The order a rolling upgrade touches nodes: control planes one at a time in definition order, then workers in
 * batches of `workerBatchSize`. Pure; the rollout constructs chain one Terraform step per node in this order,
 * and the review report prints it.
 */
import { ClusterPlan, PlannedNode } from '../cluster-plan';

/** One rollout wave: nodes upgraded together (always one control plane, or up to a batch of workers). */
export interface RolloutWave {
  /** 0-based position in the rollout. */
  readonly position: number;
  readonly role: 'controlplane' | 'worker';
  readonly nodes: readonly PlannedNode[];
}

/** The waves of an OS rollout for the plan. */
export function planRolloutWaves(plan: Pick<ClusterPlan, 'controlPlanes' | 'workers' | 'workerBatchSize'>): RolloutWave[] {
  const waves: RolloutWave[] = plan.controlPlanes.map((n, i) => ({ position: i, role: 'controlplane', nodes: [n] }));
  const size = Math.max(1, Math.floor(plan.workerBatchSize));
  for (let i = 0; i < plan.workers.length; i += size) {
    waves.push({ position: waves.length, role: 'worker', nodes: plan.workers.slice(i, i + size) });
  }
  return waves;
}
