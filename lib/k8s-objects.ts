/**
 * Minimal typed Kubernetes objects, a structural validator, and YAML rendering for the objects this project adds
 * beside Helm charts (namespaces, load-balancer pools, issuers, Argo CD applications). Pure: no CDKTF.
 */
import YAML from 'yaml';
import { errorAt, Problem } from './problems';
import { isDnsLabel, isDnsSubdomain } from './dns-names';

/** Object metadata: only what a manifest may set. */
export interface ObjectMeta {
  /** DNS-1123 subdomain (a DNS-1123 label for namespaces). */
  readonly name: string;
  /** Set for namespaced kinds, absent for cluster-scoped ones. */
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Any Kubernetes object: `apiVersion`, `kind`, `metadata` and kind-specific fields. */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  readonly [field: string]: unknown;
}

/** A core/v1 Namespace. */
export interface NamespaceObject extends KubernetesObject {
  readonly apiVersion: 'v1';
  readonly kind: 'Namespace';
}

/** Whether objects of a kind live in a namespace. */
export type ObjectScope = 'Namespaced' | 'Cluster';

/**
 * Scope of the kinds this project creates or commonly meets, keyed `group/Kind` (core group: `/Kind`). Kinds not
 * listed are checked for everything but their namespace.
 */
export const KNOWN_SCOPES: Readonly<Record<string, ObjectScope>> = {
  '/Namespace': 'Cluster',
  '/ConfigMap': 'Namespaced',
  '/Secret': 'Namespaced',
  '/Service': 'Namespaced',
  '/ServiceAccount': 'Namespaced',
  'apps/Deployment': 'Namespaced',
  'apps/DaemonSet': 'Namespaced',
  'rbac.authorization.k8s.io/ClusterRole': 'Cluster',
  'rbac.authorization.k8s.io/ClusterRoleBinding': 'Cluster',
  'rbac.authorization.k8s.io/Role': 'Namespaced',
  'rbac.authorization.k8s.io/RoleBinding': 'Namespaced',
  'apiextensions.k8s.io/CustomResourceDefinition': 'Cluster',
  'cilium.io/CiliumLoadBalancerIPPool': 'Cluster',
  'cilium.io/CiliumL2AnnouncementPolicy': 'Cluster',
  'cert-manager.io/ClusterIssuer': 'Cluster',
  'cert-manager.io/Issuer': 'Namespaced',
  'cert-manager.io/Certificate': 'Namespaced',
  'argoproj.io/Application': 'Namespaced',
  'argoproj.io/AppProject': 'Namespaced',
  'gateway.networking.k8s.io/GatewayClass': 'Cluster',
  'gateway.networking.k8s.io/Gateway': 'Namespaced',
};

const API_VERSION = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?v[1-9][0-9]*((alpha|beta)[1-9][0-9]*)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** True for a label key (`prefix/name`, prefix a DNS subdomain, name ≤ 63). */
function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  return (prefix === undefined || isDnsSubdomain(prefix)) && name.length <= 63 && LABEL_NAME.test(name);
}

/** The API group of an apiVersion (`''` for core `v1`). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash >= 0 ? apiVersion.slice(0, slash) : '';
}

/** Scope of a kind from {@link KNOWN_SCOPES}; undefined when not listed. */
export function scopeOf(obj: Pick<KubernetesObject, 'apiVersion' | 'kind'>): ObjectScope | undefined {
  return KNOWN_SCOPES[`${apiGroup(obj.apiVersion)}/${obj.kind}`];
}

/**
 * Structural problems of one object: apiVersion and kind syntax, `metadata.name` a DNS-1123 subdomain (a label for
 * Namespaces), `metadata.namespace` a DNS-1123 label, present exactly when the kind is namespaced (for the kinds in
 * {@link KNOWN_SCOPES}), and valid label keys and values. Paths read `Kind/name: field`.
 */
export function validateK8sObject(obj: KubernetesObject): Problem[] {
  const problems: Problem[] = [];
  const where = `${obj?.kind ?? '?'}/${obj?.metadata?.name ?? '?'}`;
  const add = (field: string, value: unknown, message: string, fix: string) => problems.push(errorAt(`${where}: ${field}`, value, message, fix));
  if (typeof obj?.apiVersion !== 'string' || !API_VERSION.test(obj.apiVersion))
    add('apiVersion', obj?.apiVersion, 'not an API version', 'write `v1` or `group/version`, e.g. `cilium.io/v2`');
  if (typeof obj?.kind !== 'string' || !KIND.test(obj.kind)) add('kind', obj?.kind, 'not a kind name', 'write the CamelCase kind, e.g. `ConfigMap`');
  const meta = obj?.metadata;
  if (!meta || typeof meta !== 'object') {
    add('metadata', meta, 'metadata is missing', 'set metadata.name');
    return problems;
  }
  const nameOk = obj.kind === 'Namespace' ? isDnsLabel(meta.name) : isDnsSubdomain(meta.name);
  if (!nameOk)
    add(
      'metadata.name',
      meta.name,
      `not a DNS-1123 ${obj.kind === 'Namespace' ? 'label' : 'subdomain'}`,
      'use lowercase letters, digits and `-` (and `.` except for namespaces), starting and ending alphanumeric',
    );
  if (meta.namespace !== undefined && !isDnsLabel(meta.namespace))
    add('metadata.namespace', meta.namespace, 'not a DNS-1123 label', 'use a valid namespace name');
  const scope = typeof obj.apiVersion === 'string' ? scopeOf(obj) : undefined;
  if (scope === 'Namespaced' && meta.namespace === undefined)
    add('metadata.namespace', undefined, `${obj.kind} is namespaced but has no namespace`, 'set metadata.namespace (Talos does not default it)');
  if (scope === 'Cluster' && meta.namespace !== undefined)
    add('metadata.namespace', meta.namespace, `${obj.kind} is cluster-scoped`, 'remove metadata.namespace');
  for (const [key, value] of Object.entries(meta.labels ?? {})) {
    if (!isLabelKey(key))
      add(`metadata.labels[${key}]`, key, 'not a valid label key', 'use `[prefix/]name` with name ≤ 63 alphanumeric, `-`, `_`, `.`');
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value))
      add(`metadata.labels[${key}]`, value, 'not a valid label value', 'use a string of ≤ 63 alphanumeric, `-`, `_`, `.`');
  }
  return problems;
}

/** A Namespace object with the given labels (e.g. `pod-security.kubernetes.io/enforce: privileged`). */
export function namespaceObject(name: string, labels: Readonly<Record<string, string>> = {}): NamespaceObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: Object.keys(labels).length ? { name, labels } : { name } };
}

/**
 * Multi-document YAML of the objects, each document starting with `---`, in the given order (YAML 1.1-safe
 * quoting, as Talos and Kubernetes parse it). Empty string for no objects.
 */
export function renderObjects(objects: readonly KubernetesObject[]): string {
  return objects.map((o) => `---\n${YAML.stringify(o, { version: '1.1', lineWidth: 0 })}`).join('');
}
