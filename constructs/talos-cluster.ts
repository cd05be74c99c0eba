/**
 * From the VMs to a reachable cluster: machine configuration per role, one config apply per node, bootstrap once,
 * the kubeconfig, and the kubeconfig/talosconfig outputs and files.
 */
import { ValidatedPlan } from '../lib/check-cluster';
import { Construct } from 'constructs';
import { ClusterKubeconfig } from '../.gen/providers/talos/cluster-kubeconfig';
import { DataTalosMachineConfiguration } from '../.gen/providers/talos/data-talos-machine-configuration';
import { MachineBootstrap } from '../.gen/providers/talos/machine-bootstrap';
import { MachineConfigurationApply, MachineConfigurationApplyOnDestroy } from '../.gen/providers/talos/machine-configuration-apply';
import { Fn, ITerraformDependable, SensitiveFile, TerraformOutput, TerraformResource, Token } from './cdk';
import { constructProblem } from './construct-problem';
import { TalosSecrets } from './talos-secrets';
import { NodeRole, PlannedNode } from '../lib/cluster-plan';
import { InlineManifest } from '../lib/inline-manifest';
import { fromStackDir, kubeconfigPath, talosconfigPath } from '../lib/paths';
import {
  commonDocuments,
  controlPlaneDocuments,
  documentRuleProblems,
  duplicateDocumentProblems,
  inlineManifestsDocument,
  instanceDocument,
  isImageReference,
  nodeDocuments,
  TalosDocument,
  toYaml,
  V1Alpha1Patch,
} from '../lib/talos-documents';
import { allowsTeardown } from '../lib/teardown';
import { resourceAddress } from './terraform-address';

/** Props of `TalosCluster`. */
export interface TalosClusterProps {
  /** The cluster. */
  readonly plan: ValidatedPlan;
  /** Machine secrets and talosconfig of the cluster. */
  readonly secrets: TalosSecrets;
  /** Image Factory installer of the cluster's schematic and Talos version (`machine.install.image`). */
  readonly installerImage: string;
  /** The VM of every node, keyed by node name; a node's config apply waits for its VM. */
  readonly nodeVms: ReadonlyMap<string, ITerraformDependable>;
  /**
   * Manifests Talos applies at bootstrap, identical on every control plane. `contents` may be tokens, but they
   * must be known at plan time (data sources such as `helm_template` without `depends_on`, or literals): with an
   * unknown machine configuration the provider cannot dry-run the change and, per its code, falls back to a
   * rebooting apply on every control plane.
   */
  readonly inlineManifests: readonly InlineManifest[];
  /** URLs of manifests Talos applies at bootstrap from the control planes. */
  readonly extraManifests: readonly string[];
  /**
   * The rollout gate: every config apply depends on it. The Kubernetes upgrade step must be in it, so that a
   * config carrying a new Kubernetes version reaches the nodes only after `talosctl upgrade-k8s` has rolled the
   * control plane one node at a time (the apply then changes nothing and never reverts the upgrade). So must the
   * NodeCleanup step, so that a removed node is reset (its apply destroyed) before its Node object is deleted. It
   * must not depend on this construct's applies or bootstrap (a cycle).
   * @default - no gate
   */
  readonly applyAfter?: readonly ITerraformDependable[];
  /**
   * The instance marker of each node's VM, keyed by node name (NodeVms `instances`: replaced whenever the VM is
   * created). Its id goes into the node's config (`instanceDocument`), so a VM created again after it vanished
   * outside Terraform gets its config by an in-place update of the apply. The apply itself is replaced only with
   * its VM (`replace_triggered_by` the VM's `id`, which does not fire when the VM is merely created), that is only
   * while the old machine exists and its on-destroy reset can reach it: upstream fails the destroy of an apply
   * whose reset reaches no machine (terraform-provider-talos v0.11.0 talos_machine_configuration_apply_resource.go
   * `Delete`, l. 860-874, "Error resetting machine").
   * @default - no instance in the config: a VM created again is not configured
   */
  readonly instances?: ReadonlyMap<string, TerraformResource>;
}

/** What a node's config apply does when it is destroyed (the node leaves the definition, or is rebuilt). */
export function onDestroyFor(plan: ValidatedPlan, node: PlannedNode): MachineConfigurationApplyOnDestroy {
  // The apply depends on the VM, so Terraform destroys it (this reset) before the VM.
  // graceful: cordon and drain, and for a control plane leave etcd while the rest of the cluster is healthy; so
  // removing any one control plane, the first included, leaves no dead etcd member.
  // Talos cannot remove the last etcd member (v1.13.9 internal/pkg/etcd/etcd.go LeaveCluster), so the first control
  // plane — the one a teardown destroys last, control-plane applies being chained — is reset without leaving when it
  // is the only control plane, or when the plan allows destroying everything (a teardown: lib/teardown.ts; the
  // teardown command deploys that setting before it destroys, since a destroy reads it from the state).
  const last = node.role === 'controlplane' && node.index === 0 && (plan.controlPlanes.length === 1 || allowsTeardown(plan));
  return { reset: true, graceful: !last, reboot: false };
}

/**
 * `replace_triggered_by` entry for a VM: its `id`, which changes only when the VM is replaced. Written as a bare
 * reference: cdktf renders a dependable there as "${type.name}", which Terraform rejects ("Invalid character").
 */
function replacementTrigger(vm: TerraformResource): string {
  return `${resourceAddress(vm)}.id`;
}

/** The apply's `replace_triggered_by`: its VM's `id` (replaced with its VM, never with a VM merely created). */
function replacementOf(vm: ITerraformDependable): { replaceTriggeredBy: string[] } | undefined {
  return vm instanceof TerraformResource ? { replaceTriggeredBy: [replacementTrigger(vm)] } : undefined;
}

/**
 * The node's instance patch (`instanceDocument` of its VM's instance marker), or none. Not sensitive: an id.
 */
function instancePatches(props: TalosClusterProps, node: string): string[] {
  const marker = props.instances?.get(node);
  return marker ? [Fn.yamlencode(instanceDocument(marker.getStringAttribute('id')))] : [];
}

/** Marker shown instead of token contents in `documentsFor`. */
export const DEPLOY_TIME_VALUE = '<value known at deploy time>';

function hasTokens(doc: TalosDocument): boolean {
  return Token.isUnresolved(JSON.stringify(doc));
}

/**
 * Config patch strings of one group of documents (common, role or node): the documents without Terraform tokens as
 * one YAML stream, each document with tokens through Terraform's `sensitive(yamlencode(…))` (its values are only known at deploy
 * time). Talos rejects a patch that modifies the same document twice, so each group becomes its own patch(es) and
 * a group with a repeated document fails here, at synth.
 */
function patchStrings(group: string, docs: readonly TalosDocument[], role: NodeRole): string[] {
  const plain = docs.filter((d) => !hasTokens(d));
  const problems = [...duplicateDocumentProblems(plain), ...documentRuleProblems(docs, role)];
  if (problems.length > 0) {
    throw new Error(
      `TalosCluster: the ${group} documents are invalid:\n${problems.map((p) => `  ${p.path} = ${JSON.stringify(p.value)}: ${p.message}. Fix: ${p.fix}`).join('\n')}`,
    );
  }
  // A document with tokens holds rendered add-on manifests (Secrets among them). Marked sensitive, the plan shows
  // `(sensitive value)` instead of every manifest when the machine configuration is read during apply (the first
  // deploy: the secrets do not exist yet). The provider gets the same value (Terraform `sensitive()`).
  return [...(plain.length ? [toYaml(plain)] : []), ...docs.filter(hasTokens).map((d) => Fn.sensitive(Fn.yamlencode(d)))];
}

/**
 * The Talos side of a cluster.
 *
 * - `data.talos_machine_configuration` per role, patched with the common and role documents (inline manifests on
 *   control planes only). No `depends_on` on them: a deferred read makes the config unknown at plan time.
 * - One `talos_machine_configuration_apply` per node (construct ID `apply-<node>`), node and endpoint = its IP,
 *   patched with that node's documents, after its VM and the rollout gate. `apply_mode =
 *   staged_if_needing_reboot`: the provider dry-runs each change at plan time and stages the ones that need a
 *   reboot (they take effect at the node's next reboot, e.g. its next rolling OS upgrade) while the rest apply
 *   live, so a config change does not reboot a node — except when that dry run cannot run at plan time (node
 *   unreachable): the provider then falls back to `auto`, which may reboot, with only the plan warning "Cannot
 *   check reboot requirement" (terraform-provider-talos v0.11.0 talos_machine_configuration_apply_resource.go
 *   `handleRebootPrevention`). The computed `resolved_apply_mode` reads `auto` for that fallback and for "no reboot
 *   needed" alike, so no postcondition can catch it; docs/upgrades.md tells the user. A VM replacement replaces
 *   its apply too (the old machine is reset, the new VM gets its config); a VM created again after it vanished
 *   changes only the apply's instance patch (`instances`), which re-applies the config in place.
 * - Control-plane applies are chained in definition order and workers wait for the bootstrap, so on removal
 *   Terraform resets workers first, then control planes last-to-first, one at a time, each leaving etcd; only a
 *   teardown (or a single control plane) resets the first one without leaving (see `onDestroyFor`).
 * - `talos_machine_bootstrap` once, on the first control plane, after every control-plane apply; node and
 *   endpoint are ignored after creation, so losing or renaming that node never bootstraps again.
 * - `talos_cluster_kubeconfig` after the bootstrap, its file (0600) and the sensitive outputs `kubeconfig` and
 *   `talosconfig`.
 */
export class TalosCluster extends Construct {
  /** The config apply of every node, keyed by node name. */
  readonly applies: ReadonlyMap<string, MachineConfigurationApply>;
  /** The one bootstrap of etcd, on the first control plane. */
  readonly bootstrap: MachineBootstrap;
  /** The admin kubeconfig resource (`kubeconfigRaw` is sensitive). */
  readonly kubeconfig: ClusterKubeconfig;
  /** The kubeconfig file at `access/<cluster>/kubeconfig` (0600). */
  readonly kubeconfigFile: SensitiveFile;
  private readonly roleDocuments: Readonly<Record<NodeRole, readonly TalosDocument[]>>;
  private readonly nodes: ReadonlyMap<string, PlannedNode>;
  private readonly plan: ValidatedPlan;

  constructor(scope: Construct, id: string, props: TalosClusterProps) {
    super(scope, id);
    const { plan, secrets } = props;
    validateProps(this, props);
    this.plan = plan;
    this.nodes = new Map(plan.nodes.map((n) => [n.name, n]));

    const common = commonDocuments(plan, props.installerImage);
    const inline = inlineManifestsDocument(props.inlineManifests);
    const controlPlaneOnly = [...controlPlaneDocuments(plan, props.extraManifests), ...(inline ? [inline] : [])];
    this.roleDocuments = { controlplane: [...common, ...controlPlaneOnly], worker: common };
    const rolePatches: Record<NodeRole, string[]> = {
      controlplane: [...patchStrings('common', common, 'controlplane'), ...patchStrings('control-plane', controlPlaneOnly, 'controlplane')],
      worker: patchStrings('common', common, 'worker'),
    };
    const configs = new Map<NodeRole, DataTalosMachineConfiguration>();
    for (const role of ['controlplane', 'worker'] as const) {
      if (!plan.nodes.some((n) => n.role === role)) continue;
      configs.set(
        role,
        new DataTalosMachineConfiguration(this, `machine-config-${role}`, {
          clusterName: plan.name,
          clusterEndpoint: plan.endpointUrl,
          machineType: role,
          machineSecrets: secrets.machineSecrets.machineSecrets,
          talosVersion: plan.configContract,
          kubernetesVersion: plan.kubernetesVersion,
          docs: false,
          examples: false,
          configPatches: rolePatches[role],
        }),
      );
    }

    const applies = new Map<string, MachineConfigurationApply>();
    const nodeApply = (node: PlannedNode, after: ITerraformDependable[]) => {
      const vm = props.nodeVms.get(node.name)!;
      const apply = new MachineConfigurationApply(this, `apply-${node.name}`, {
        nodeAttribute: node.ip,
        endpoint: node.ip,
        clientConfiguration: secrets.clientConfiguration,
        machineConfigurationInput: configs.get(node.role)!.machineConfiguration,
        configPatches: [...patchStrings(`${node.name} node`, nodeDocuments(plan, node), node.role), ...instancePatches(props, node.name)],
        applyMode: 'staged_if_needing_reboot',
        onDestroy: onDestroyFor(plan, node),
        dependsOn: [vm, ...after, ...(props.applyAfter ?? [])],
        lifecycle: replacementOf(vm),
      });
      applies.set(node.name, apply);
      return apply;
    };
    const controlPlaneApplies: MachineConfigurationApply[] = [];
    for (const node of plan.controlPlanes) {
      const previous = controlPlaneApplies.at(-1);
      controlPlaneApplies.push(nodeApply(node, previous ? [previous] : []));
    }
    const first = plan.controlPlanes[0];
    this.bootstrap = new MachineBootstrap(this, 'bootstrap', {
      nodeAttribute: first.ip,
      endpoint: first.ip,
      clientConfiguration: secrets.clientConfiguration,
      dependsOn: controlPlaneApplies,
      lifecycle: { ignoreChanges: ['node', 'endpoint'] },
    });
    for (const node of plan.workers) nodeApply(node, [this.bootstrap]);
    this.applies = applies;

    this.kubeconfig = new ClusterKubeconfig(this, 'cluster-kubeconfig', {
      nodeAttribute: first.ip,
      endpoint: first.ip,
      clientConfiguration: secrets.clientConfiguration,
      dependsOn: [this.bootstrap],
    });
    this.kubeconfigFile = new SensitiveFile(this, 'kubeconfig-file', {
      filename: fromStackDir(kubeconfigPath(plan.name)),
      content: this.kubeconfig.kubeconfigRaw,
      filePermission: '0600',
      directoryPermission: '0700',
    });
    new TerraformOutput(this, 'kubeconfig', {
      staticId: true,
      value: this.kubeconfig.kubeconfigRaw,
      sensitive: true,
      description: `Admin kubeconfig of ${plan.name} (also in ${kubeconfigPath(plan.name)})`,
    });
    new TerraformOutput(this, 'talosconfig', {
      staticId: true,
      value: secrets.talosconfig,
      sensitive: true,
      description: `talosconfig of ${plan.name} (also in ${talosconfigPath(plan.name)})`,
    });
  }

  /**
   * The documents `nodeName` receives, as one YAML stream: common, role (control planes: VIP, manifests) and its
   * own. Inline manifest contents that are Terraform values (Helm output) show as `DEPLOY_TIME_VALUE`; the
   * documents hold no machine secrets (those are merged in by the provider).
   */
  documentsFor(nodeName: string): string {
    const node = this.nodes.get(nodeName);
    if (!node)
      throw new Error(
        `documentsFor(${JSON.stringify(nodeName)}): no such node in ${this.plan.name}. Fix: use one of ${[...this.nodes.keys()].join(', ')}`,
      );
    const docs = [...this.roleDocuments[node.role], ...nodeDocuments(this.plan, node)];
    return toYaml(docs.map(withoutTokenContents));
  }
}

function withoutTokenContents(doc: TalosDocument): TalosDocument {
  if ('kind' in doc || !doc.cluster?.inlineManifests) return doc;
  const patch: V1Alpha1Patch = {
    ...doc,
    cluster: {
      ...doc.cluster,
      inlineManifests: doc.cluster.inlineManifests.map((m) => ({
        name: m.name,
        contents: Token.isUnresolved(m.contents) ? DEPLOY_TIME_VALUE : m.contents,
      })),
    },
  };
  return patch;
}

/** Construct-local checks of the props; the plan's own invariants (a control plane, a supported contract) come validated. */
function validateProps(scope: Construct, props: TalosClusterProps): void {
  const { plan } = props;
  if (!Token.isUnresolved(props.installerImage) && !isImageReference(props.installerImage)) {
    constructProblem(
      scope,
      'installerImage',
      props.installerImage,
      'is not an image reference with a tag',
      `pass the Image Factory installer, e.g. factory.talos.dev/${plan.platform}-installer/<schematic>:${plan.talosVersion}`,
    );
  }
  for (const node of plan.nodes) {
    if (!props.nodeVms.has(node.name)) {
      constructProblem(
        scope,
        'nodeVms',
        node.name,
        `has no VM for node ${node.name} (${node.path})`,
        'pass the VM of every planned node, keyed by node name',
      );
    }
  }
  for (const name of props.nodeVms.keys()) {
    if (!plan.nodes.some((n) => n.name === name)) {
      constructProblem(scope, 'nodeVms', name, `has a VM for ${name}, which is not a node of ${plan.name}`, 'key nodeVms by the planned node names');
    }
  }
}
