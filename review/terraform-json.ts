/**
 * Reading synthesized Terraform JSON: resources of a type, attribute paths, and whether
 * `lifecycle.ignore_changes` covers a path. Resource keys are cdktf logical ids, so callers match resources by
 * their attributes; keys matter only where Terraform addresses matter (a renamed key is a destroy and a create).
 */
import { TerraformBlock, TerraformJson } from './review-change';

/** A resource or data block with its logical id. */
export interface KeyedBlock {
  readonly key: string;
  readonly block: TerraformBlock;
}

/** Meta-arguments that are not provider attributes. */
const META_ARGUMENTS = new Set(['//', 'lifecycle', 'depends_on', 'provider', 'count', 'for_each', 'connection', 'provisioner']);

/** Every `resource` block of `type`. */
export function resourcesOf(tf: TerraformJson | undefined, type: string): KeyedBlock[] {
  return Object.entries(tf?.resource?.[type] ?? {}).map(([key, block]) => ({ key, block }));
}

/** The logical id a resource was moved to by a `moved` block of `tf`, if any. */
export function movedTarget(tf: TerraformJson | undefined, type: string, key: string): string | undefined {
  const from = `${type}.${key}`;
  const target = tf?.moved?.find((m) => m.from === from)?.to;
  return target?.startsWith(`${type}.`) ? target.slice(type.length + 1) : undefined;
}

/** The `lifecycle` block of a resource, or an empty object. */
export function lifecycleOf(block: TerraformBlock): Readonly<Record<string, unknown>> {
  const lifecycle = block.lifecycle;
  return lifecycle && typeof lifecycle === 'object' ? (lifecycle as Record<string, unknown>) : {};
}

/**
 * Leaf attribute values by path (`node_name`, `cpu.cores`, `disk[1].size`), meta-arguments left out. Lists of
 * scalars are leaves (`tags`); lists of objects are nested blocks indexed by position.
 */
export function flattenAttributes(block: TerraformBlock): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const visit = (value: unknown, path: string) => {
    if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object')) {
      value.forEach((v, i) => visit(v, `${path}[${i}]`));
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) visit(v, path ? `${path}.${k}` : k);
    } else {
      out.set(path, value);
    }
  };
  for (const [k, v] of Object.entries(block)) if (!META_ARGUMENTS.has(k)) visit(v, k);
  return out;
}

function segments(path: string): string[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '');
}

function covers(ignore: readonly string[], path: readonly string[]): boolean {
  if (ignore.length === 0) return true;
  if (path.length === 0) return false;
  const [i, ...restIgnore] = ignore;
  const [p, ...restPath] = path;
  if (i === p) return covers(restIgnore, restPath);
  // `cpu[0].cores` in ignore_changes also names `cpu.cores` written as a single JSON object.
  if (i === '0' && !/^\d+$/.test(p)) return covers(restIgnore, path);
  return false;
}

/** True when the block's `lifecycle.ignore_changes` (a list of paths, or "all") covers `path`. */
export function isIgnored(block: TerraformBlock, path: string): boolean {
  const ignore = lifecycleOf(block).ignore_changes;
  if (ignore === 'all') return true;
  if (!Array.isArray(ignore)) return false;
  const target = segments(path);
  return ignore.some((entry) => typeof entry === 'string' && (entry === 'all' || covers(segments(entry), target)));
}

/** The construct path cdktf records in a block's metadata (`homelab/vms/vm-homelab-cp-1/vm`), or its key. */
export function constructPath(entry: KeyedBlock): string {
  const meta = (entry.block['//'] as { metadata?: { path?: string } } | undefined)?.metadata;
  return meta?.path ?? entry.key;
}
