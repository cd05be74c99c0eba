/**
 * The add-ons a cluster boots with, as Talos inline manifests: Cilium (CNI and kube-proxy replacement),
 * cert-manager and Argo CD, each rendered by `helm_template`, plus the objects that need their controllers
 * running (load-balancer pool, CA issuers, the app-of-apps Application). The talos construct puts the identical
 * set on every control plane (the manifest sync's `upgrade-k8s` applies the set of the one node it runs through and,
 * on Talos ≥ 1.13, prunes what that set no longer holds).
 */
import { ValidatedPlan } from '../lib/check-cluster';
import { Construct } from 'constructs';
import { Fn, TerraformLocal } from './cdk';
import { HelmInlineManifest } from './helm-inline-manifest';
import { ManifestSizeGuard } from './manifest-size-guard';
import { argoCdBootstrapApplication, certManagerCaObjects, ciliumLoadBalancerObjects } from '../lib/addon-objects';
import { argocdPlanValues, certManagerPlanValues, ciliumApiVersions, ciliumPlanValues } from '../lib/addon-values';
import { ciliumValuesFiles, ciliumValuesSource } from '../lib/addon-checks';
import { checkCiliumValues } from '../lib/cilium-values';
import { ClusterPlan } from '../lib/cluster-plan';
import { ChartSummary } from '../lib/cluster-summary';
import { valueAt } from '../lib/helm-values';
import { InlineManifest } from '../lib/inline-manifest';
import { KubernetesObject, renderObjects, validateK8sObject } from '../lib/k8s-objects';
import { ClusterDefinitionError, errorAt } from '../lib/problems';
import { needsControllerWebhook } from '../lib/webhook-objects';
import { escapeTemplateLiteral } from '../lib/terraform-template';
import { ARGOCD_CHART_VERSION, CERT_MANAGER_CHART_VERSION, CILIUM_CHART_VERSION, GATEWAY_API_VERSION } from '../lib/versions';

/** Props of {@link ClusterAddons}. */
export interface ClusterAddonsProps {
  /** The resolved cluster. */
  readonly plan: ValidatedPlan;
  /**
   * Folder holding cilium.yaml, cert-manager.yaml, argocd.yaml and the extra values files.
   * @default - the project's helm-values/ folder
   */
  readonly valuesDir?: string;
}

/** Namespace of Cilium (Talos exempts kube-system from Pod Security admission). */
export const CILIUM_NAMESPACE = 'kube-system';
/** Namespace of cert-manager, where the CA issuer's root secret lives too. */
export const CERT_MANAGER_NAMESPACE = 'cert-manager';
/** Namespace of Argo CD and of the app-of-apps Application. */
export const ARGOCD_NAMESPACE = 'argocd';

/**
 * Name of the manifest holding objects that can only be created once a controller runs: Cilium's pool and L2
 * policy (their CRDs come from the Cilium operator at runtime), the app-of-apps Application, and last every object
 * only a controller's webhook admits (cert-manager's issuers and certificates, also those a chart renders, such as
 * Cilium's Hubble certificates; lib/webhook-objects.ts).
 *
 * How Talos applies inline manifests (siderolabs/talos v1.13.9
 * internal/app/machined/pkg/controllers/k8s/manifest_apply.go `Run`/`apply`): all manifests, sorted by name, are
 * merged into one list of objects, stably re-ordered namespaces first, then CRDs, then the rest in manifest order;
 * an object whose kind the API server does not know yet is skipped, as is one it rejects as bad request or invalid
 * (retried on the next pass); an existing object is never updated; any other error — a webhook that cannot be
 * reached, a lost connection — abandons the rest of the pass, which is retried later. This name sorts after
 * `argocd`, `cert-manager` and `cilium`, so what waits for a controller's webhook never holds back the CNI, and the
 * Application comes before the cert-manager objects, so it never waits behind them.
 */
export const ADDON_RESOURCES_MANIFEST = 'cluster-addon-resources';

/** URL of the Gateway API standard-channel CRDs Talos downloads as an extra manifest. */
export function gatewayApiCrdsUrl(version: string = GATEWAY_API_VERSION): string {
  return `https://github.com/kubernetes-sigs/gateway-api/releases/download/${version}/standard-install.yaml`;
}

/** Revisions that move: an Application tracking one changes the cluster whenever the branch moves. */

/** The add-ons of one cluster, as inline manifests, extra manifest URLs and a hash over both. */
export class ClusterAddons extends Construct {
  /** Inline manifests, in the order Talos applies them (by name). */
  readonly inlineManifests: readonly InlineManifest[];
  /** URLs Talos downloads and applies like inline manifests (the Gateway API CRDs when enabled). */
  readonly extraManifests: readonly string[];
  /**
   * Terraform token: sha256 over every inline manifest's name and rendered contents and every extra manifest URL.
   * It changes exactly when what the control planes carry changes (triggers the add-on manifest sync).
   */
  readonly manifestsHash: string;
  /** The charts rendered, for the review report. */
  readonly charts: readonly ChartSummary[];
  /** Cilium, when enabled. */
  readonly cilium?: HelmInlineManifest;
  /** cert-manager, when enabled. */
  readonly certManager?: HelmInlineManifest;
  /** Argo CD, when enabled. */
  readonly argocd?: HelmInlineManifest;
  /** The objects of {@link ADDON_RESOURCES_MANIFEST} (empty when none is needed). */
  readonly addonResources: readonly KubernetesObject[];
  /** The plan-time size check. */
  readonly sizeGuard: ManifestSizeGuard;

  constructor(scope: Construct, id: string, props: ClusterAddonsProps) {
    super(scope, id);
    const { plan } = props;
    // The add-on switches come validated (lib/validation/addons.ts); the values files are read here from
    // `valuesDir`, so their Cilium rules are checked again against what this construct actually renders.
    const a = plan.addons;

    const manifests: InlineManifest[] = [];
    const charts: HelmInlineManifest[] = [];

    if (a.cilium.enabled) {
      this.cilium = new HelmInlineManifest(this, 'cilium', {
        repository: 'https://helm.cilium.io',
        chart: 'cilium',
        version: CILIUM_CHART_VERSION,
        releaseName: 'cilium',
        namespace: CILIUM_NAMESPACE,
        kubeVersion: plan.kubernetesVersion,
        valuesFiles: ciliumValuesFiles(plan),
        values: ciliumPlanValues(plan),
        apiVersions: ciliumApiVersions(plan),
        valuesDir: props.valuesDir,
      });
      const problems = checkCiliumValues(this.cilium.values, plan, ciliumValuesSource(plan));
      if (problems.some((p) => p.severity === 'error')) throw new ClusterDefinitionError(plan.name, problems);
      charts.push(this.cilium);
    }

    if (a.certManager.enabled) {
      this.certManager = new HelmInlineManifest(this, 'cert-manager', {
        repository: 'https://charts.jetstack.io',
        chart: 'cert-manager',
        version: CERT_MANAGER_CHART_VERSION,
        releaseName: 'cert-manager',
        namespace: CERT_MANAGER_NAMESPACE,
        createNamespace: true,
        kubeVersion: plan.kubernetesVersion,
        valuesFiles: ['cert-manager.yaml'],
        values: certManagerPlanValues(plan),
        valuesDir: props.valuesDir,
      });
      requireValue(
        plan,
        this.certManager,
        'crds.enabled',
        true,
        'the CA issuer objects and other charts need the cert-manager CRDs in the same manifest set',
      );
      charts.push(this.certManager);
    }

    if (a.argocd.enabled) {
      this.argocd = new HelmInlineManifest(this, 'argocd', {
        repository: 'https://argoproj.github.io/argo-helm',
        chart: 'argo-cd',
        version: ARGOCD_CHART_VERSION,
        releaseName: 'argocd',
        namespace: ARGOCD_NAMESPACE,
        createNamespace: true,
        kubeVersion: plan.kubernetesVersion,
        valuesFiles: ['argocd.yaml'],
        values: argocdPlanValues(plan),
        valuesDir: props.valuesDir,
      });
      requireValue(plan, this.argocd, 'crds.install', true, 'the app-of-apps Application needs the Argo CD CRDs in the same manifest set');
      charts.push(this.argocd);
    }
    manifests.push(...charts.map((c) => c.manifest));

    const application = this.argocd ? argoCdBootstrapApplication(a.argocd, ARGOCD_NAMESPACE) : undefined;
    this.addonResources = lateObjectOrder([
      ...(this.cilium ? ciliumLoadBalancerObjects(plan) : []),
      ...(application ? [application] : []),
      ...(this.certManager && a.certManager.caIssuerName ? certManagerCaObjects(a.certManager.caIssuerName, CERT_MANAGER_NAMESPACE) : []),
    ]);
    const objectProblems = this.addonResources.flatMap((o) => validateK8sObject(o));
    if (objectProblems.length) throw new ClusterDefinitionError(plan.name, objectProblems);
    // Chart-rendered objects only cert-manager's webhook admits exist only with cert-manager installed.
    if (this.addonResources.length || this.certManager) {
      const parts: string[] = [];
      if (this.addonResources.length)
        parts.push(new TerraformLocal(this, ADDON_RESOURCES_MANIFEST, escapeTemplateLiteral(renderObjects(this.addonResources))).asString);
      if (this.certManager) parts.push(...charts.map((c) => c.webhookObjects));
      manifests.push({ name: ADDON_RESOURCES_MANIFEST, contents: Fn.join('\n---\n', Fn.compact(parts)) });
    }

    // Each manifest's expression lives in one Terraform local that every consumer (machine configs, size guard,
    // hash) references: Terraform evaluates it once, and synth resolves it once rather than once per reference
    // (the nested for/format expressions cost ~0.3 s of synth per extra resolution).
    this.inlineManifests = manifests
      .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
      .map((m) => ({ name: m.name, contents: new TerraformLocal(this, `inline-manifest-${m.name}`, m.contents).asString }));
    this.extraManifests = this.cilium && a.cilium.gatewayApi ? [gatewayApiCrdsUrl()] : [];
    this.charts = charts.map((c) => c.summary);
    this.manifestsHash = Fn.sha256(
      Fn.jsonencode({
        inlineManifests: this.inlineManifests.map((m) => ({ name: m.name, contents: m.contents })),
        extraManifests: this.extraManifests,
      }),
    );
    this.sizeGuard = new ManifestSizeGuard(this, 'size-guard', { manifests: this.inlineManifests, talosVersion: plan.talosVersion });
  }
}

/**
 * The late manifest's typed objects in apply order: everything else first (Cilium's pool and policy, the
 * Application), then the objects only a controller's webhook admits, whose failure abandons the rest of Talos's
 * apply pass (see {@link ADDON_RESOURCES_MANIFEST}).
 */
export function lateObjectOrder(objects: readonly KubernetesObject[]): KubernetesObject[] {
  return [...objects.filter((o) => !needsControllerWebhook(o)), ...objects.filter(needsControllerWebhook)];
}

function requireValue(plan: ClusterPlan, chart: HelmInlineManifest, path: string, expected: unknown, why: string): void {
  const value = valueAt(chart.values, path);
  if (value !== expected) {
    throw new ClusterDefinitionError(plan.name, [
      errorAt(`helm-values/${chart.manifest.name}.yaml: ${path}`, value, why, `set ${path}: ${JSON.stringify(expected)}`),
    ]);
  }
}
