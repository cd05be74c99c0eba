/**
 * Schema-guided value transforms of the twins: computed attributes left unknown at plan time, unknowns filled
 * with deterministic fake values at apply time, and JSON state shaped to the schema on upgrade.
 */
import { createHash } from 'node:crypto';
import { isObject, ObjectValue, UNKNOWN, Value } from './dynamic-value';
import { AttributeSchema, BlockSchema, CtyType } from './schema';

/** Short deterministic hex digest of `seed`. */
export function digest(seed: string, length = 12): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, length);
}

/** A value's elements paired with the config's (by index or key; sets pair by position, as Terraform proposes them). */
function pairs(value: Value, config: Value): [string, Value, Value][] {
  if (Array.isArray(value)) return value.map((v, i) => [String(i), v, Array.isArray(config) ? (config[i] ?? null) : null]);
  if (isObject(value)) return Object.entries(value).map(([k, v]) => [k, v, isObject(config) ? (config[k] ?? null) : null]);
  return [];
}

function nestedObjects(value: Value, config: Value, mode: string, walk: (v: ObjectValue, c: Value) => ObjectValue): Value {
  if (value === null || value === UNKNOWN) return value;
  if (mode === 'single' || mode === 'group') return isObject(value) ? walk(value, config) : value;
  if (Array.isArray(value)) return pairs(value, config).map(([, v, c]) => (isObject(v) ? walk(v, c) : v));
  if (isObject(value)) return Object.fromEntries(pairs(value, config).map(([k, v, c]) => [k, isObject(v) ? walk(v, c) : v]));
  return value;
}

/**
 * Marks unknown every computed attribute the configuration leaves null (at any depth), except the top-level
 * attributes in `keep`: what a provider plans for values it will only learn when it creates the object.
 */
export function unknownComputed(block: BlockSchema, value: ObjectValue, config: Value, keep: ReadonlySet<string> = new Set()): ObjectValue {
  const cfg = isObject(config) ? config : {};
  const out: ObjectValue = { ...value };
  for (const [name, a] of Object.entries(block.attributes ?? {})) {
    if (a.computed && (cfg[name] ?? null) === null && !keep.has(name)) out[name] = UNKNOWN;
    else if (a.nested_type) {
      const nested = { attributes: a.nested_type.attributes };
      out[name] = nestedObjects(out[name] ?? null, cfg[name] ?? null, a.nested_type.nesting_mode, (v, c) => unknownComputed(nested, v, c));
    }
  }
  for (const [name, bt] of Object.entries(block.block_types ?? {})) {
    out[name] = nestedObjects(out[name] ?? null, cfg[name] ?? null, bt.nesting_mode, (v, c) => unknownComputed(bt.block, v, c));
  }
  return out;
}

/** A fake value of `type`, derived from `seed` only. */
export function fakeOfType(type: CtyType | undefined, seed: string): Value {
  if (type === 'number') return 1000 + (parseInt(digest(seed, 6), 16) % 9000);
  if (type === 'bool') return false;
  if (type === 'string' || type === 'dynamic' || type === undefined) return `twin-${digest(seed)}`;
  const [kind, arg] = type as [string, unknown];
  if (kind === 'list' || kind === 'set' || kind === 'tuple') return [];
  if (kind === 'map') return {};
  if (kind === 'object') {
    const attrs = arg as Record<string, CtyType>;
    return Object.fromEntries(Object.entries(attrs).map(([n, t]) => [n, fakeOfType(t, `${seed}.${n}`)]));
  }
  return `twin-${digest(seed)}`;
}

/** Replaces every unknown inside a value of cty type `type`. */
function fillTyped(type: CtyType | undefined, value: Value, seed: string): Value {
  if (value === UNKNOWN) return fakeOfType(type, seed);
  if (value === null || typeof type === 'string' || type === undefined) return value;
  const [kind, arg] = type as [string, unknown];
  if ((kind === 'list' || kind === 'set') && Array.isArray(value)) return value.map((v, i) => fillTyped(arg as CtyType, v, `${seed}[${i}]`));
  if (kind === 'tuple' && Array.isArray(value)) return value.map((v, i) => fillTyped((arg as CtyType[])[i], v, `${seed}[${i}]`));
  if (kind === 'map' && isObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillTyped(arg as CtyType, v, `${seed}.${k}`)]));
  if (kind === 'object' && isObject(value)) {
    const attrs = arg as Record<string, CtyType>;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillTyped(attrs[k], v, `${seed}.${k}`)]));
  }
  return value;
}

function fillAttribute(a: AttributeSchema, value: Value, seed: string): Value {
  if (!a.nested_type) return fillTyped(a.type, value, seed);
  const nested = { attributes: a.nested_type.attributes };
  if (value === UNKNOWN)
    return a.nested_type.nesting_mode === 'single' ? fillUnknown(nested, {}, seed) : a.nested_type.nesting_mode === 'map' ? {} : [];
  return nestedObjects(value, null, a.nested_type.nesting_mode, (v) => fillUnknown(nested, v, seed));
}

/** Replaces every unknown in an object of `block` by a fake value derived from `seed` and the attribute path. */
export function fillUnknown(block: BlockSchema, value: ObjectValue, seed: string): ObjectValue {
  const out: ObjectValue = { ...value };
  for (const [name, a] of Object.entries(block.attributes ?? {})) out[name] = fillAttribute(a, out[name] ?? null, `${seed}.${name}`);
  for (const [name, bt] of Object.entries(block.block_types ?? {})) {
    const v = out[name] ?? null;
    out[name] =
      v === UNKNOWN
        ? bt.nesting_mode === 'single' || bt.nesting_mode === 'group'
          ? null
          : bt.nesting_mode === 'map'
            ? {}
            : []
        : nestedObjects(v, null, bt.nesting_mode, (o) => fillUnknown(bt.block, o, `${seed}.${name}`));
  }
  return out;
}

/** A JSON value shaped to cty type `type` (missing object attributes become null). */
function conformTyped(type: CtyType | undefined, value: unknown): Value {
  if (value === null || value === undefined) return null;
  if (typeof type === 'string' || type === undefined) return value as Value;
  const [kind, arg] = type as [string, unknown];
  if ((kind === 'list' || kind === 'set') && Array.isArray(value)) return value.map((v) => conformTyped(arg as CtyType, v));
  if (kind === 'tuple' && Array.isArray(value)) return value.map((v, i) => conformTyped((arg as CtyType[])[i], v));
  if (kind === 'map' && typeof value === 'object')
    return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, conformTyped(arg as CtyType, v)]));
  if (kind === 'object' && typeof value === 'object') {
    const attrs = arg as Record<string, CtyType>;
    const v = value as Record<string, unknown>;
    return Object.fromEntries(Object.entries(attrs).map(([k, t]) => [k, conformTyped(t, v[k])]));
  }
  return value as Value;
}

function conformNested(mode: string, value: unknown, walk: (v: Record<string, unknown>) => ObjectValue, empty: Value): Value {
  if (value === null || value === undefined) return empty;
  if (mode === 'single' || mode === 'group') return walk(value as Record<string, unknown>);
  if (Array.isArray(value)) return value.map((v) => walk(v as Record<string, unknown>));
  return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, walk(v as Record<string, unknown>)]));
}

/** A resource's JSON state shaped to `block`: every attribute and block present, none extra. */
export function conformToBlock(block: BlockSchema, json: Record<string, unknown>): ObjectValue {
  const out: ObjectValue = {};
  for (const [name, a] of Object.entries(block.attributes ?? {})) {
    if (a.nested_type) {
      const nested = { attributes: a.nested_type.attributes };
      out[name] = conformNested(a.nested_type.nesting_mode, json[name], (v) => conformToBlock(nested, v), null);
    } else out[name] = conformTyped(a.type, json[name]);
  }
  for (const [name, bt] of Object.entries(block.block_types ?? {})) {
    const empty = bt.nesting_mode === 'single' || bt.nesting_mode === 'group' ? null : bt.nesting_mode === 'map' ? {} : [];
    out[name] = conformNested(bt.nesting_mode, json[name], (v) => conformToBlock(bt.block, v), empty);
  }
  return out;
}
