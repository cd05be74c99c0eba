/**
 * The definition and values-file mistakes of docs/definition-errors.md with the exact error lines synth prints for
 * each: run in-process by definition-errors.test.ts (stacks/synth-run.ts, every case whose mistake is in the cluster
 * list) and through the real app process by definition-errors.integ.test.ts (the cases that need project files, and
 * a few of the others).
 */
import { homelab } from '../../clusters/homelab';

/** One mistake and what synth prints for it. */
export interface BrokenCase {
  readonly mistake: string;
  /** TypeScript expression of the cluster list; `homelab` is in scope. Not type-checked, like `npm run synth`. */
  readonly clusters: string;
  /** Extra files under helm-values/. */
  readonly values?: Readonly<Record<string, string>>;
  /** A project file edited for this case only. */
  readonly edit?: { readonly file: string; readonly from: string; readonly to: string };
  /** The error lines, exactly. */
  readonly errors: readonly string[];
}

const withCilium = (files: string) =>
  `[{ ...homelab, addons: { ...homelab.addons, cilium: { ...homelab.addons.cilium, extraValuesFiles: ${files} } } }]`;
const worker = (patch: string) => `[{ ...homelab, workers: { nodes: [{ ...homelab.workers.nodes[0], ${patch} }] } }]`;

/** Every mistake, in the order of docs/definition-errors.md. */
export const BROKEN_CASES: readonly BrokenCase[] = [
  {
    mistake: 'a misspelled top-level key',
    clusters: `[{ ...homelab, kubernetesVerison: '1.36.3' }]`,
    errors: [
      'error homelab: kubernetesVerison = "1.36.3": is not a field of a cluster definition, so it would be ignored. Fix: did you mean `kubernetesVersion`?',
    ],
  },
  {
    mistake: 'a misspelled pool key',
    clusters: `[{ ...homelab, workers: { ...homelab.workers, memoryGib: 16 } }]`,
    errors: ['error homelab: workers.memoryGib = 16: is not a field of workers, so it would be ignored. Fix: did you mean `memoryGiB`?'],
  },
  {
    mistake: 'a misspelled node key',
    clusters: worker(`hots: 'pve1'`),
    errors: ['error homelab: workers.nodes[0].hots = "pve1": is not a field of workers.nodes[0], so it would be ignored. Fix: did you mean `host`?'],
  },
  {
    mistake: 'a misspelled extra-disk key',
    clusters: worker(`extraDisks: [{ sizeGiB: 100, datastor: 'ssd' }]`),
    errors: [
      'error homelab: workers.nodes[0].extraDisks[0].datastor = "ssd": is not a field of workers.nodes[0].extraDisks[0], so it would be ignored. Fix: did you mean `datastore`?',
    ],
  },
  {
    mistake: 'a Talos version without v',
    clusters: `[{ ...homelab, talos: { version: '1.13.9' } }]`,
    errors: [
      'error homelab: talos.version = "1.13.9": lacks the leading v of Talos release tags (the image and installer URLs use the tag). Fix: write "v1.13.9"',
    ],
  },
  {
    mistake: 'a Kubernetes version with v',
    clusters: `[{ ...homelab, kubernetesVersion: 'v1.36.3' }]`,
    errors: [
      'error homelab: kubernetesVersion = "v1.36.3": starts with v; a definition writes Kubernetes versions without it, like KUBERNETES_VERSION (1.36.3). Fix: write "1.36.3"',
    ],
  },
  {
    mistake: 'a values file with a YAML syntax error',
    clusters: withCilium(`['broken.yaml']`),
    values: { 'broken.yaml': 'hubble:\n  enabled: [true\n' },
    errors: [
      'error homelab: addons.cilium.extraValuesFiles[0] = "broken.yaml": is not valid YAML (Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 1). Fix: correct the YAML syntax at that line',
    ],
  },
  {
    mistake: 'a values file that is not a mapping',
    clusters: withCilium(`['list.yaml']`),
    values: { 'list.yaml': '- hubble\n- enabled\n' },
    errors: [
      'error homelab: addons.cilium.extraValuesFiles[0] = "list.yaml": the top level is a list, not a mapping. Fix: a values file is a YAML mapping of keys to values (key: value)',
    ],
  },
  {
    mistake: 'an unknown extension',
    clusters: `[{ ...homelab, talos: { extensions: ['siderolabs/qemu-guest-agnet'] } }]`,
    errors: [
      'error homelab: talos.extensions[0] = "siderolabs/qemu-guest-agnet": is not an official Image Factory extension of Talos v1.13 (lib/facts, as of 2026-08-21). Fix: did you mean "siderolabs/qemu-guest-agent"?',
    ],
  },
  {
    mistake: 'a Talos patch release that does not exist',
    clusters: `[{ ...homelab, talos: { version: 'v1.13.99' } }]`,
    errors: [
      'error homelab: talos.version = "v1.13.99": is not a Talos release: the newest v1.13 release is v1.13.9 (lib/facts, as of 2026-08-21). Fix: use v1.13.9 or an older patch of the line (if v1.13.99 was released since, run npm run refresh-facts)',
    ],
  },
  {
    mistake: 'a non-numeric size',
    clusters: `[{ ...homelab, workers: { ...homelab.workers, memoryGiB: 'lots' } }]`,
    errors: ['error homelab: workers.memoryGiB = "lots": is a string, not a number. Fix: write a number without quotes, e.g. 16 rather than \'16\''],
  },
  {
    mistake: 'a duplicate host',
    clusters: `[{ ...homelab, proxmoxHosts: [...homelab.proxmoxHosts, { name: 'pve1' }] }]`,
    errors: ['error homelab: proxmoxHosts[2].name = "pve1": is declared twice. Fix: declare each Proxmox host once'],
  },
  {
    mistake: 'an empty bridge and no NTP server',
    clusters: `[{ ...homelab, network: { ...homelab.network, bridge: '', ntpServers: [] } }]`,
    errors: [
      'error homelab: network.ntpServers = []: lists no NTP server; Talos needs synchronized time for etcd and certificates. Fix: list at least one, or remove ntpServers to use time.cloudflare.com (the Talos default)',
      'error homelab: network.bridge = "": is not a bridge name (a letter, then letters, digits, _ . or -, at most 15 characters). Fix: write the Proxmox bridge or SDN VNet the NICs attach to, e.g. vmbr0, or leave it out for vmbr0',
    ],
  },
  {
    mistake: 'Kubernetes 1.37 with cert-manager 1.21',
    clusters: `[{ ...homelab, talos: { version: 'v1.14.0-rc.1' }, kubernetesVersion: '1.37.0' }]`,
    errors: [
      'error homelab: kubernetesVersion = "1.37.0": is not supported by cert-manager v1.21.2 (CERT_MANAGER_CHART_VERSION in lib/versions.ts), which supports Kubernetes 1.33 to 1.36. Fix: use Kubernetes 1.33.x to 1.36.x, move CERT_MANAGER_CHART_VERSION to a release that supports 1.37, or disable cert-manager (addons.certManager.enabled: false)',
    ],
  },
  {
    mistake: 'a provider version bumped without regenerating the bindings',
    clusters: '[homelab]',
    edit: { file: 'lib/versions.ts', from: "TALOS_PROVIDER_VERSION = '0.11.0'", to: "TALOS_PROVIDER_VERSION = '0.12.0'" },
    errors: [
      'error project: lib/versions.ts TALOS_PROVIDER_VERSION = "0.12.0": the bindings in .gen/providers were generated for siderolabs/talos 0.11.0, so the synthesized stack would not use 0.12.0. Fix: run `npm run bindings` for siderolabs/talos 0.12.0 (it rewrites .gen/PROVENANCE.json), or set TALOS_PROVIDER_VERSION back to 0.11.0',
    ],
  },
  {
    mistake: 'a bundled values file edited against what the stack needs',
    clusters: '[homelab]',
    edit: { file: 'helm-values/cert-manager.yaml', from: 'crds:\n  enabled: true', to: 'crds:\n  enabled: false' },
    errors: [
      'error homelab: helm-values/cert-manager.yaml: crds.enabled = false: the CA issuer objects and other charts need the cert-manager CRDs in the same manifest set. Fix: set crds.enabled: true',
    ],
  },
  {
    mistake: 'a pool of the wrong type',
    clusters: `[{ ...homelab, controlPlanes: 3 }]`,
    errors: ['error homelab: controlPlanes = 3: is a number, not an object. Fix: write an object in braces, { … }'],
  },
  {
    mistake: 'a list of hosts written as one string',
    clusters: `[{ ...homelab, proxmoxHosts: 'pve1' }]`,
    errors: ["error homelab: proxmoxHosts = \"pve1\": is a string, not a list. Fix: write a list in brackets, e.g. ['a', 'b']"],
  },
  {
    mistake: 'a cluster list entry that is not a definition',
    clusters: `[homelab, null]`,
    errors: ['error clusters[1]: (definition) = null: is null, not an object. Fix: write an object in braces, { … }'],
  },
  {
    mistake: 'a definition without a name',
    clusters: `[{ ...homelab, name: undefined }]`,
    errors: [
      'error clusters[0]: name = undefined: is required in a cluster definition. Fix: set name (Cluster name (DNS-1123 label); also the stack name and the prefix of node names)',
    ],
  },
];

/** The cases whose mistake is in the cluster list alone (no values file, no edited project file). */
export const DEFINITION_CASES = BROKEN_CASES.filter((c) => !c.values && !c.edit);

/** The cluster list of a case, evaluated as `npm run synth` would run clusters/index.ts (not type-checked). */
export function clustersOf(c: BrokenCase): unknown[] {
  return new Function('homelab', `return ${c.clusters};`)(homelab) as unknown[];
}
