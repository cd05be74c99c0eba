/**
 * One Terraform stack (one state) per cluster definition: Proxmox VMs booting the cluster's Talos image, the
 * Talos lifecycle, the add-ons as inline manifests, and the rolling-upgrade steps, wired in the order Talos needs.
 */
import { Construct } from 'constructs';
import { TalosProvider } from '../.gen/providers/talos/provider';
import { ProxmoxProvider } from '../.gen/providers/proxmox/provider';
import { Annotations, HelmProvider, LocalProvider, TerraformStack } from '../constructs/cdk';
import { ClusterAddons } from '../constructs/cluster-addons';
import { AddonManifestSync } from '../constructs/addon-manifest-sync';
import { ClusterHealthCheck } from '../constructs/cluster-health-check';
import { ClusterRollout } from '../constructs/cluster-rollout';
import { LabChecks } from '../constructs/lab-checks';
import { NodeCleanup } from '../constructs/node-cleanup';
import { NodeVms } from '../constructs/node-vms';
import { configureStateBackend } from '../constructs/state-backend';
import { TalosCluster } from '../constructs/talos-cluster';
import { TalosImage } from '../constructs/talos-image';
import { TalosSecrets } from '../constructs/talos-secrets';
import { ClusterSummary, SUMMARY_FORMAT_VERSION } from '../lib/cluster-summary';
import { ValidatedPlan } from '../lib/check-cluster';
import { formatProblem, Problem } from '../lib/problems';

/** Props of a cluster stack. */
export interface TalosClusterStackProps {
  /** The cluster to build: the plan of a definition that passed every check (`validateDefinition`). */
  readonly plan: ValidatedPlan;
  /**
   * The definition's warnings, added to the stack as annotations and kept in its summary.
   * @default - none
   */
  readonly warnings?: readonly Problem[];
}

/**
 * A cluster's stack. Its construct IDs (`image`, `vms`, `secrets`, `addons`, `rollout`, `node-cleanup`, `talos`,
 * `health`, `manifest-sync` and the per-node IDs and keys inside them) are Terraform addresses: renaming one
 * replaces resources.
 */
export class TalosClusterStack extends TerraformStack {
  /** The resolved plan the stack was built from. */
  readonly plan: ValidatedPlan;
  /** The Talos image (schematic, downloads, installer). */
  readonly image: TalosImage;
  /** The Proxmox VMs. */
  readonly vms: NodeVms;
  /** Machine secrets and talosconfig. */
  readonly secrets: TalosSecrets;
  /** Helm-rendered add-ons. */
  readonly addons: ClusterAddons;
  /** Config apply, bootstrap, kubeconfig. */
  readonly talos: TalosCluster;
  /** Validation warnings of the definition (errors stop the constructor). */
  readonly warnings: readonly Problem[];

  constructor(scope: Construct, id: string, props: TalosClusterStackProps) {
    super(scope, id);
    const { plan } = props;
    const warnings = props.warnings ?? [];
    for (const p of warnings) Annotations.of(this).addWarning(formatProblem(plan.name, p));
    this.plan = plan;
    this.warnings = warnings;

    configureStateBackend(this, plan);
    // Credentials and endpoint come from PROXMOX_VE_* environment variables at deploy time, never from code.
    new ProxmoxProvider(this, 'proxmox', {});
    new TalosProvider(this, 'talos-provider', {});
    new HelmProvider(this, 'helm', {});
    new LocalProvider(this, 'local', {});

    this.image = new TalosImage(this, 'image', { plan });
    this.vms = new NodeVms(this, 'vms', { plan, image: this.image });
    // Read-only checks of the live lab: the downloads and VMs are planned only when they pass.
    new LabChecks(this, 'lab-checks', { plan }).guard([...this.image.downloads.values(), ...this.vms.vms.values()]);
    this.secrets = new TalosSecrets(this, 'secrets', { plan });
    this.addons = new ClusterAddons(this, 'addons', { plan });

    const rollout = new ClusterRollout(this, 'rollout', {
      plan,
      schematicId: this.image.schematicId,
      installerImage: this.image.installerImage,
      after: [...this.vms.vms.values(), this.secrets.talosconfigFile],
    });
    // A removed node: its apply (Talos reset), then its Node object deleted, then the preflight re-runs.
    const nodeCleanup = new NodeCleanup(this, 'node-cleanup', { plan, after: [rollout.preflight] });
    this.talos = new TalosCluster(this, 'talos', {
      plan,
      secrets: this.secrets,
      installerImage: this.image.installerImage,
      nodeVms: this.vms.vms,
      inlineManifests: this.addons.inlineManifests,
      extraManifests: this.addons.extraManifests,
      applyAfter: [rollout.gate, nodeCleanup.step],
      instances: this.vms.instances,
    });
    const health = new ClusterHealthCheck(this, 'health', {
      plan,
      after: [this.talos.bootstrap, ...this.talos.applies.values(), this.talos.kubeconfigFile],
      rebuilds: [...this.vms.instances.values()],
    });
    new AddonManifestSync(this, 'manifest-sync', { plan, after: [health.step], manifestsHash: this.addons.manifestsHash });
  }

  /** The non-secret summary the review report compares (written beside cdk.tf.json). */
  /**
   * CDKTF's preparation pass resolves every token of the stack once more only to find references into other stacks
   * (and add outputs and remote-state lookups for them); a cluster's stack never references another stack, so only
   * the backend is ensured. Saves ~70 ms, a sixth of a synth (bench/).
   */
  override prepareStack(): void {
    this.ensureBackendExists();
  }

  summary(): ClusterSummary {
    const p = this.plan;
    return {
      formatVersion: SUMMARY_FORMAT_VERSION,
      cluster: p.name,
      talosVersion: p.talosVersion,
      configContract: p.configContract,
      kubernetesVersion: p.kubernetesVersion,
      schematicId: this.image.schematicId,
      extensions: p.extensions,
      installerImage: this.image.installerImage,
      endpointUrl: p.endpointUrl,
      vip: p.vip,
      workerBatchSize: p.workerBatchSize,
      allowMachineSecretsReplacement: p.allowMachineSecretsReplacement,
      allowVmReplacement: p.allowVmReplacement,
      hosts: p.hosts,
      nodes: p.nodes,
      documents: Object.fromEntries(p.nodes.map((n) => [n.name, this.talos.documentsFor(n.name)])),
      charts: this.addons.charts,
      warnings: this.warnings,
    };
  }
}
