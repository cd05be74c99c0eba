/**
 * One rollout step: a `terraform_data` whose `local-exec` provisioner runs the rollout runner
 * (`node scripts/run-ts.mjs rollout/cli.ts <phase>`) from the project root. `triggers_replace` holds exactly what
 * should make the step run again; non-secret parameters go in the provisioner environment (rollout/config.ts).
 */
import { Construct } from 'constructs';
import { ClusterPlan } from '../lib/cluster-plan';
import { PROJECT_ROOT_FROM_STACK } from '../lib/paths';
import { ROLLOUT_ENV } from '../lib/rollout/env';
import { ITerraformDependable, TerraformData, TerraformResource, Token } from './cdk';
import { resourceAddress } from './terraform-address';

/** Where the runner runs and how long it waits; shared by every rollout construct. */
export interface RolloutRunnerProps {
  /**
   * Folder the runner runs in (the project root), as seen from the stack's working folder
   * `cdktf.out/stacks/<cluster>/`, or absolute.
   * @default PROJECT_ROOT_FROM_STACK ('../../..')
   */
  readonly projectRoot?: string;
  /**
   * Seconds between two polls of a node or the cluster.
   * @default 10
   */
  readonly pollIntervalSeconds?: number;
  /**
   * Seconds one node (or one cluster-wide wait) may take before its step fails.
   * @default - the plan's `nodeTimeoutMinutes` × 60
   */
  readonly nodeTimeoutSeconds?: number;
}

/** A rollout step to add. */
export interface RolloutStepOptions {
  /** Runner phase: `preflight`, `os-upgrade`, `kubernetes`, `health` or `manifests`. */
  readonly phase: string;
  /** Node name for `os-upgrade`. @default - none */
  readonly node?: string;
  /** What makes the step run again (`triggers_replace`). */
  readonly triggers: Readonly<Record<string, string>>;
  /** Steps and resources this one runs after. */
  readonly dependsOn: readonly ITerraformDependable[];
  /** Provisioner environment (non-secret). */
  readonly environment: Readonly<Record<string, string>>;
  /**
   * Resources whose replacement also re-runs the step (`replace_triggered_by`).
   * @default - none: only `triggers` re-run it
   */
  readonly rerunWhenReplaced?: readonly TerraformResource[];
}

/** How Terraform starts the rollout runner, from the project root (`workingDir`). */
export const RUNNER_COMMAND = 'node scripts/run-ts.mjs rollout/cli.ts';

/** Throws unless the runner props are usable. */
export function checkRunnerProps(construct: string, props: RolloutRunnerProps): void {
  for (const key of ['pollIntervalSeconds', 'nodeTimeoutSeconds'] as const) {
    const v = props[key];
    if (v !== undefined && !(Number.isFinite(v) && v > 0)) {
      throw new Error(`${construct}: ${key} = ${v} is not a positive number of seconds. Fix: pass e.g. 10`);
    }
  }
  if (props.projectRoot !== undefined && (props.projectRoot.trim() === '' || /["'\s]/.test(props.projectRoot))) {
    throw new Error(
      `${construct}: projectRoot = ${JSON.stringify(props.projectRoot)} must be a path without quotes or spaces. Fix: pass the project folder`,
    );
  }
}

/** Throws when a non-token string is empty. */
export function checkNonEmpty(construct: string, field: string, value: string): void {
  if (!Token.isUnresolved(value) && value.trim() === '') {
    throw new Error(`${construct}: ${field} is empty. Fix: pass the value from its construct`);
  }
}

/** The environment every step of a cluster gets: cluster, nodes in rollout order, targets and timing. */
export function rolloutEnvironment(plan: ClusterPlan, props: RolloutRunnerProps): Record<string, string> {
  const nodes = [...plan.controlPlanes, ...plan.workers].map((n) => ({ name: n.name, ip: n.ip, role: n.role }));
  return {
    [ROLLOUT_ENV.cluster]: plan.name,
    [ROLLOUT_ENV.nodes]: JSON.stringify(nodes),
    [ROLLOUT_ENV.talosVersion]: plan.talosVersion,
    [ROLLOUT_ENV.kubernetesVersion]: plan.kubernetesVersion,
    [ROLLOUT_ENV.nodeTimeoutSeconds]: String(props.nodeTimeoutSeconds ?? plan.nodeTimeoutMinutes * 60),
    [ROLLOUT_ENV.pollSeconds]: String(props.pollIntervalSeconds ?? 10),
    [ROLLOUT_ENV.cni]: plan.addons.cni === 'flannel' ? 'flannel' : 'cilium',
  };
}

/** `name=ip/role,…` of every node: the trigger of steps that re-run when nodes come or go. */
export function nodeListTrigger(plan: ClusterPlan): string {
  return plan.nodes.map((n) => `${n.name}=${n.ip}/${n.role}`).join(',');
}

/** Adds a step to `scope` under `id`. */
export function addRolloutStep(scope: Construct, id: string, runner: RolloutRunnerProps, options: RolloutStepOptions): TerraformData {
  const command = [RUNNER_COMMAND, options.phase, ...(options.node ? ['--node', options.node] : [])].join(' ');
  return new TerraformData(scope, id, {
    triggersReplace: { ...options.triggers },
    dependsOn: [...options.dependsOn],
    ...(options.rerunWhenReplaced?.length ? { lifecycle: { replaceTriggeredBy: options.rerunWhenReplaced.map(resourceAddress) } } : {}),
    provisioners: [
      {
        type: 'local-exec',
        command,
        workingDir: runner.projectRoot ?? PROJECT_ROOT_FROM_STACK,
        environment: { ...options.environment },
      },
    ],
  });
}
