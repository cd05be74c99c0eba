/**
 * Runs the rollout constructs under real Terraform against the talosctl and kubectl simulators. The test stack has
 * only terraform_data + local-exec (no provider download): a stand-in for the VMs and talosconfig, ClusterRollout,
 * NodeCleanup, one step per node playing the Talos provider's config apply (and, for control planes, the bootstrap:
 * fake-cluster.js), ClusterHealthCheck and AddonManifestSync, wired as in stacks/talos-cluster-stack.ts and
 * constructs/talos-cluster.ts (applies after the rollout gate and the node cleanup, control planes chained, workers
 * after them). The local backend keeps the state beside the generated cdk.tf.json, with a relative path, so a folder
 * can be copied to branch a scenario.
 */
import { validPlan } from './valid-plan';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { ClusterRollout } from '../../constructs/cluster-rollout';
import { AddonManifestSync } from '../../constructs/addon-manifest-sync';
import { ClusterHealthCheck } from '../../constructs/cluster-health-check';
import { NodeCleanup } from '../../constructs/node-cleanup';
import { onDestroyFor } from '../../constructs/talos-cluster';
import { LocalBackend, TerraformData, TerraformIterator, TerraformStack, Testing } from '../../constructs/cdk';
import { ClusterDefinition } from '../../lib/cluster-definition';
import { PlannedNode } from '../../lib/cluster-plan';
import { ValidatedPlan } from '../../lib/check-cluster';
import { manifestSet } from './fake-talos';
import { SimulatedWorkspace } from './simulated-workspace';

/** Project root, where the runner runs (local-exec working_dir). */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** What a deploy asks for. */
export interface DeployTargets {
  readonly talos: string;
  readonly schematic: string;
  readonly kubernetes: string;
  /** Add-on chart version the inline manifests are rendered from (manifestSet). */
  readonly chart: string;
  /** @default 1 */
  readonly workerBatchSize?: number;
  /**
   * Number of workers (counted from 10.5.0.21, named `test-worker-N`).
   * @default 2
   */
  readonly workers?: number;
  /**
   * How long one node may take (a test waiting for a node that never answers sets a short one).
   * @default TEST_RUNNER_TIMING.nodeTimeoutSeconds
   */
  readonly nodeTimeoutSeconds?: number;
}

/** How fast the test stack's rollout steps poll, and how long one node (or one cluster-wide wait) may take. */
export const TEST_RUNNER_TIMING = { pollIntervalSeconds: 0.2, nodeTimeoutSeconds: 30 } as const;

/** Terraform's result. */
export interface DeployResult {
  readonly code: number;
  readonly output: string;
}

/** The test cluster: 3 control planes from 10.5.0.11, `workers` (2) workers from 10.5.0.21 (names as fake-talos nodeList). */
export function testDefinition(t: DeployTargets): ClusterDefinition {
  return {
    name: 'test',
    endpoint: { vip: '10.5.0.10' },
    network: { cidr: '10.5.0.0/24', gateway: '10.5.0.1' },
    proxmoxHosts: [{ name: 'pve1' }],
    controlPlanes: { count: 3, firstIp: '10.5.0.11' },
    workers: { count: t.workers ?? 2, firstIp: '10.5.0.21' },
    talos: { version: t.talos },
    kubernetesVersion: t.kubernetes,
    rollout: { workerBatchSize: t.workerBatchSize ?? 1 },
  };
}

/** The test stack's cdk.tf.json for `targets`. */
export function synthTestStack(targets: DeployTargets): string {
  const plan = validPlan(testDefinition(targets));
  const stack = new TerraformStack(Testing.app(), 'rollout-test');
  new LocalBackend(stack, { path: 'terraform.tfstate' });
  const machines = new TerraformData(stack, 'machines', { input: { stands_for: 'VMs and talosconfig file' } });
  addRolloutAndTalosStandIns(stack, plan, targets, { after: [machines] });
  return Testing.synth(stack);
}

/** How a node's config apply stand-in hangs on what else the test stack holds. */
export interface ApplyWiring {
  /** Resources the apply runs after besides the rollout gate, the node cleanup and the resets (its VM). */
  readonly dependsOn: readonly TerraformData[];
  /** Addresses whose replacement replaces the apply (its VM's instance marker). */
  readonly replaceTriggeredBy?: readonly string[];
}

/**
 * The rollout and the Talos side of a test stack, wired as stacks/talos-cluster-stack.ts and constructs/talos-cluster.ts
 * wire them: ClusterRollout after `after`, NodeCleanup, the provider's on-destroy reset (fake-cluster.js), one config
 * apply per node (control planes chained, workers after them; fake-cluster.js plays the apply and, for control
 * planes, the bootstrap), ClusterHealthCheck and AddonManifestSync. Shared by the rollout and identity harnesses.
 */
export function addRolloutAndTalosStandIns(
  stack: TerraformStack,
  plan: ValidatedPlan,
  targets: DeployTargets,
  opts: {
    readonly after: readonly TerraformData[];
    readonly applyWiring?: (node: PlannedNode) => ApplyWiring;
    /** The VMs' instance markers, which re-run the health check when replaced (ClusterHealthCheck `rebuilds`). */
    readonly rebuilds?: readonly TerraformData[];
  },
): void {
  const runner = {
    projectRoot: PROJECT_ROOT,
    ...TEST_RUNNER_TIMING,
    nodeTimeoutSeconds: targets.nodeTimeoutSeconds ?? TEST_RUNNER_TIMING.nodeTimeoutSeconds,
  };
  const rollout = new ClusterRollout(stack, 'rollout', {
    plan,
    schematicId: targets.schematic,
    installerImage: `factory.talos.dev/nocloud-installer/${targets.schematic}:${targets.talos}`,
    after: [...opts.after],
    ...runner,
  });
  const nodeCleanup = new NodeCleanup(stack, 'node-cleanup', { plan, after: [rollout.preflight], ...runner });
  const fakeCluster = path.join(PROJECT_ROOT, '__tests__/support/fake-cluster.js');
  // The provider's on-destroy reset of a removed node's apply. A terraform_data runs a destroy provisioner only
  // while its block is in the configuration, so the stand-in is one for_each resource keyed by node name rather
  // than part of the per-node apply. It depends on the cleanup as the real apply does: reset first, then cleanup.
  // `graceful` as TalosCluster sets the apply's on_destroy (a control plane reset without it stays an etcd member).
  const resetTargets = TerraformIterator.fromMap(
    Object.fromEntries(plan.nodes.map((n) => [n.name, { ip: n.ip, graceful: String(onDestroyFor(plan, n).graceful) }])),
  );
  const fakeReset = new TerraformData(stack, 'fake-reset', {
    forEach: resetTargets,
    input: resetTargets.value,
    dependsOn: [nodeCleanup.step],
    provisioners: [{ type: 'local-exec', when: 'destroy', command: `node ${fakeCluster} reset \${self.input.ip} \${self.input.graceful}` }],
  });
  const manifests = JSON.stringify(manifestSet(targets.chart));
  const manifestsHash = createHash('sha256').update(manifests).digest('hex');
  const target = { FAKE_TARGET_TALOS: targets.talos, FAKE_TARGET_SCHEMATIC: targets.schematic, FAKE_TARGET_K8S: targets.kubernetes };
  // One apply per node, keyed by node name as TalosCluster's `apply-<node>`: adding a node adds exactly its apply.
  const fakeApply = (node: PlannedNode, after: readonly TerraformData[]) => {
    const wiring = opts.applyWiring?.(node);
    return new TerraformData(stack, `fake-apply-${node.name}`, {
      // A hash, as the real stack: the plan prints triggers_replace, and the manifests hold a Secret.
      triggersReplace: { node_ip: node.ip, ...(node.role === 'controlplane' ? { manifests_hash: manifestsHash } : {}) },
      dependsOn: [...(wiring?.dependsOn ?? []), rollout.gate, nodeCleanup.step, fakeReset, ...after],
      ...(wiring?.replaceTriggeredBy ? { lifecycle: { replaceTriggeredBy: [...wiring.replaceTriggeredBy] } } : {}),
      provisioners: [
        {
          type: 'local-exec',
          command: `node ${fakeCluster} apply-config ${node.ip}`,
          environment: node.role === 'controlplane' ? { ...target, FAKE_MANIFESTS: manifests } : target,
        },
      ],
    });
  };
  const controlPlaneApplies: TerraformData[] = [];
  for (const node of plan.controlPlanes) controlPlaneApplies.push(fakeApply(node, controlPlaneApplies.slice(-1)));
  const configs = [...controlPlaneApplies, ...plan.workers.map((node) => fakeApply(node, controlPlaneApplies))];
  const health = new ClusterHealthCheck(stack, 'health', { plan, after: configs, rebuilds: opts.rebuilds, ...runner });
  new AddonManifestSync(stack, 'manifest-sync', { plan, after: [health.step], manifestsHash, ...runner });
}

/** The rollout test stack in a simulated workspace. */
export class RolloutHarness extends SimulatedWorkspace {
  /** Synthesizes the stack for `targets` and runs `terraform apply` (after `init` the first time). */
  deploy(targets: DeployTargets): DeployResult {
    return this.writeConfig(synthTestStack(targets)) ?? this.terraform(['apply', '-auto-approve', '-input=false', '-no-color']);
  }

  /**
   * `id` of every resource instance in the Terraform state, by address without the construct-path hash
   * (`terraform_data.rollout_os-upgrade-test-cp-1`, `terraform_data.node-cleanup_step["test-cp-1"]`). A
   * terraform_data gets a new id when it is replaced, so two readings show what an apply created, replaced,
   * destroyed or left alone.
   */
  resourceIds(): Record<string, string> {
    return this.stateValues((v) => v.id);
  }
}
