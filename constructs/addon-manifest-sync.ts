/**
 * Add-on upgrades on a running cluster: Talos only creates missing inline-manifest objects, so a changed chart
 * reaches the cluster through a `manifests` rollout step (`talosctl upgrade-k8s` at the running version, dry run
 * printed first, refused when the control planes carry different manifests).
 */
import { ValidatedPlan } from '../lib/check-cluster';
import { Construct } from 'constructs';
import { ITerraformDependable, TerraformData } from './cdk';
import { addRolloutStep, checkNonEmpty, checkRolloutPlan, checkRunnerProps, rolloutEnvironment, RolloutRunnerProps } from './rollout-step';

/** Props of AddonManifestSync. */
export interface AddonManifestSyncProps extends RolloutRunnerProps {
  /** The cluster. */
  readonly plan: ValidatedPlan;
  /** What the sync runs after: the cluster health check (itself after every config apply). */
  readonly after: readonly ITerraformDependable[];
  /** Hash of the inline manifests the control planes carry (usually a token); a change re-runs the sync. */
  readonly manifestsHash: string;
}

/** One `manifests` step; re-runs when `manifestsHash` changes. */
export class AddonManifestSync extends Construct {
  /** The step. */
  readonly step: TerraformData;

  constructor(scope: Construct, id: string, props: AddonManifestSyncProps) {
    super(scope, id);
    checkRolloutPlan('AddonManifestSync', props.plan);
    checkRunnerProps('AddonManifestSync', props);
    checkNonEmpty('AddonManifestSync', 'manifestsHash', props.manifestsHash);
    this.step = addRolloutStep(this, 'step', props, {
      phase: 'manifests',
      triggers: { manifests_hash: props.manifestsHash },
      dependsOn: props.after,
      environment: rolloutEnvironment(props.plan, props),
    });
  }
}
