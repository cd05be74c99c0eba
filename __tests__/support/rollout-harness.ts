/**
 * Runs the rollout constructs under real Terraform against the talosctl and kubectl simulators. The test stack has
 * only terraform_data + local-exec (no provider download): a stand-in for the VMs and talosconfig, ClusterRollout,
 * NodeCleanup, one step per node playing the Talos provider's config apply (and, for control planes, the bootstrap:
 * fake-talos-provider.js) with its on-destroy reset, ClusterHealthCheck and AddonManifestSync, wired as in stacks/talos-cluster-stack.ts and
 * constructs/talos-cluster.ts (applies after the rollout gate and the node cleanup, control planes chained, workers
 * after them). The local backend keeps the state beside the generated cdk.tf.json, with a relative path, so a folder
 * can be copied to branch a scenario.
 */
import { validPlan } from './valid-plan';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ClusterRollout } from '../../constructs/cluster-rollout';
import { AddonManifestSync } from '../../constructs/addon-manifest-sync';
import { ClusterHealthCheck } from '../../constructs/cluster-health-check';
import { NodeCleanup } from '../../constructs/node-cleanup';
import { onDestroyFor } from '../../constructs/talos-cluster';
import { LocalBackend, TerraformData, TerraformStack, Testing } from '../../constructs/cdk';
import { ClusterDefinition } from '../../lib/cluster-definition';
import { PlannedNode } from '../../lib/cluster-plan';
import { ValidatedPlan } from '../../lib/check-cluster';
import { manifestSet } from './fake-talos';
import { SimulatedWorkspace } from './simulated-workspace';

/** Project root, where the runner runs (local-exec working_dir). */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/**
 * The Talos provider stand-in (fake-talos-provider.js: apply-config, reset), on the simulator's PATH as
 * `talos-provider` and answered by the simulator server like talosctl (FakeTalos `env`): no Node start per apply or
 * reset.
 */
const FAKE_PROVIDER = 'talos-provider';

/**
 * The provider's on-destroy reset as a destroy-time provisioner of a config-apply stand-in: the node and `graceful`
 * come from the stand-in's `input` in the state, as upstream's `Delete` reads `on_destroy` and `node` from the state
 * (terraform-provider-talos v0.11.0 talos_machine_configuration_apply_resource.go `Delete`, l. 756-876).
 */
const RESET_PROVISIONER = {
  type: 'local-exec',
  when: 'destroy',
  command: `${FAKE_PROVIDER} reset \${self.input.ip} \${self.input.graceful}`,
} as const;

/** The `input` of a node's config-apply stand-in: what its on-destroy reset needs (`graceful` as TalosCluster sets it). */
export function applyResetInput(plan: ValidatedPlan, node: PlannedNode): { ip: string; graceful: string } {
  return { ip: node.ip, graceful: String(onDestroyFor(plan, node).graceful) };
}

/**
 * Adds to a synthesized test stack (`json`, edited in place) a `removed` block (Terraform >= 1.9) carrying the reset
 * provisioner for every config-apply stand-in the state in `workDir` holds and the configuration no longer has: a
 * node removed from the definition takes its stand-in's block, and the destroy-time provisioner with it, while the
 * real provider resets a removed node from the state. The removed apply is destroyed where Terraform destroys it:
 * before the node's cleanup instance (the apply depended on the cleanup step), so the reset comes first.
 */
export function withRemovedApplies(json: any, workDir: string): void {
  const stateFile = path.join(workDir, 'terraform.tfstate');
  if (!fs.existsSync(stateFile)) return;
  const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as { resources?: { mode: string; type: string; name: string }[] };
  const current = new Set(Object.keys(json.resource?.terraform_data ?? {}));
  const gone = (state.resources ?? [])
    .filter((r) => r.mode === 'managed' && r.type === 'terraform_data' && r.name.startsWith('fake-apply-') && !current.has(r.name))
    .map((r) => ({
      from: `terraform_data.${r.name}`,
      lifecycle: { destroy: true },
      provisioner: [{ 'local-exec': { when: RESET_PROVISIONER.when, command: RESET_PROVISIONER.command } }],
    }));
  if (gone.length > 0) json.removed = [...(json.removed ?? []), ...gone];
}

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
  /** Addresses whose replacement replaces the apply (its VM's `id`). */
  readonly replaceTriggeredBy?: readonly string[];
  /**
   * The VM's instance marker, whose id is part of the node's config (TalosCluster `instances`): its replacement
   * applies the config again without replacing the apply.
   */
  readonly instance?: TerraformData;
}

/**
 * The rollout and the Talos side of a test stack, wired as stacks/talos-cluster-stack.ts and constructs/talos-cluster.ts
 * wire them: ClusterRollout after `after`, NodeCleanup, one config apply per node (control planes chained, workers
 * after them; fake-talos-provider.js plays the apply and, for control planes, the bootstrap) whose destruction — replaced,
 * torn down, or removed (`withRemovedApplies`) — runs the node's reset once with TalosCluster's `graceful`, as the
 * provider's on_destroy does, ClusterHealthCheck and AddonManifestSync. Shared by the rollout and identity harnesses.
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
  const manifests = JSON.stringify(manifestSet(targets.chart));
  const manifestsHash = createHash('sha256').update(manifests).digest('hex');
  const target = { FAKE_TARGET_TALOS: targets.talos, FAKE_TARGET_SCHEMATIC: targets.schematic, FAKE_TARGET_K8S: targets.kubernetes };
  // One apply per node, keyed by node name as TalosCluster's `apply-<node>`: adding a node adds exactly its apply.
  // The real apply (a) applies the config when created and again, in place, whenever the config changes (`Update`),
  // and (b) resets the node whenever it is destroyed. A terraform_data runs provisioners only when created or
  // destroyed, so each node has two stand-ins: `fake-apply-<node>` is the apply's life — replaced only as the real
  // one is (`replace_triggered_by` its VM's id), reset when destroyed — and `fake-config-<node>` applies the config,
  // created again whenever that apply is new or the config changes (the VM's instance marker, the inline manifests'
  // hash for a control plane), so a config change never destroys the apply.
  const fakeApply = (node: PlannedNode, after: readonly TerraformData[]) => {
    const wiring = opts.applyWiring?.(node);
    const apply = new TerraformData(stack, `fake-apply-${node.name}`, {
      // What the provider's Delete reads from the state (on_destroy, node): the reset runs with the settings the
      // last deploy stored, as upstream's (talos_machine_configuration_apply_resource.go `Delete`).
      input: applyResetInput(plan, node),
      dependsOn: [...(wiring?.dependsOn ?? []), rollout.gate, nodeCleanup.step, ...after],
      ...(wiring?.replaceTriggeredBy ? { lifecycle: { replaceTriggeredBy: [...wiring.replaceTriggeredBy] } } : {}),
      // The on-destroy reset: runs whenever the apply is destroyed — replaced (its VM rebuilt or created again),
      // torn down, or, through the `removed` block the harness adds (withRemovedApplies), removed with its node.
      provisioners: [RESET_PROVISIONER],
    });
    return new TerraformData(stack, `fake-config-${node.name}`, {
      // A hash, as the real stack: the plan prints triggers_replace, and the manifests hold a Secret.
      triggersReplace: {
        apply: apply.id,
        ...(wiring?.instance ? { instance: wiring.instance.id } : {}),
        ...(node.role === 'controlplane' ? { manifests_hash: manifestsHash } : {}),
      },
      provisioners: [
        {
          type: 'local-exec',
          command: `${FAKE_PROVIDER} apply-config ${node.ip}`,
          environment: node.role === 'controlplane' ? { ...target, FAKE_MANIFESTS: manifests } : target,
        },
      ],
    });
  };
  // Control planes chained, workers after them (TalosCluster: workers after the bootstrap): each apply after the
  // previous node's config, so Terraform destroys (resets) them in the reverse order.
  const controlPlaneConfigs: TerraformData[] = [];
  for (const node of plan.controlPlanes) controlPlaneConfigs.push(fakeApply(node, controlPlaneConfigs.slice(-1)));
  const configs = [...controlPlaneConfigs, ...plan.workers.map((node) => fakeApply(node, controlPlaneConfigs))];
  const health = new ClusterHealthCheck(stack, 'health', { plan, after: configs, rebuilds: opts.rebuilds, ...runner });
  new AddonManifestSync(stack, 'manifest-sync', { plan, after: [health.step], manifestsHash, ...runner });
}

/** The rollout test stack in a simulated workspace. */
export class RolloutHarness extends SimulatedWorkspace {
  /** Synthesizes the stack for `targets` and runs `terraform apply` (after `init` the first time). */
  deploy(targets: DeployTargets): DeployResult {
    const json = JSON.parse(synthTestStack(targets));
    withRemovedApplies(json, this.workDir);
    return this.writeConfig(JSON.stringify(json, null, 2)) ?? this.terraform(['apply', '-auto-approve', '-input=false', '-no-color']);
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
