/**
 * The providers the twins stand in for, their schemas (the vendored `terraform providers schema -json` facts in
 * `.gen/schemas/providers/`), and the conversion of those schemas to the plugin protocol's Schema messages.
 */
import fs from 'node:fs';
import path from 'node:path';

/** A cty type as Terraform writes it in JSON: "string", ["list", "string"], ["object", {...}, [optional]]... */
export type CtyType = string | [string, ...unknown[]];

/** An attribute of a schema block. */
export interface AttributeSchema {
  readonly type?: CtyType;
  readonly nested_type?: NestedTypeSchema;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
  readonly write_only?: boolean;
}

/** A nested attribute type (plugin-framework nested attributes). */
export interface NestedTypeSchema {
  readonly attributes: Readonly<Record<string, AttributeSchema>>;
  readonly nesting_mode: 'single' | 'list' | 'set' | 'map';
}

/** A nested block type. */
export interface BlockTypeSchema {
  readonly nesting_mode: 'single' | 'list' | 'set' | 'map' | 'group';
  readonly block: BlockSchema;
  readonly min_items?: number;
  readonly max_items?: number;
}

/** A schema block: a resource, data source, provider or nested block body. */
export interface BlockSchema {
  readonly attributes?: Readonly<Record<string, AttributeSchema>>;
  readonly block_types?: Readonly<Record<string, BlockTypeSchema>>;
  readonly deprecated?: boolean;
}

/** A versioned schema of a resource type, data source or provider. */
export interface VersionedSchema {
  readonly version?: number;
  readonly block: BlockSchema;
}

/** One provider's schemas, as in `terraform providers schema -json`. */
export interface ProviderSchema {
  readonly provider: VersionedSchema;
  readonly resource_schemas?: Readonly<Record<string, VersionedSchema>>;
  readonly data_source_schemas?: Readonly<Record<string, VersionedSchema>>;
}

/** A provider the twins stand in for. */
export interface TwinProvider {
  /** Short name, used for the socket file (`proxmox.sock`). */
  readonly name: string;
  /** Provider source address as Terraform writes it in TF_REATTACH_PROVIDERS. */
  readonly address: string;
  /** The version whose schema is served. */
  readonly version: string;
  /** Schema file in `.gen/schemas/providers/`. */
  readonly schemaFile: string;
}

/** The four providers of the cluster stack, at the versions `lib/versions.ts` pins. */
export const TWIN_PROVIDERS: readonly TwinProvider[] = [
  { name: 'proxmox', address: 'registry.terraform.io/bpg/proxmox', version: '0.111.1', schemaFile: 'bpg-proxmox-0.111.1.json' },
  { name: 'talos', address: 'registry.terraform.io/siderolabs/talos', version: '0.11.0', schemaFile: 'siderolabs-talos-0.11.0.json' },
  { name: 'helm', address: 'registry.terraform.io/hashicorp/helm', version: '3.1.1', schemaFile: 'hashicorp-helm-3.1.1.json' },
  { name: 'local', address: 'registry.terraform.io/hashicorp/local', version: '2.6.1', schemaFile: 'hashicorp-local-2.6.1.json' },
];

/** The project folder (holding package.json), found upwards from `start`: works from sources and from `.build/`. */
export function findProjectRoot(start: string = __dirname): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'twins'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`twins: no project root above ${start}`);
  }
}

/** Reads a provider's schema from `.gen/schemas/providers/`. */
export function loadProviderSchema(provider: TwinProvider, projectRoot: string = findProjectRoot()): ProviderSchema {
  const file = path.join(projectRoot, '.gen', 'schemas', 'providers', provider.schemaFile);
  const dump = JSON.parse(fs.readFileSync(file, 'utf8')) as { provider_schemas: Record<string, ProviderSchema> };
  const schema = dump.provider_schemas[provider.address];
  if (!schema) throw new Error(`twins: ${file} has no schema for ${provider.address}`);
  return schema;
}

const BLOCK_NESTING = { single: 1, list: 2, set: 3, map: 4, group: 5 } as const;
const OBJECT_NESTING = { single: 1, list: 2, set: 3, map: 4 } as const;

function attributeMessage(name: string, a: AttributeSchema): Record<string, unknown> {
  return {
    name,
    type: a.type === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(a.type)),
    nested_type: a.nested_type
      ? {
          attributes: Object.entries(a.nested_type.attributes).map(([n, x]) => attributeMessage(n, x)),
          nesting: OBJECT_NESTING[a.nested_type.nesting_mode],
        }
      : undefined,
    required: !!a.required,
    optional: !!a.optional,
    computed: !!a.computed,
    sensitive: !!a.sensitive,
    deprecated: !!a.deprecated,
    write_only: !!a.write_only,
  };
}

function blockMessage(b: BlockSchema): Record<string, unknown> {
  return {
    attributes: Object.entries(b.attributes ?? {}).map(([n, a]) => attributeMessage(n, a)),
    block_types: Object.entries(b.block_types ?? {}).map(([n, bt]) => ({
      type_name: n,
      block: blockMessage(bt.block),
      nesting: BLOCK_NESTING[bt.nesting_mode],
      min_items: bt.min_items ?? 0,
      max_items: bt.max_items ?? 0,
    })),
    deprecated: !!b.deprecated,
  };
}

/** A Schema message for a versioned schema. */
export function schemaMessage(s: VersionedSchema): Record<string, unknown> {
  return { version: s.version ?? 0, block: blockMessage(s.block) };
}
