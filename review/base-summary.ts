/**
 * Reading the base revision's cluster summary whatever its age: a base synthesized by older code may lack fields
 * this review compares, or hold them in another shape. Each field the base lacks (or holds in another shape) is
 * taken from the head, so it shows as unchanged rather than as a bogus change or a crash, and is listed as not
 * compared. Pure.
 */
import { ClusterSummary, SUMMARY_FORMAT_VERSION } from '../lib/cluster-summary';

/** A base summary made comparable, and what could not be compared. */
export interface BaseSummary {
  readonly summary: ClusterSummary;
  /** Format of the base summary (1 when it predates the field). */
  readonly formatVersion: number;
  /** Fields the base lacked or held in another shape, e.g. `extensions`, `nodes[].extraDisks`. */
  readonly notCompared: readonly string[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Same JSON kind: both lists, both objects, or the same primitive type. */
function sameKind(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b);
  if (isObject(a) || isObject(b)) return isObject(a) && isObject(b);
  return typeof a === typeof b;
}

/** An empty value of the kind of `template`: what an unmatched base item gets for a field it lacks. */
function emptyLike(template: unknown): unknown {
  if (Array.isArray(template)) return [];
  if (isObject(template)) return {};
  return typeof template === 'number' ? 0 : typeof template === 'boolean' ? false : typeof template === 'string' ? '' : template;
}

/** `item` with every field of `template` it lacks (or holds in another shape) filled from `fallback`. */
function fillItem(item: Json, template: Json, fallback: Json | undefined, path: string, notCompared: Set<string>): Json {
  const out: Json = { ...item };
  for (const [key, value] of Object.entries(template)) {
    if (sameKind(item[key], value)) continue;
    out[key] = fallback && key in fallback ? fallback[key] : emptyLike(value);
    notCompared.add(`${path}[].${key}`);
  }
  return out;
}

/** A list of objects matched by `name` (nodes, hosts, charts); other lists are compared as they are. */
function fillList(base: unknown[], head: unknown[], path: string, notCompared: Set<string>): unknown[] {
  const template = head.find(isObject);
  if (!template) return base;
  const byName = new Map(head.filter(isObject).map((h) => [h.name, h]));
  return base.flatMap((item) => {
    if (!isObject(item)) {
      notCompared.add(`${path}[]`);
      return [];
    }
    return [fillItem(item, template, byName.get(item.name), path, notCompared)];
  });
}

/** The base summary made comparable to `head`; throws only when it is not a JSON object at all. */
export function readBaseSummary(raw: unknown, head: ClusterSummary): BaseSummary {
  if (!isObject(raw)) throw new Error(`the base summary is ${Array.isArray(raw) ? 'a list' : typeof raw}, not an object`);
  const notCompared = new Set<string>();
  const out: Json = { ...raw };
  for (const [key, value] of Object.entries(head as unknown as Json)) {
    if (key === 'formatVersion') continue;
    if (!sameKind(raw[key], value)) {
      out[key] = value;
      notCompared.add(key);
    } else if (Array.isArray(value)) {
      out[key] = fillList(raw[key] as unknown[], value, key, notCompared);
    }
  }
  const formatVersion = typeof raw.formatVersion === 'number' ? raw.formatVersion : 1;
  return { summary: { ...(out as unknown as ClusterSummary), formatVersion }, formatVersion, notCompared: [...notCompared] };
}

/** True when the base summary needs a note: another format, or something not compared. */
export function needsFormatNote(base: BaseSummary): boolean {
  return base.formatVersion !== SUMMARY_FORMAT_VERSION || base.notCompared.length > 0;
}
