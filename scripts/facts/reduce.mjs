// Reduces upstream schema documents to structure: what a checker or a stand-in provider needs (types,
// required/optional/computed, nesting, object attribute lists), without description prose or examples.
// Pure functions: JSON in, JSON out, key order kept.

const ATTRIBUTE_KEYS = ['type', 'nested_type', 'required', 'optional', 'computed', 'sensitive', 'deprecated', 'write_only'];
const NESTED_TYPE_KEYS = ['nesting_mode', 'min_items', 'max_items'];
const BLOCK_TYPE_KEYS = ['nesting_mode', 'min_items', 'max_items'];

function pick(obj, keys) {
  return Object.fromEntries(keys.filter((k) => obj[k] !== undefined).map((k) => [k, obj[k]]));
}

function mapValues(obj, fn) {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, fn(v)]));
}

function reduceAttribute(attr) {
  const out = pick(attr, ATTRIBUTE_KEYS);
  if (attr.nested_type) {
    out.nested_type = { attributes: mapValues(attr.nested_type.attributes ?? {}, reduceAttribute), ...pick(attr.nested_type, NESTED_TYPE_KEYS) };
  }
  return out;
}

function reduceBlock(block) {
  const out = {};
  if (block.attributes) out.attributes = mapValues(block.attributes, reduceAttribute);
  if (block.block_types) {
    out.block_types = mapValues(block.block_types, (bt) => ({ ...pick(bt, BLOCK_TYPE_KEYS), block: reduceBlock(bt.block ?? {}) }));
  }
  if (block.deprecated !== undefined) out.deprecated = block.deprecated;
  return out;
}

function reduceSchema(schema) {
  return { version: schema.version ?? 0, block: reduceBlock(schema.block ?? {}) };
}

/**
 * A `terraform providers schema -json` document reduced to structure. `only` optionally limits the resource and
 * data source types kept (arrays of names, or '*').
 */
export function reduceProviderSchemaDump(dump, only = { resources: '*', dataSources: '*' }) {
  const names = Object.keys(dump.provider_schemas ?? {});
  if (names.length !== 1) throw new Error(`expected one provider in the dump, found ${names.length} (${names.join(', ')})`);
  const p = dump.provider_schemas[names[0]];
  const keep = (all, list) =>
    Object.fromEntries(
      Object.entries(all ?? {})
        .filter(([k]) => list === '*' || list.includes(k))
        .map(([k, v]) => [k, reduceSchema(v)]),
    );
  return {
    format_version: dump.format_version ?? '1.0',
    provider_schemas: {
      [names[0]]: {
        provider: reduceSchema(p.provider ?? {}),
        resource_schemas: keep(p.resource_schemas, only.resources),
        data_source_schemas: keep(p.data_source_schemas, only.dataSources),
      },
    },
  };
}

// JSON-schema keywords that carry prose or editor hints only.
const PROSE_KEYWORDS = new Set(['description', 'markdownDescription', 'x-intellij-html-description', 'title', 'examples']);
// Keywords whose value is a map of names (property names, definitions): their keys are data, not keywords.
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions']);

function reduceJsonSchemaNode(node) {
  if (Array.isArray(node)) return node.map(reduceJsonSchemaNode);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (PROSE_KEYWORDS.has(k)) continue;
    out[k] = NAME_MAPS.has(k) && v && typeof v === 'object' ? mapValues(v, reduceJsonSchemaNode) : reduceJsonSchemaNode(v);
  }
  return out;
}

/** A Talos machine-config JSON schema without descriptions, titles and examples (validation keywords kept). */
export function reduceTalosConfigSchema(schema) {
  return reduceJsonSchemaNode(schema);
}
