/**
 * What the twins answer where a real provider would ask Proxmox, Talos, the Image Factory or a chart repository:
 * values derived from the request (so two runs agree), and per-test overrides from a JSON file.
 *
 * Override file (path in the `TWINS_FIXTURES` environment variable of the twin server, re-read on every call):
 *
 * ```json
 * {
 *   "data": {
 *     "proxmox_virtual_environment_datastores": [
 *       { "when": { "node_name": "pve1" }, "values": { "datastores": [ ... ] } }
 *     ],
 *     "proxmox_virtual_environment_vms": [ { "values": { "vms": [ { "vm_id": 8011, "name": "other", ... } ] } } ],
 *     "proxmox_virtual_environment_node": [ { "when": { "node_name": "pve9" }, "error": "node pve9 does not exist" } ]
 *   },
 *   "resources": { "proxmox_virtual_environment_vm": [ { "when": { "vm_id": 8011 }, "error": "VM 8011 already exists" } ] }
 * }
 * ```
 *
 * The first entry of a type whose `when` attributes all equal the configuration's (no `when`: always) applies:
 * `error` makes the read (data) or the apply (resources) fail with that message; `values` replace attributes of the
 * answer. Missing object attributes in `values` are null.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { isObject, ObjectValue, sameValue, UNKNOWN, Value } from './dynamic-value';

/** One override entry. */
export interface FixtureEntry {
  readonly when?: Readonly<Record<string, unknown>>;
  readonly values?: Readonly<Record<string, unknown>>;
  readonly error?: string;
}

/** The override file. */
export interface FixtureFile {
  readonly data?: Readonly<Record<string, readonly FixtureEntry[]>>;
  readonly resources?: Readonly<Record<string, readonly FixtureEntry[]>>;
}

/** Environment variable naming the override file. */
export const FIXTURES_ENV = 'TWINS_FIXTURES';

/** The override entry for a data source (`data`) or resource apply (`resources`) of `typeName`, if any. */
export function fixtureFor(kind: 'data' | 'resources', typeName: string, config: Value, file = process.env[FIXTURES_ENV]): FixtureEntry | undefined {
  if (!file) return undefined;
  const fixtures = JSON.parse(fs.readFileSync(file, 'utf8')) as FixtureFile;
  const cfg = isObject(config) ? config : {};
  return fixtures[kind]?.[typeName]?.find((e) => Object.entries(e.when ?? {}).every(([k, v]) => sameValue(cfg[k] ?? null, v as Value)));
}

const hash = (algo: string, text: string, encoding: 'hex' | 'base64' = 'hex') => createHash(algo).update(text, 'utf8').digest(encoding);
const str = (v: Value | undefined, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const strings = (v: Value | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** YAML documents a chart could render: a ServiceAccount, ConfigMap and Deployment named after the release. */
function chartManifest(cfg: ObjectValue): string {
  const name = str(cfg.name, 'release');
  const chart = str(cfg.chart, 'chart');
  const version = str(cfg.version, '0.0.0');
  const namespace = str(cfg.namespace, 'default');
  const labels = `    app.kubernetes.io/name: ${chart}\n    app.kubernetes.io/instance: ${name}\n    helm.sh/chart: ${chart}-${version}`;
  return [
    `---\n# Source: ${chart}/templates/serviceaccount.yaml\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  labels:\n${labels}\n`,
    `---\n# Source: ${chart}/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-config\n  namespace: ${namespace}\n  labels:\n${labels}\ndata:\n  chart-version: "${version}"\n`,
    `---\n# Source: ${chart}/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  labels:\n${labels}\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: ${chart}\n  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: ${chart}\n    spec:\n      serviceAccountName: ${name}\n      containers:\n        - name: ${chart}\n          image: registry.example/${chart}:${version}\n`,
  ].join('');
}

/**
 * A machine configuration of the requested type (no real keys), followed by the configuration's patches as they
 * were given: the real provider merges them in, so any change of a patch changes the result as it would for real.
 */
function machineConfiguration(cfg: ObjectValue): string {
  const type = str(cfg.machine_type, 'worker');
  const k8s = str(cfg.kubernetes_version, '1.34.0');
  const base = [
    'version: v1alpha1',
    'machine:',
    `  type: ${type}`,
    `  token: twin-${hash('sha256', JSON.stringify(cfg.machine_secrets ?? null)).slice(0, 6)}.twinmachinetoken`,
    '  kubelet:',
    `    image: ghcr.io/siderolabs/kubelet:v${k8s.replace(/^v/, '')}`,
    'cluster:',
    `  clusterName: ${str(cfg.cluster_name)}`,
    '  controlPlane:',
    `    endpoint: ${str(cfg.cluster_endpoint)}`,
    '',
  ].join('\n');
  const patches = strings(cfg.config_patches).map((p) => `---\n# patch\n${p.replace(/^---\n/, '')}`);
  return [`# talos ${str(cfg.talos_version, 'default')}\n${base}`, ...patches].join('');
}

/** A talosconfig for the cluster's endpoints and nodes (dummy keys). */
function talosConfig(cfg: ObjectValue): string {
  const name = str(cfg.cluster_name, 'cluster');
  const list = (xs: string[]) => (xs.length ? xs.map((x) => `\n      - ${x}`).join('') : ' []');
  return `context: ${name}\ncontexts:\n  ${name}:\n    endpoints:${list(strings(cfg.endpoints))}\n    nodes:${list(strings(cfg.nodes))}\n    ca: dHdpbi1jYQ==\n    crt: dHdpbi1jcnQ=\n    key: dHdpbi1rZXk=\n`;
}

/** Computed attributes of a data source read, derived from its configuration (others get generic fakes). */
export function dataSourceAnswer(typeName: string, cfg: ObjectValue): ObjectValue {
  switch (typeName) {
    case 'helm_template': {
      const manifest = chartManifest(cfg);
      const docs = manifest.split('---\n').filter((d) => d.trim());
      const manifests = Object.fromEntries(docs.map((d) => [d.match(/# Source: (.*)\n/)?.[1] ?? 'manifest.yaml', `---\n${d}`]));
      return { id: str(cfg.name), manifest, manifests, notes: '', crds: [] };
    }
    case 'talos_machine_configuration':
      return { id: str(cfg.cluster_name), machine_configuration: machineConfiguration(cfg) };
    case 'talos_client_configuration':
      return { id: str(cfg.cluster_name), talos_config: talosConfig(cfg) };
    case 'talos_image_factory_versions':
      return { id: 'talos_versions', talos_versions: ['v1.12.0', 'v1.12.6', 'v1.13.0', 'v1.13.9', 'v1.13.10'] };
    case 'talos_image_factory_extensions_versions': {
      const names = ['siderolabs/qemu-guest-agent', 'siderolabs/iscsi-tools', 'siderolabs/util-linux-tools'];
      const version = str(cfg.talos_version, 'v1.13.0');
      const info = names.map((name) => ({
        name,
        ref: `ghcr.io/${name}:${version}`,
        digest: `sha256:${hash('sha256', `${name}@${version}`)}`,
        author: 'Sidero Labs',
        description: `${name} system extension`,
      }));
      return { id: version, extensions_info: info };
    }
    default:
      return {};
  }
}

/** Computed attributes of an applied resource that a real provider derives from its inputs. */
export function appliedAnswer(typeName: string, planned: ObjectValue): ObjectValue {
  switch (typeName) {
    case 'talos_image_factory_schematic':
      // siderolabs/image-factory: a schematic's ID is the sha256 of its (canonical) YAML.
      return { id: hash('sha256', str(planned.schematic)) };
    case 'proxmox_virtual_environment_vm':
      // bpg: the resource ID is the VM ID.
      return typeof planned.vm_id === 'number' ? { id: String(planned.vm_id) } : {};
    case 'proxmox_download_file':
      // bpg: the volume ID, `<datastore>:<content type>/<file name>`.
      return { id: `${str(planned.datastore_id)}:${str(planned.content_type)}/${str(planned.file_name)}`, size: 104857600 };
    case 'local_sensitive_file': {
      // hashicorp/local: the ID is the SHA1 of the content; the checksums are of the content.
      const content = typeof planned.content === 'string' ? planned.content : Buffer.from(str(planned.content_base64), 'base64').toString('utf8');
      return {
        id: hash('sha1', content),
        content_md5: hash('md5', content),
        content_sha1: hash('sha1', content),
        content_sha256: hash('sha256', content),
        content_base64sha256: hash('sha256', content, 'base64'),
        content_sha512: hash('sha512', content),
        content_base64sha512: hash('sha512', content, 'base64'),
        file_permission: '0700',
        directory_permission: '0700',
      };
    }
    default:
      return {};
  }
}

/** `answer`'s attributes set on `value` where `value` is unknown (or, with `overwrite`, null too). */
export function fillFrom(value: ObjectValue, answer: Readonly<Record<string, unknown>>, overwrite: 'unknown' | 'unknown-or-null'): ObjectValue {
  const out: ObjectValue = { ...value };
  for (const [k, v] of Object.entries(answer)) {
    if (!(k in out)) continue;
    if (out[k] === UNKNOWN || (overwrite === 'unknown-or-null' && out[k] === null)) out[k] = v as Value;
  }
  return out;
}
