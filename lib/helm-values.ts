/**
 * Helm values as plain data: parsing a values file, merging layers the way `helm -f a.yaml -f b.yaml` does, and
 * reading a value by path. Pure: no file access, no CDKTF.
 *
 * YAML is read and written with YAML 1.1 rules, because Helm (sigs.k8s.io/yaml) and Talos parse YAML 1.1: an
 * unquoted `yes` or `on` is a boolean there, so it must be one here too, and strings like `"on"` stay quoted.
 */
import YAML from 'yaml';

/** A values tree: a YAML mapping. */
export type HelmValues = { readonly [key: string]: unknown };

/** True for a plain mapping (not null, not a list). */
export function isValuesMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Merges `override` onto `base` like Helm merges values files: mappings merge key by key, recursively; lists and
 * scalars replace. A `null` replaces too (Helm then drops the chart default). Neither input is modified.
 */
export function mergeValues(base: HelmValues, override: HelmValues): HelmValues {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = out[key];
    out[key] = isValuesMap(current) && isValuesMap(value) ? mergeValues(current, value) : value;
  }
  return out;
}

/** Merges layers in order; later layers win. */
export function mergeAllValues(layers: readonly HelmValues[]): HelmValues {
  return layers.reduce<HelmValues>((acc, layer) => mergeValues(acc, layer), {});
}

/** Why a values file's text is not a values tree: what is wrong and the fix, apart for the problem list. */
export class ValuesSyntaxError extends Error {
  constructor(
    readonly source: string,
    /** What is wrong, e.g. `is not valid YAML (…)`. */
    readonly reason: string,
    /** How to fix it. */
    readonly fix: string,
  ) {
    super(`${source}: ${reason}. Fix: ${fix}`);
    this.name = 'ValuesSyntaxError';
  }
}

/**
 * Parses a values file's text. An empty file is `{}`.
 * @throws ValuesSyntaxError naming `source` when the YAML is malformed or its top level is not a mapping.
 */
export function parseValues(text: string, source: string): HelmValues {
  let doc: unknown;
  try {
    doc = YAML.parse(text, { version: '1.1' });
  } catch (e) {
    throw new ValuesSyntaxError(
      source,
      `is not valid YAML (${(e as Error).message.split('\n')[0].replace(/:$/, '')})`,
      'correct the YAML syntax at that line',
    );
  }
  if (doc === null || doc === undefined) return {};
  if (!isValuesMap(doc)) {
    throw new ValuesSyntaxError(
      source,
      `the top level is a ${Array.isArray(doc) ? 'list' : typeof doc}, not a mapping`,
      'a values file is a YAML mapping of keys to values (key: value)',
    );
  }
  return doc;
}

/** The value at `path` (`'a.b.c'`, or a list of keys when a key contains a dot); undefined when absent. */
export function valueAt(values: HelmValues, path: string | readonly string[]): unknown {
  const keys = typeof path === 'string' ? path.split('.') : path;
  let current: unknown = values;
  for (const key of keys) {
    if (!isValuesMap(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** YAML text of a values tree, as handed to `helm_template` (YAML 1.1-safe quoting, no line folding). */
export function renderValues(values: HelmValues): string {
  return YAML.stringify(values, { version: '1.1', lineWidth: 0 });
}
