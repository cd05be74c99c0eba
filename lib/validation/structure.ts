/**
 * The definition's shape, checked at run time as strictly as the TypeScript type: unknown fields (with the closest
 * valid name), wrong types, missing required fields and values outside a fixed set. The shape has one source, the
 * interfaces of lib/cluster-definition.ts; `npm run definition-schema` generates .gen/cluster-definition.schema.json
 * from them and compiles it into ajv's standalone validator .gen/cluster-definition.validate.js (no schema compile
 * at run time); a test fails when either file is stale. `npm run synth` runs the app through esbuild without a
 * type-check, so this is what stops `memoryGib: 16` from deploying 8 GiB workers.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { distance } from 'fastest-levenshtein';
import { errorAt, Problem } from '../problems';

/** The result of the shape check. */
export interface StructureCheck {
  /** One problem per unknown field, wrong type, missing field or value outside its set. */
  readonly problems: readonly Problem[];
  /**
   * True when every value has the type the rules expect (unknown fields alone leave it true: no rule reads them).
   * The other rules run only then; they would misread or crash on a value of the wrong type.
   */
  readonly typesValid: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- generated CommonJS, bundled by esbuild
const validate = require('../../.gen/cluster-definition.validate.js') as ValidateFunction;

/**
 * `/workers/nodes/0/memoryGib` → `workers.nodes[0].memoryGib`; the definition itself is `(definition)`. The path
 * may name a field the type lacks (an unknown key), so its problems are reported with `errorAt`.
 */
export function definitionPath(pointer: string, ...more: string[]): string {
  const keys = [
    ...pointer
      .split('/')
      .slice(1)
      .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~')),
    ...more,
  ];
  const text = keys.map((k, i) => (/^\d+$/.test(k) ? `[${k}]` : `${i === 0 ? '' : '.'}${k}`)).join('');
  return text === '' ? '(definition)' : text;
}

/**
 * The valid name closest to `key` when it is plausibly a typo of it (case, a letter or two, or a shortened name),
 * else undefined.
 */
export function closestName(key: string, candidates: readonly string[]): string | undefined {
  // A name differing only in case is at distance 0 below, so it needs no case of its own.
  const lower = key.toLowerCase();
  const shortened = candidates.filter((c) => lower.length >= 4 && c.toLowerCase().startsWith(lower));
  if (shortened.length === 1) return shortened[0];
  const ranked = candidates.map((c) => ({ c, d: distance(key.toLowerCase(), c.toLowerCase()) })).sort((a, b) => a.d - b.d);
  const best = ranked[0];
  return best && best.d <= Math.max(2, Math.floor(key.length / 3)) ? best.c : undefined;
}

/** How a value reads in a message: `a string`, `a list`, `null`. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

const TYPE_FIX: Readonly<Record<string, string>> = {
  string: 'write it as a string in quotes',
  number: "write a number without quotes, e.g. 16 rather than '16'",
  integer: 'write a whole number without quotes',
  boolean: 'write true or false without quotes',
  array: "write a list in brackets, e.g. ['a', 'b']",
  object: 'write an object in braces, { … }',
};

function fieldsOf(e: ErrorObject): string[] {
  const properties = (e.parentSchema as { properties?: Record<string, unknown> }).properties ?? {};
  return Object.keys(properties);
}

function where(instancePath: string): string {
  return instancePath === '' ? 'a cluster definition' : definitionPath(instancePath);
}

function toProblem(e: ErrorObject): Problem {
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const fields = fieldsOf(e);
      const guess = closestName(key, fields);
      const value = (e.data as Record<string, unknown>)[key];
      const fix = guess ? `did you mean \`${guess}\`?` : `remove it; the fields of ${where(e.instancePath)} are ${fields.join(', ')}`;
      return errorAt(definitionPath(e.instancePath, key), value, `is not a field of ${where(e.instancePath)}, so it would be ignored`, fix);
    }
    case 'required': {
      const key = String((e.params as { missingProperty: string }).missingProperty);
      const field = ((e.parentSchema as { properties?: Record<string, { description?: string; enum?: unknown[] }> }).properties ?? {})[key];
      const hint = field?.enum
        ? ` to one of ${field.enum.map((v) => JSON.stringify(v)).join(', ')}`
        : field?.description
          ? ` (${field.description.replace(/\.$/, '')})`
          : '';
      return errorAt(definitionPath(e.instancePath, key), undefined, `is required in ${where(e.instancePath)}`, `set ${key}${hint}`);
    }
    case 'type': {
      const type = String((e.params as { type: string }).type);
      return errorAt(
        definitionPath(e.instancePath),
        e.data,
        `is ${kindOf(e.data)}, not ${type === 'array' ? 'a list' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`}`,
        TYPE_FIX[type] ?? `write a ${type}`,
      );
    }
    case 'enum':
    case 'const': {
      const allowed =
        e.keyword === 'enum' ? (e.params as { allowedValues: unknown[] }).allowedValues : [(e.params as { allowedValue: unknown }).allowedValue];
      const guess = typeof e.data === 'string' ? closestName(e.data, allowed.map(String)) : undefined;
      return errorAt(
        definitionPath(e.instancePath),
        e.data,
        `is not one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`,
        guess ? `did you mean ${JSON.stringify(guess)}?` : `use one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`,
      );
    }
    default:
      return errorAt(
        definitionPath(e.instancePath),
        e.data,
        String(e.message),
        'correct the value to match the ClusterDefinition type (lib/cluster-definition.ts)',
      );
  }
}

/**
 * Every shape problem of `def` (anything: it may come from a file that was never type-checked), in document order.
 * An error below a value of the wrong type is left out: the value itself is the problem.
 */
export function structureProblems(def: unknown): StructureCheck {
  if (validate(def)) return { problems: [], typesValid: true };
  // `if` reports only that its `then` failed; the `then` errors themselves follow. A failed validation always has
  // errors, and the validator is compiled with `verbose`, so each error carries its `parentSchema`.
  const errors = validate.errors!.filter((e) => e.keyword !== 'if');
  const wrongType = errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath);
  // A union whose discriminator (`state.type`) is missing or unknown: only that is reported, not every branch.
  const noBranch = errors
    .filter((e) => !e.schemaPath.includes('/then/') && (e.keyword === 'required' || e.keyword === 'enum'))
    .map((e) => e.instancePath);
  const below = (e: ErrorObject, paths: string[]) => paths.some((p) => e.instancePath.startsWith(`${p}/`));
  const kept = errors.filter(
    (e) => !below(e, wrongType) && !(e.schemaPath.includes('/then/') && (noBranch.includes(e.instancePath) || below(e, noBranch))),
  );
  const seen = new Set<string>();
  const problems = kept.map(toProblem).filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { problems, typesValid: kept.every((e) => e.keyword === 'additionalProperties') };
}
