/**
 * Deletes the Kubernetes `Node` object of a node removed from the definition. A Talos reset (the config apply's
 * on-destroy) drains the node and leaves etcd but leaves its `Node` behind, and `talosctl health` with the new
 * node lists then fails on it ("unexpected nodes").
 *
 * One `terraform_data` with `for_each` keyed by node name (`terraform_data.<node-cleanup step>["<node>"]`) whose
 * only provisioner runs at destroy time: `node scripts/run-ts.mjs rollout/cli.ts remove-node --node <name>`
 * (kubectl, rollout/phases/remove-node.ts). Creating an instance does nothing. It is one resource with `for_each`,
 * not one resource per node, because Terraform runs destroy-time provisioners only while their resource block is in
 * the configuration: a per-node block disappears with its node, and its provisioner with it. A key removed from
 * `for_each` is destroyed with the block's provisioner, which sees only `self`.
 *
 * Order on a removal (TalosCluster's applies depend on this step, this step on the preflight): the node's config
 * apply is destroyed first (Talos reset), then its cleanup instance (the Node is deleted), then the preflight is
 * replaced and re-runs, then the health check: both see the new node list and no leftover Node.
 */
import { ValidatedPlan } from '../lib/check-cluster';
import { Construct } from 'constructs';
import { PROJECT_ROOT_FROM_STACK } from '../lib/paths';
import { ROLLOUT_ENV } from '../lib/rollout/env';
import { ITerraformDependable, TerraformData, TerraformIterator } from './cdk';
import { checkRunnerProps, RolloutRunnerProps, RUNNER_COMMAND } from './rollout-step';

/** Props of NodeCleanup. */
export interface NodeCleanupProps extends RolloutRunnerProps {
  /** The cluster. */
  readonly plan: ValidatedPlan;
  /**
   * What the step depends on: the rollout preflight, so that a removed node's cleanup runs before the preflight
   * is replaced. Every config apply must in turn depend on `step` (TalosCluster `applyAfter`).
   */
  readonly after: readonly ITerraformDependable[];
}

/** The per-node Node-object cleanup of a cluster (`step`, one `for_each` instance per node). */
export class NodeCleanup extends Construct {
  /** The `for_each` resource; its instances are keyed by node name. */
  readonly step: TerraformData;

  constructor(scope: Construct, id: string, props: NodeCleanupProps) {
    super(scope, id);
    const { plan } = props;
    checkRunnerProps('NodeCleanup', props);
    const nodes = TerraformIterator.fromMap(Object.fromEntries(plan.nodes.map((n) => [n.name, { node: n.name, cluster: plan.name }])));
    this.step = new TerraformData(this, 'step', {
      forEach: nodes,
      // `input` is what the destroy-time provisioner reads (`self.input`), from the state as of the last apply
      // that had the node. Only values that never change for a node go here, and nothing goes in
      // `triggers_replace`: replacing an instance would run its destroy provisioner and delete a live Node.
      // The command, its folder and the kubeconfig location come from the current configuration and runner.
      input: nodes.value,
      dependsOn: [...props.after],
      provisioners: [
        {
          type: 'local-exec',
          when: 'destroy',
          command: `${RUNNER_COMMAND} remove-node --node \${self.input.node}`,
          workingDir: props.projectRoot ?? PROJECT_ROOT_FROM_STACK,
          environment: { [ROLLOUT_ENV.cluster]: '${self.input.cluster}' },
        },
      ],
    });
  }
}
