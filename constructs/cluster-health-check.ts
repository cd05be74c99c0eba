/**
 * Cluster health after bootstrap and whenever nodes come or go: a rollout step running `talosctl health` with
 * explicit node lists. It replaces the `talos_cluster_health` data source, which is read at plan time and hangs
 * plans while added nodes are not configured yet (siderolabs/terraform-provider-talos#221).
 */
import { ValidatedPlan } from '../lib/check-cluster';
import { Construct } from 'constructs';
import { ITerraformDependable, TerraformData, TerraformResource } from './cdk';
import { addRolloutStep, checkRunnerProps, nodeListTrigger, rolloutEnvironment, RolloutRunnerProps } from './rollout-step';

/** Props of ClusterHealthCheck. */
export interface ClusterHealthCheckProps extends RolloutRunnerProps {
  /** The cluster. */
  readonly plan: ValidatedPlan;
  /** What the check runs after: the bootstrap and every machine-config apply. */
  readonly after: readonly ITerraformDependable[];
  /**
   * Resources replaced when a node gets a new machine (the VMs' instance markers, `NodeVms.instances`): a rebuilt
   * or re-created node is health-checked after its config apply although the node list did not change.
   * @default - the check re-runs only when the node list changes
   */
  readonly rebuilds?: readonly TerraformResource[];
}

/** One `health` step; re-runs when the node list (names, addresses, roles) changes or a node's machine is new. */
export class ClusterHealthCheck extends Construct {
  /** The step, for what must wait for a healthy cluster. */
  readonly step: TerraformData;

  constructor(scope: Construct, id: string, props: ClusterHealthCheckProps) {
    super(scope, id);
    checkRunnerProps('ClusterHealthCheck', props);
    this.step = addRolloutStep(this, 'step', props, {
      phase: 'health',
      triggers: { nodes: nodeListTrigger(props.plan) },
      dependsOn: props.after,
      environment: rolloutEnvironment(props.plan, props),
      rerunWhenReplaced: props.rebuilds,
    });
  }
}
