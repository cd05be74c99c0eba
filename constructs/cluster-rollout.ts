/**
 * The ordered, health-gated rolling upgrade: bump `TALOS_VERSION`, the schematic or `KUBERNETES_VERSION` and
 * `cdktf deploy` runs, in this order (lib/rollout/plan.ts for the waves):
 *
 *   after (VMs, talosconfig) → preflight → os-upgrade-<cp-1> → … → os-upgrade-<cp-n>
 *     → os-upgrade-<workers of batch 1> (in parallel) → … → kubernetes = gate
 *
 * Every machine-config apply runs after the gate (TalosCluster `applyAfter`). So `upgrade-k8s` has already moved
 * the Kubernetes images one control plane at a time when configs carrying the new version are applied: those
 * applies change nothing on the nodes, never revert the upgrade, and never push new images to all nodes at once.
 *
 * Each step is a `terraform_data` with `triggers_replace` on what should make it run (see the props), so an
 * unchanged deploy runs nothing and a failed step (tainted) re-runs on the next deploy while finished nodes are
 * not touched again. Construct IDs are keyed by node name: removing a node removes exactly its step.
 */
import { ValidatedPlan } from '../lib/check-cluster';
import { Construct } from 'constructs';
import { ROLLOUT_ENV } from '../lib/rollout/env';
import { planRolloutWaves, RolloutWave } from '../lib/rollout/plan';
import { ITerraformDependable, TerraformData, Token } from './cdk';
import { addRolloutStep, checkNonEmpty, checkRunnerProps, nodeListTrigger, rolloutEnvironment, RolloutRunnerProps } from './rollout-step';

/** Props of ClusterRollout. */
export interface ClusterRolloutProps extends RolloutRunnerProps {
  /** The cluster. */
  readonly plan: ValidatedPlan;
  /** Image Factory schematic ID the nodes run (64 hex characters, or a token). */
  readonly schematicId: string;
  /** Installer image `talosctl upgrade` installs (`factory.talos.dev/<platform>-installer/<id>:<version>`). */
  readonly installerImage: string;
  /** What the preflight runs after: the node VMs and the talosconfig file. */
  readonly after: readonly ITerraformDependable[];
}

/** Preflight, one OS-upgrade step per node in rollout order, and the Kubernetes upgrade; `gate` is the last. */
export class ClusterRollout extends Construct {
  /** Reads every node, refuses illegal hops and unhealthy clusters; re-runs when a target or the node list changes. */
  readonly preflight: TerraformData;
  /** OS-upgrade step of each node, by node name; re-runs when the Talos version, schematic or node IP changes. */
  readonly osUpgrades: ReadonlyMap<string, TerraformData>;
  /** `upgrade-k8s` step; re-runs when the Kubernetes version changes. */
  readonly kubernetes: TerraformData;
  /** What machine-config applies must wait for (the Kubernetes step, after every OS step). */
  readonly gate: ITerraformDependable;
  /** The waves the OS steps follow. */
  readonly waves: readonly RolloutWave[];

  constructor(scope: Construct, id: string, props: ClusterRolloutProps) {
    super(scope, id);
    const { plan } = props;
    checkRunnerProps('ClusterRollout', props);
    checkNonEmpty('ClusterRollout', 'installerImage', props.installerImage);
    if (!Token.isUnresolved(props.schematicId) && !/^[0-9a-f]{64}$/.test(props.schematicId)) {
      throw new Error(
        `ClusterRollout: schematicId = ${JSON.stringify(props.schematicId)} is not a 64-character hex schematic ID. Fix: pass TalosImage.schematicId`,
      );
    }

    const environment = {
      ...rolloutEnvironment(plan, props),
      [ROLLOUT_ENV.schematicId]: props.schematicId,
      [ROLLOUT_ENV.installerImage]: props.installerImage,
    };
    this.preflight = addRolloutStep(this, 'preflight', props, {
      phase: 'preflight',
      triggers: {
        talos_version: plan.talosVersion,
        schematic_id: props.schematicId,
        kubernetes_version: plan.kubernetesVersion,
        nodes: nodeListTrigger(plan),
      },
      dependsOn: props.after,
      environment,
    });

    this.waves = planRolloutWaves(plan);
    const osUpgrades = new Map<string, TerraformData>();
    let previous: ITerraformDependable[] = [this.preflight];
    for (const wave of this.waves) {
      const steps = wave.nodes.map((node) => {
        const step = addRolloutStep(this, `os-upgrade-${node.name}`, props, {
          phase: 'os-upgrade',
          node: node.name,
          triggers: { talos_version: plan.talosVersion, schematic_id: props.schematicId, node_ip: node.ip },
          dependsOn: previous,
          environment,
        });
        osUpgrades.set(node.name, step);
        return step;
      });
      previous = steps;
    }
    this.osUpgrades = osUpgrades;

    this.kubernetes = addRolloutStep(this, 'kubernetes', props, {
      phase: 'kubernetes',
      triggers: { kubernetes_version: plan.kubernetesVersion },
      dependsOn: previous,
      environment: rolloutEnvironment(plan, props),
    });
    this.gate = this.kubernetes;
  }
}
