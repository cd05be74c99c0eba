/**
 * A Helm chart rendered by Terraform (`data.helm_template`, offline: `kube_version` and `api_versions` stand in
 * for a cluster) into one Talos inline manifest, optionally preceded by its Namespace and followed by typed extra
 * objects.
 */
import { Construct } from 'constructs';
import { DataHelmTemplate, Fn, TerraformIterator, TerraformLocal } from './cdk';
import { ChartSummary } from '../lib/cluster-summary';
import { HelmValues, mergeAllValues, renderValues } from '../lib/helm-values';
import { projectHelmValuesDir, readValuesFile } from '../lib/values-files';
import { InlineManifest } from '../lib/inline-manifest';
import { formatProblem } from '../lib/problems';
import { isDnsLabel, isDnsSubdomain } from '../lib/dns-names';
import { KubernetesObject, namespaceObject, renderObjects, validateK8sObject } from '../lib/k8s-objects';
import { parseVersion } from '../lib/semver';
import { escapeTemplateLiteral } from '../lib/terraform-template';
import { needsControllerWebhook, WEBHOOK_DOCUMENT_PATTERN } from '../lib/webhook-objects';

/** Props of a {@link HelmInlineManifest}. */
export interface HelmInlineManifestProps {
  /** Chart repository: `https://…` Helm repository or `oci://…` registry. */
  readonly repository: string;
  /** Chart name in the repository. */
  readonly chart: string;
  /** Exact chart version, from lib/versions.ts (where Renovate bumps it). */
  readonly version: string;
  /** Helm release name (DNS-1123 label, ≤ 53 characters); charts derive object names from it. */
  readonly releaseName: string;
  /** Namespace the chart's objects go to. */
  readonly namespace: string;
  /** Kubernetes version the chart renders for (`.Capabilities.KubeVersion`), normally `plan.kubernetesVersion`. */
  readonly kubeVersion: string;
  /**
   * Inline manifest name (DNS-1123 subdomain). Talos merges all inline manifests, sorted by name, into one list of
   * objects (namespaces first, then CRDs, then the rest in that order), skips objects it cannot create yet, and
   * abandons the rest of the pass at a webhook or connection error, retrying it later (ClusterAddons'
   * `ADDON_RESOURCES_MANIFEST` has the details).
   * @default - `releaseName`
   */
  readonly manifestName?: string;
  /**
   * Values files, relative to `valuesDir`, merged in order (later files win; mappings merge, lists replace).
   * @default - none
   */
  readonly valuesFiles?: readonly string[];
  /**
   * Values merged after the files (for values derived from the cluster plan).
   * @default - none
   */
  readonly values?: HelmValues;
  /**
   * Typed Kubernetes objects appended after the chart's objects. Objects only a controller's webhook admits
   * (cert-manager's, lib/webhook-objects.ts) are refused here: they belong in ClusterAddons' late manifest.
   * @default - none
   */
  readonly extraObjects?: readonly KubernetesObject[];
  /**
   * Prepend a Namespace object for `namespace` (`helm template` renders none).
   * @default false
   */
  readonly createNamespace?: boolean;
  /**
   * Labels of the created Namespace, e.g. `{ 'pod-security.kubernetes.io/enforce': 'privileged' }` for charts whose
   * pods Talos's default `baseline` Pod Security level rejects.
   * @default - none
   */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  /**
   * Extra API versions the chart may assume the cluster serves (`group/version` or `group/version/Kind`), for
   * optional CRD-backed features such as `monitoring.coreos.com/v1` (ServiceMonitor).
   * @default - none
   */
  readonly apiVersions?: readonly string[];
  /**
   * Render the chart's `crds/` folder too.
   * @default true
   */
  readonly includeCrds?: boolean;
  /**
   * Folder holding the values files.
   * @default - the project's helm-values/ folder
   */
  readonly valuesDir?: string;
}

/** Namespaces every cluster already has; a chart installing into one must not create it. */
const BUILT_IN_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

const EXACT_VERSION = /^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$/;
const API_VERSION_ENTRY = /^([a-z0-9.-]+\/)?v[0-9]+[a-z0-9]*(\/[A-Z][A-Za-z0-9]*)?$/;

/**
 * A chart rendered into a Talos inline manifest.
 *
 * Values files are read and merged at synth, so validation (e.g. `checkCiliumValues`) sees exactly what Helm
 * receives; the rendered YAML exists only at plan time (`data.helm_template`), as a Terraform token in
 * `manifest.contents`. Talos applies inline manifests only on the control planes, create-only on a running
 * cluster; see the README on how chart upgrades roll.
 *
 * @example
 * // A chart of your own in a few lines: pin LONGHORN_CHART_VERSION in lib/versions.ts (with a Renovate
 * // marker), write helm-values/longhorn.yaml, then pass `longhorn.manifest` to every control plane together
 * // with the add-ons' inline manifests.
 * const longhorn = new HelmInlineManifest(this, 'longhorn', {
 *   repository: 'https://charts.longhorn.io',
 *   chart: 'longhorn',
 *   version: LONGHORN_CHART_VERSION,
 *   releaseName: 'longhorn',
 *   namespace: 'longhorn-system',
 *   createNamespace: true,
 *   namespaceLabels: { 'pod-security.kubernetes.io/enforce': 'privileged' },
 *   kubeVersion: plan.kubernetesVersion,
 *   valuesFiles: ['longhorn.yaml'],
 * });
 */
export class HelmInlineManifest extends Construct {
  /**
   * The inline manifest (its `contents` is a Terraform token): the chart's objects except those only a controller's
   * webhook admits, which are in {@link webhookObjects}.
   */
  readonly manifest: InlineManifest;
  /**
   * Terraform token: the rendered documents of API groups a controller's webhook admits (cert-manager's, e.g. the
   * Hubble certificates of Cilium's chart), joined by `---`; empty when the chart renders none. They must go into
   * a manifest applied after everything else (ClusterAddons' `cluster-addon-resources`).
   */
  readonly webhookObjects: string;
  /** The merged values (files, then `values`), as handed to Helm. */
  readonly values: HelmValues;
  /** The merged values as YAML. */
  readonly valuesYaml: string;
  /** The objects added around the chart output: the Namespace (when created), then the extra objects. */
  readonly objects: readonly KubernetesObject[];
  /** The `helm_template` data source. */
  readonly template: DataHelmTemplate;
  /** What the review report shows of this chart. */
  readonly summary: ChartSummary;

  constructor(scope: Construct, id: string, props: HelmInlineManifestProps) {
    super(scope, id);
    const name = props.manifestName ?? props.releaseName;
    validateProps(props, name);
    const valuesDir = props.valuesDir ?? projectHelmValuesDir();

    const layers = (props.valuesFiles ?? []).map((file) => readValuesFile(valuesDir, file));
    this.values = mergeAllValues([...layers, props.values ?? {}]);
    this.valuesYaml = renderValues(this.values);

    const namespaceObjects = props.createNamespace ? [namespaceObject(props.namespace, props.namespaceLabels)] : [];
    const extraObjects = props.extraObjects ?? [];
    this.objects = [...namespaceObjects, ...extraObjects];
    const webhook = extraObjects.filter(needsControllerWebhook);
    if (webhook.length)
      fail(
        'extraObjects',
        webhook.map((o) => `${o.kind}/${o.metadata.name}`),
        "objects only a running controller's webhook admits would block the objects after them",
        "pass them to ClusterAddons' late manifest (cluster-addon-resources) instead",
      );
    const problems = this.objects.flatMap((o) => validateK8sObject(o));
    if (problems.length) throw new Error(`chart ${name}: invalid extra objects:\n${problems.map((p) => `  ${formatProblem(name, p)}`).join('\n')}`);

    this.template = new DataHelmTemplate(this, 'template', {
      name: props.releaseName,
      repository: props.repository,
      chart: props.chart,
      version: props.version,
      namespace: props.namespace,
      kubeVersion: props.kubeVersion,
      apiVersions: [...(props.apiVersions ?? [])],
      includeCrds: props.includeCrds ?? true,
      // Chart tests are Helm hooks meant for `helm test`; Talos would just create the test pods.
      skipTests: true,
      values: [escapeTemplateLiteral(this.valuesYaml)],
    });

    // Literal YAML lives in Terraform locals, so `contents` is a pure expression: it stays valid wherever the
    // talos construct embeds it (plain attribute or inside yamlencode()).
    // The rendered stream is split by document: what a controller's webhook must admit goes to webhookObjects.
    // helm_template's `manifest` is `---\n<doc>\n` per document, so "\n---\n" separates documents exactly. The
    // for expression iterates a set (CDKTF wraps the list in toset), i.e. the documents sorted by their text, which
    // starts with `# Source: <chart>/templates/…` (the stream's leading `---` is trimmed first): a stable order by template
    // path (helm_template's own order is no better: it sorts by `manifest-<n>` key text). Order within a manifest
    // does not matter to Talos once nothing in it waits for a webhook (see ClusterAddons' ADDON_RESOURCES_MANIFEST).
    const docs = TerraformIterator.fromList(Fn.split('\n---\n', Fn.trimprefix(this.template.manifest, '---\n')));
    const matches = `length(regexall("${WEBHOOK_DOCUMENT_PATTERN}", val))`;
    const chartObjects = Fn.format('---\n%s', [Fn.join('\n---\n', docs.forExpressionForList(`val if ${matches} == 0`) as unknown as string[])]);
    this.webhookObjects = Fn.join('\n---\n', docs.forExpressionForList(`val if ${matches} > 0`) as unknown as string[]);
    const parts: string[] = [];
    if (namespaceObjects.length) parts.push(new TerraformLocal(this, 'namespace', escapeTemplateLiteral(renderObjects(namespaceObjects))).asString);
    parts.push(chartObjects);
    if (extraObjects.length) parts.push(new TerraformLocal(this, 'extra-objects', escapeTemplateLiteral(renderObjects(extraObjects))).asString);
    // format(), not join([...]): no reference sits right before a `]`, which some expression scanners (the shared
    // check-talos-config tool) mis-read.
    this.manifest = { name, contents: parts.length === 1 ? parts[0] : Fn.format(parts.map(() => '%s').join('\n'), parts) };

    this.summary = {
      name,
      repository: props.repository,
      chart: props.chart,
      version: props.version,
      namespace: props.namespace,
      values: this.valuesYaml,
    };
  }
}

function fail(field: string, value: unknown, message: string, fix: string): never {
  throw new Error(`HelmInlineManifest ${field} = ${JSON.stringify(value)}: ${message}. Fix: ${fix}`);
}

function validateProps(props: HelmInlineManifestProps, name: string): void {
  if (!/^(https?|oci):\/\/\S+$/.test(props.repository ?? ''))
    fail('repository', props.repository, 'not a chart repository URL', 'use https://… (Helm repository) or oci://… (OCI registry)');
  if (!props.chart || /\s/.test(props.chart)) fail('chart', props.chart, 'not a chart name', 'use the chart name as published in the repository');
  if (!EXACT_VERSION.test(props.version ?? ''))
    fail(
      'version',
      props.version,
      'not an exact chart version',
      'pin an exact version (e.g. 1.20.0) in lib/versions.ts; ranges would make renders drift',
    );
  if (!isDnsLabel(props.releaseName) || props.releaseName.length > 53)
    fail('releaseName', props.releaseName, 'not a Helm release name', 'use a DNS-1123 label of at most 53 characters');
  if (!isDnsSubdomain(name)) fail('manifestName', name, 'not a DNS-1123 subdomain', 'use lowercase letters, digits, `-` and `.`');
  if (!isDnsLabel(props.namespace)) fail('namespace', props.namespace, 'not a namespace name', 'use a DNS-1123 label');
  if (props.createNamespace && BUILT_IN_NAMESPACES.has(props.namespace))
    fail('createNamespace', true, `${props.namespace} always exists`, 'set createNamespace: false');
  if (!parseVersion(props.kubeVersion)) fail('kubeVersion', props.kubeVersion, 'not a Kubernetes version', 'pass plan.kubernetesVersion');
  for (const v of props.apiVersions ?? [])
    if (!API_VERSION_ENTRY.test(v))
      fail('apiVersions', v, 'not an API version', 'write group/version or group/version/Kind, e.g. monitoring.coreos.com/v1');
}
