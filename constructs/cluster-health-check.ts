/**
 * Cluster health after bootstrap and whenever nodes come or go: a rollout step running `talosctl health` with
 * explicit node lists. It replaces the `talos_cluster_health` data source, which is read at plan time and hangs
 * plans while added nodes are not configured yet (siderolabs/terraform-provider-talos#221).
 */
import { ValidatedPlan } from '../lib/check-cluster';
import { Construct } from 'constructs';
import { ITerraformDependable, TerraformData } from './cdk';
import { addRolloutStep, checkRolloutPlan, checkRunnerProps, nodeListTrigger, rolloutEnvironment, RolloutRunnerProps } from './rollout-step';

/** Props of ClusterHealthCheck. */
export interface ClusterHealthCheckProps extends RolloutRunnerProps {
  /** The cluster. */
  readonly plan: ValidatedPlan;
  /** What the check runs after: the bootstrap and every machine-config apply. */
  readonly after: readonly ITerraformDependable[];
}

/** One `health` step; re-runs when the node list (names, addresses, roles) changes. */
export class ClusterHealthCheck extends Construct {
  /** The step, for what must wait for a healthy cluster. */
  readonly step: TerraformData;

  constructor(scope: Construct, id: string, props: ClusterHealthCheckProps) {
    super(scope, id);
    checkRolloutPlan('ClusterHealthCheck', props.plan);
    checkRunnerProps('ClusterHealthCheck', props);
    this.step = addRolloutStep(this, 'step', props, {
      phase: 'health',
      triggers: { nodes: nodeListTrigger(props.plan) },
      dependsOn: props.after,
      environment: rolloutEnvironment(props.plan, props),
    });
  }
}
