/**
 * The vendored provider schema facts (`.gen/schemas/providers/*.json`, written by `npm run bindings`): structure
 * only, in the `terraform providers schema -json` shape. Also the schema of Terraform's built-in `terraform_data`,
 * which no provider serves. Reading only; no checking here.
 */
import fs from 'node:fs';
import path from 'node:path';

/** A Terraform type expression as the schema JSON writes it: `"string"`, `["list", "string"]`, `["object", {...}, [optional]]`. */
export type TfType = string | [string, ...unknown[]];

/** One attribute of a schema block. */
export interface SchemaAttribute {
  readonly type?: TfType;
  readonly nested_type?: { readonly attributes: Readonly<Record<string, SchemaAttribute>>; readonly nesting_mode: string };
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
}

/** A schema block: attributes and nested block types. */
export interface SchemaBlock {
  readonly attributes?: Readonly<Record<string, SchemaAttribute>>;
  readonly block_types?: Readonly<
    Record<string, { readonly nesting_mode: string; readonly min_items?: number; readonly max_items?: number; readonly block: SchemaBlock }>
  >;
  readonly deprecated?: boolean;
}

/** One provider's schemas. */
export interface ProviderSchema {
  readonly provider: { readonly block: SchemaBlock };
  readonly resource_schemas: Readonly<Record<string, { readonly block: SchemaBlock }>>;
  readonly data_source_schemas: Readonly<Record<string, { readonly block: SchemaBlock }>>;
}

/** Provider schemas by registry address without host, e.g. `bpg/proxmox`. */
export type ProviderFacts = ReadonlyMap<string, ProviderSchema>;

/** Terraform's built-in `terraform_data` (terraform `internal/builtin/providers/terraform/resource_data.go`). */
export const TERRAFORM_DATA_SCHEMA: { readonly block: SchemaBlock } = {
  block: {
    attributes: {
      id: { type: 'string', computed: true },
      input: { type: 'dynamic', optional: true },
      output: { type: 'dynamic', computed: true },
      triggers_replace: { type: 'dynamic', optional: true },
    },
  },
};

/** The project root (the folder holding package.json) above `from`. */
export function projectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return from;
  }
}

/** Reads every vendored provider schema in `dir` (default: the project's `.gen/schemas/providers`). */
export function loadProviderFacts(dir: string = path.join(projectRoot(), '.gen', 'schemas', 'providers')): ProviderFacts {
  const facts = new Map<string, ProviderSchema>();
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const doc = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { provider_schemas: Record<string, ProviderSchema> };
    for (const [address, schema] of Object.entries(doc.provider_schemas)) facts.set(address.replace(/^registry\.terraform\.io\//, ''), schema);
  }
  return facts;
}
