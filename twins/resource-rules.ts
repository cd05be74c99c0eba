/**
 * How the real providers plan changes to the resource types the stack uses: which attribute changes force a
 * replacement, and (for plugin-framework resources) which computed attributes keep their prior value on an update.
 * Each row cites the provider source it was read from (bpg/terraform-provider-proxmox v0.111.1,
 * siderolabs/terraform-provider-talos v0.11.0, hashicorp/terraform-provider-local v2.6.1).
 */
import { isObject, ObjectValue, sameValue, UNKNOWN, Value } from './dynamic-value';

/** One step of an attribute path: an attribute name or a list index. */
export type PathStep = string | number;

/** An attribute whose change forces a new resource. */
export interface ReplaceRule {
  /** Attribute path; `*` stands for every element of a list or set block. */
  readonly path: readonly string[];
  /** Extra condition besides "the value changed" (prior and planned resource objects). */
  readonly when?: (prior: ObjectValue, planned: ObjectValue) => boolean;
  /** Where the real provider says so. */
  readonly source: string;
}

/** How a resource type plans. */
export interface ResourceRules {
  /**
   * `framework`: terraform-plugin-framework marks every computed attribute the configuration leaves null unknown
   * when the planned object differs from the prior state (`MarkComputedNilsAsUnknown`), except those with a
   * `UseStateForUnknown` plan modifier (`keepOnUpdate`). `sdkv2`: computed attributes keep their prior values.
   */
  readonly sdk: 'framework' | 'sdkv2';
  readonly replace: readonly ReplaceRule[];
  /** Computed attributes with `UseStateForUnknown` (framework only). */
  readonly keepOnUpdate?: readonly string[];
}

const BPG = 'bpg/terraform-provider-proxmox v0.111.1';
const TALOS = 'siderolabs/terraform-provider-talos v0.11.0';
const LOCAL = 'hashicorp/terraform-provider-local v2.6.1';

/** `v1.2.3` < `v1.3.0`: semantic version order of two Talos versions (`v` optional). */
function isDowngrade(prior: Value, planned: Value): boolean {
  if (typeof prior !== 'string' || typeof planned !== 'string') return false;
  const parts = (v: string) =>
    v
      .replace(/^v/, '')
      .split(/[.-]/)
      .slice(0, 3)
      .map((x) => Number.parseInt(x, 10) || 0);
  const [a, b] = [parts(planned), parts(prior)];
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

const vmInit = (attr: string): ReplaceRule => ({
  path: ['initialization', '*', attr],
  source: `${BPG} proxmoxtf/resource/vm/vm.go: initialization.${attr} ForceNew`,
});

/** The rules of every resource type the twins plan; unlisted types never force replacement (framework semantics). */
export const RESOURCE_RULES: Readonly<Record<string, ResourceRules>> = {
  proxmox_virtual_environment_vm: {
    sdk: 'sdkv2',
    replace: [
      {
        path: ['vm_id'],
        when: (prior, planned) => planned.vm_id === UNKNOWN || String(planned.vm_id) !== prior.id,
        source: `${BPG} proxmoxtf/resource/vm/vm.go: CustomizeDiff ForceNewIf(mkVMID), unless the new vm_id equals the VM's id`,
      },
      {
        path: ['node_name'],
        when: (_prior, planned) => planned.migrate !== true,
        source: `${BPG} proxmoxtf/resource/vm/vm.go: CustomizeDiff ForceNewIf(mkNodeName) unless migrate is true`,
      },
      { path: ['amd_sev'], source: `${BPG} proxmoxtf/resource/vm/vm.go: mkAMDSEV ForceNew` },
      { path: ['clone'], source: `${BPG} proxmoxtf/resource/vm/vm.go: every mkClone* attribute ForceNew` },
      vmInit('user_data_file_id'),
      vmInit('vendor_data_file_id'),
      vmInit('network_data_file_id'),
      vmInit('meta_data_file_id'),
      vmInit('type'),
      { path: ['disk', '*', 'file_id'], source: `${BPG} proxmoxtf/resource/vm/disk/schema.go: mkDiskFileID ForceNew (import_from is not)` },
      { path: ['tpm_state', '*', 'version'], source: `${BPG} proxmoxtf/resource/vm/vm.go: forceNewOnTPMVersionChange` },
      { path: ['efi_disk', '*', 'type'], source: `${BPG} proxmoxtf/resource/vm/vm.go: forceNewOnEFIDiskTypeChange` },
    ],
  },
  proxmox_download_file: {
    sdk: 'framework',
    replace: ['content_type', 'file_name', 'datastore_id', 'node_name', 'url', 'checksum', 'decompression_algorithm', 'checksum_algorithm'].map(
      (a) => ({
        path: [a],
        source: `${BPG} fwprovider/nodes/resource_download_file.go: ${a} stringplanmodifier.RequiresReplace`,
      }),
    ),
    keepOnUpdate: ['file_name', 'size'],
  },
  talos_machine_secrets: {
    sdk: 'framework',
    replace: [
      {
        path: ['talos_version'],
        when: (prior, planned) => isDowngrade(prior.talos_version, planned.talos_version),
        source: `${TALOS} pkg/talos/talos_machine_secrets_resource.go: talosMachineFeaturesVersionPlanModifier requires replacement on a downgrade`,
      },
    ],
    keepOnUpdate: ['id'],
  },
  talos_machine_configuration_apply: {
    sdk: 'framework',
    replace: [],
    keepOnUpdate: ['id', 'machine_configuration', 'machine_configuration_hash'],
  },
  talos_machine_bootstrap: { sdk: 'framework', replace: [], keepOnUpdate: ['id'] },
  talos_cluster_kubeconfig: { sdk: 'framework', replace: [], keepOnUpdate: ['id', 'kubeconfig_raw', 'kubernetes_client_configuration'] },
  talos_image_factory_schematic: { sdk: 'framework', replace: [], keepOnUpdate: [] },
  local_sensitive_file: {
    sdk: 'framework',
    replace: ['filename', 'content', 'content_base64', 'source', 'file_permission', 'directory_permission'].map((a) => ({
      path: [a],
      source: `${LOCAL} internal/provider/resource_local_sensitive_file.go: ${a} stringplanmodifier.RequiresReplace`,
    })),
  },
};

/** The rules of `typeName` (framework semantics and no replacement when unlisted). */
export function rulesFor(typeName: string): ResourceRules {
  return RESOURCE_RULES[typeName] ?? { sdk: 'framework', replace: [] };
}

/** Concrete paths of `path` in `a` and `b` (expanding `*` over the longer of the two lists). */
function expand(path: readonly string[], a: Value, b: Value, prefix: PathStep[] = []): { path: PathStep[]; a: Value; b: Value }[] {
  if (path.length === 0) return [{ path: prefix, a, b }];
  const [head, ...rest] = path;
  if (head === '*') {
    const la = Array.isArray(a) ? a : [];
    const lb = Array.isArray(b) ? b : [];
    if (a === UNKNOWN || b === UNKNOWN) return [{ path: prefix, a, b }];
    const n = Math.max(la.length, lb.length);
    return Array.from({ length: n }, (_, i) => expand(rest, la[i] ?? null, lb[i] ?? null, [...prefix, i])).flat();
  }
  const pick = (v: Value) => (isObject(v) ? (v[head] ?? null) : v === UNKNOWN ? UNKNOWN : null);
  return expand(rest, pick(a), pick(b), [...prefix, head]);
}

/** The attribute paths whose change from `prior` to `planned` forces a new `typeName` resource. */
export function requiresReplace(typeName: string, prior: ObjectValue, planned: ObjectValue): PathStep[][] {
  const out: PathStep[][] = [];
  for (const rule of rulesFor(typeName).replace) {
    for (const p of expand(rule.path, prior, planned)) {
      if (!sameValue(p.a, p.b) && (!rule.when || rule.when(prior, planned))) out.push(p.path);
    }
  }
  return out;
}
