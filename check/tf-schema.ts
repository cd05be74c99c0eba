/**
 * Checks a synthesized `cdk.tf.json` against the provider schema facts the way Terraform reads JSON syntax:
 * unknown keys, read-only (computed-only) keys, missing required keys, nested block counts, literal value types,
 * and, for object-typed attributes, every attribute of the object present (null where unset). Terraform reads a
 * name the schema declares as an attribute as an attribute in JSON (terraform `internal/lang/blocktoattr`,
 * `effectiveSchema`) and converts the value to the object type strictly (hashicorp/terraform#23347).
 *
 * Expressions (`${…}` strings) are not evaluated: their type is unknown here and left to Terraform. Pure: JSON in,
 * problems out.
 */
import { closest } from 'fastest-levenshtein';
import { Problem, errorAt } from '../lib/problems';
import { ProviderFacts, SchemaAttribute, SchemaBlock, TERRAFORM_DATA_SCHEMA, TfType } from './schema-facts';

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object as parsed from cdk.tf.json. */
export type JsonObject = { [key: string]: Json };

const RESOURCE_META = new Set(['//', 'count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection']);
const DATA_META = new Set(['//', 'count', 'for_each', 'provider', 'depends_on', 'lifecycle']);
const PROVIDER_META = new Set(['//', 'alias', 'version']);

const isObject = (v: Json | undefined): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);
const isExpression = (v: Json | undefined): boolean => typeof v === 'string' && v.includes('${');

function suggestion(key: string, known: readonly string[]): string {
  return known.length ? `did you mean "${closest(key, [...known])}"? ` : '';
}

/** Problems of one value against a Terraform type; `at` names the value in messages. */
function checkType(at: string, value: Json, type: TfType): Problem[] {
  if (value === null || isExpression(value) || type === 'dynamic') return [];
  if (typeof type === 'string') {
    const ok =
      (type === 'string' && ['string', 'number', 'boolean'].includes(typeof value)) ||
      (type === 'number' && (typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))))) ||
      (type === 'bool' && (typeof value === 'boolean' || value === 'true' || value === 'false'));
    return ok ? [] : [errorAt(at, value, `is not a ${type}`, `write a ${type} value`)];
  }
  const [kind, element, optionals] = type as [string, TfType | Record<string, TfType>, string[] | undefined];
  if (kind === 'list' || kind === 'set') {
    if (!Array.isArray(value)) return [errorAt(at, value, `is not a ${kind}`, `write a JSON array`)];
    return value.flatMap((v, i) => checkType(`${at}[${i}]`, v, element as TfType));
  }
  if (kind === 'map') {
    if (!isObject(value)) return [errorAt(at, value, 'is not a map', 'write a JSON object')];
    return Object.entries(value).flatMap(([k, v]) => checkType(`${at}.${k}`, v, element as TfType));
  }
  if (kind === 'object') {
    if (!isObject(value)) return [errorAt(at, value, 'is not an object', 'write a JSON object')];
    const attrs = element as Record<string, TfType>;
    const optional = new Set(optionals ?? []);
    const unknown = Object.keys(value).filter((k) => !(k in attrs));
    const missing = Object.keys(attrs).filter((k) => !(k in value) && !optional.has(k));
    return [
      ...unknown.map((k) =>
        errorAt(`${at}.${k}`, value[k], `is not an attribute of this object type`, `${suggestion(k, Object.keys(attrs))}remove it`),
      ),
      ...(missing.length
        ? [
            errorAt(
              at,
              value,
              `misses object attribute(s) ${missing.join(', ')}: in JSON syntax every attribute of an object type must be written`,
              `write ${missing.map((k) => `"${k}": null`).join(', ')} where unset`,
            ),
          ]
        : []),
      ...Object.keys(attrs)
        .filter((k) => k in value)
        .flatMap((k) => checkType(`${at}.${k}`, value[k], attrs[k])),
    ];
  }
  if (kind === 'tuple') {
    if (!Array.isArray(value)) return [errorAt(at, value, 'is not a tuple', 'write a JSON array')];
    return value.flatMap((v, i) => checkType(`${at}[${i}]`, v, (element as unknown as TfType[])[i] ?? 'dynamic'));
  }
  return [];
}

/** Problems of a framework nested attribute (`nested_type`): optional inner attributes may be left out. */
function checkNested(at: string, value: Json, attr: SchemaAttribute): Problem[] {
  if (value === null || isExpression(value)) return [];
  const nested = attr.nested_type!;
  const one = (where: string, v: Json) =>
    isObject(v)
      ? checkAttributes(where, v, nested.attributes, new Set())
      : isExpression(v)
        ? []
        : [errorAt(where, v, 'is not an object', 'write a JSON object')];
  if (nested.nesting_mode === 'single') return one(at, value);
  if (nested.nesting_mode === 'map')
    return isObject(value)
      ? Object.entries(value).flatMap(([k, v]) => one(`${at}.${k}`, v))
      : [errorAt(at, value, 'is not a map', 'write a JSON object')];
  return Array.isArray(value)
    ? value.flatMap((v, i) => one(`${at}[${i}]`, v))
    : [errorAt(at, value, `is not a ${nested.nesting_mode}`, 'write a JSON array')];
}

function checkAttributes(
  at: string,
  body: JsonObject,
  attributes: Readonly<Record<string, SchemaAttribute>>,
  allowed: ReadonlySet<string>,
  blocks: readonly string[] = [],
): Problem[] {
  const known = [...Object.keys(attributes), ...blocks];
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (allowed.has(key) || blocks.includes(key)) continue;
    const attr = attributes[key];
    if (!attr) {
      problems.push(errorAt(`${at}.${key}`, value, 'is not an argument of this schema', `${suggestion(key, known)}remove it`));
    } else if (attr.computed && !attr.optional && !attr.required) {
      problems.push(errorAt(`${at}.${key}`, value, 'is read-only (computed by the provider)', 'remove it; read it from the resource instead'));
    } else if (attr.nested_type) {
      problems.push(...checkNested(`${at}.${key}`, value, attr));
    } else if (attr.type !== undefined) {
      problems.push(...checkType(`${at}.${key}`, value, attr.type));
    }
  }
  for (const [key, attr] of Object.entries(attributes)) {
    if (attr.required && !(key in body)) problems.push(errorAt(`${at}.${key}`, null, 'is required and missing', `set ${key}`));
  }
  return problems;
}

/** Problems of one block body (resource, data source, provider or nested block). */
function checkBlock(at: string, body: Json, block: SchemaBlock, meta: ReadonlySet<string>): Problem[] {
  if (isExpression(body)) return [];
  if (!isObject(body)) return [errorAt(at, body, 'is not an object', 'write the block as a JSON object')];
  const blockTypes = block.block_types ?? {};
  const problems = checkAttributes(at, body, block.attributes ?? {}, meta, Object.keys(blockTypes));
  for (const [name, bt] of Object.entries(blockTypes)) {
    const value = body[name];
    const items = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
    if (isExpression(value)) continue;
    if (bt.min_items && items.length < bt.min_items)
      problems.push(errorAt(`${at}.${name}`, value ?? null, `needs at least ${bt.min_items} block(s)`, `write ${bt.min_items} ${name} block(s)`));
    if (bt.max_items && items.length > bt.max_items)
      problems.push(errorAt(`${at}.${name}`, value ?? null, `allows at most ${bt.max_items} block(s)`, `write at most ${bt.max_items}`));
    if (bt.nesting_mode === 'map') {
      if (isObject(value)) for (const [k, v] of Object.entries(value)) problems.push(...checkBlock(`${at}.${name}.${k}`, v, bt.block, new Set()));
      continue;
    }
    items.forEach((item, i) =>
      problems.push(...checkBlock(items.length > 1 || Array.isArray(value) ? `${at}.${name}[${i}]` : `${at}.${name}`, item, bt.block, new Set())),
    );
  }
  return problems;
}

/** Provider registry address (`bpg/proxmox`) by local name, from `terraform.required_providers`. */
function providerAddresses(stack: JsonObject): Map<string, string> {
  const required = ((stack.terraform as JsonObject | undefined)?.required_providers ?? {}) as JsonObject;
  const out = new Map<string, string>();
  for (const [local, spec] of Object.entries(required)) {
    const source = isObject(spec) && typeof spec.source === 'string' ? spec.source : local;
    out.set(local, (source.includes('/') ? source : `hashicorp/${source}`).replace(/^registry\.terraform\.io\//, '').toLowerCase());
  }
  return out;
}

/** Counts what was checked, for the summary line. */
export interface SchemaCheckResult {
  readonly problems: Problem[];
  readonly blocksChecked: number;
}

/** Checks every provider, resource and data block of one stack against the facts. */
export function checkStackSchema(stack: JsonObject, facts: ProviderFacts): SchemaCheckResult {
  const addresses = providerAddresses(stack);
  const problems: Problem[] = [];
  let blocksChecked = 0;
  const schemaFor = (type: string): { schema?: ReturnType<ProviderFacts['get']>; address?: string } => {
    // Without a required_providers entry Terraform implies hashicorp/<prefix>.
    const local = type.split('_')[0];
    const address = addresses.get(local) ?? `hashicorp/${local}`;
    return { schema: facts.get(address), address };
  };
  for (const [local, configs] of Object.entries((stack.provider ?? {}) as JsonObject)) {
    const address = addresses.get(local);
    const schema = address ? facts.get(address) : undefined;
    if (!schema) {
      problems.push(
        errorAt(
          `provider.${local}`,
          null,
          `no required_providers entry or vendored schema for provider "${local}"`,
          'declare the provider in required_providers and vendor its schema (npm run bindings)',
        ),
      );
      continue;
    }
    for (const [i, config] of (Array.isArray(configs) ? configs : [configs]).entries()) {
      blocksChecked++;
      problems.push(...checkBlock(`provider.${local}[${i}]`, config, schema.provider.block, PROVIDER_META));
    }
  }
  for (const [kind, meta] of [
    ['resource', RESOURCE_META],
    ['data', DATA_META],
  ] as const) {
    for (const [type, instances] of Object.entries((stack[kind] ?? {}) as JsonObject)) {
      let schema: { block: SchemaBlock } | undefined;
      if (kind === 'resource' && type === 'terraform_data') {
        schema = TERRAFORM_DATA_SCHEMA;
      } else {
        const { schema: provider, address } = schemaFor(type);
        const all = kind === 'resource' ? provider?.resource_schemas : provider?.data_source_schemas;
        schema = all?.[type];
        if (!schema) {
          const known = Object.keys(all ?? {});
          const what = provider
            ? `${address} has no ${kind === 'data' ? 'data source' : 'resource'} "${type}"`
            : `no vendored schema for provider ${address} of "${type}"`;
          problems.push(errorAt(`${kind}.${type}`, null, what, `${suggestion(type, known)}use a type the provider defines`));
          continue;
        }
      }
      for (const [name, body] of Object.entries(instances as JsonObject)) {
        blocksChecked++;
        problems.push(...checkBlock(`${kind}.${type}.${name}`, body, schema.block, meta));
      }
    }
  }
  return { problems, blocksChecked };
}
