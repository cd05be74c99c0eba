/**
 * Terraform's DynamicValue encoding: a cty value as msgpack, where an unknown value is a msgpack extension (type 0
 * as Terraform writes it; type 12 when Terraform attaches refinements such as "not null", which the twins ignore).
 * Decoded values are plain JavaScript: null, string, number, boolean, arrays (lists, sets, tuples), objects (maps,
 * objects, blocks) and the UNKNOWN marker.
 */
import { decode, encode, ExtensionCodec } from '@msgpack/msgpack';

/** A value Terraform does not know yet ("known after apply"). */
export const UNKNOWN: unique symbol = Symbol('unknown');

/** A decoded cty value. */
export type Value = null | string | number | boolean | typeof UNKNOWN | Uint8Array | Value[] | { [key: string]: Value };

/** An object value (a resource, block or object attribute). */
export type ObjectValue = { [key: string]: Value };

/** Extension types of cty's msgpack encoding (zclconf/go-cty cty/msgpack: unknownVal, unknownValWithRefinements). */
const UNKNOWN_EXT = 0;
const REFINED_UNKNOWN_EXT = 12;

const codec = new ExtensionCodec();
codec.register({ type: UNKNOWN_EXT, encode: (v: unknown) => (v === UNKNOWN ? new Uint8Array([0]) : null), decode: () => UNKNOWN });
codec.register({ type: REFINED_UNKNOWN_EXT, encode: () => null, decode: () => UNKNOWN });

/** The `msgpack` bytes of a DynamicValue, decoded. */
export function decodeValue(msgpack: Uint8Array | undefined | null): Value {
  if (!msgpack || msgpack.length === 0) return null;
  return decode(msgpack, { extensionCodec: codec }) as Value;
}

/** A DynamicValue (`{ msgpack }`) for `value`. */
export function encodeValue(value: Value): { msgpack: Buffer } {
  const bytes = encode(value, { extensionCodec: codec, ignoreUndefined: false, forceFloat32: false });
  return { msgpack: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

/** Reads a DynamicValue message: msgpack when present, else its JSON form (which carries no unknowns). */
export function readDynamic(dv: { msgpack?: Uint8Array; json?: Uint8Array } | null | undefined): Value {
  if (!dv) return null;
  if (dv.msgpack && dv.msgpack.length > 0) return decodeValue(dv.msgpack);
  if (dv.json && dv.json.length > 0) return JSON.parse(Buffer.from(dv.json).toString('utf8')) as Value;
  return null;
}

/** True for an object value (not null, unknown, an array or bytes). */
export function isObject(v: Value | undefined): v is ObjectValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** True when `v` or anything inside it is unknown. */
export function containsUnknown(v: Value | undefined): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (isObject(v)) return Object.values(v).some(containsUnknown);
  return false;
}

/** Deep equality of two decoded values (unknown equals only unknown). */
export function sameValue(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(Buffer.from(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameValue(a[k] ?? null, b[k] ?? null));
  }
  return false;
}
