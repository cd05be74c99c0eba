/**
 * Validates Talos machine-config documents against the official Talos JSON schema of a config contract
 * (`config.schema.v1.X.json`, draft 2020-12, `additionalProperties: false` everywhere, so unknown keys fail).
 * Each document is checked against the schema definition of its `kind` (no `kind`: the legacy v1alpha1
 * document); `$patch` directives are stripped first. Pure apart from reading the schema file.
 *
 * The schemas and ajv load lazily on the first call and stay cached per contract (about 0.2 s for v1.13), so
 * importing this module costs nothing. Schema folder: `TALOS_SCHEMAS_DIR`, else the vendored `.gen/schemas/talos`
 * (the official schemas reduced to structure by `npm run bindings`; validation keywords are unchanged).
 */
import fs from 'node:fs';
import path from 'node:path';
import type Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { parseAllDocuments } from 'yaml';
import { errorAt, Problem } from '../lib/problems';
import { projectRoot } from './schema-facts';

/** Environment variable naming the folder of `config.schema.v1.X.json` files. */
export const TALOS_SCHEMAS_DIR_ENV = 'TALOS_SCHEMAS_DIR';

interface LoadedSchema {
  readonly ajv: Ajv2020;
  readonly defs: readonly string[];
  readonly validators: Map<string, ValidateFunction>;
}

const loaded = new Map<string, LoadedSchema>();

/** The folder the schemas are read from: `TALOS_SCHEMAS_DIR`, else the vendored `.gen/schemas/talos`. */
export function talosSchemasDir(): string {
  return process.env[TALOS_SCHEMAS_DIR_ENV] || path.join(projectRoot(), '.gen', 'schemas', 'talos');
}

/** `v1.13` for `v1.13`, `1.13`, `v1.13.9`; undefined when `contract` is not a version. */
export function contractMinor(contract: string): string | undefined {
  const m = /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(contract);
  return m ? `v${m[1]}.${m[2]}` : undefined;
}

function load(minor: string): LoadedSchema {
  const cached = loaded.get(minor);
  if (cached) return cached;
  const file = path.join(talosSchemasDir(), `config.schema.${minor}.json`);
  if (!fs.existsSync(file)) {
    throw new Error(
      `no Talos schema for contract ${minor}: ${file} does not exist. Fix: set ${TALOS_SCHEMAS_DIR_ENV} to a folder holding config.schema.${minor}.json`,
    );
  }
  const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as { $defs: Record<string, unknown> };
  // Required here, not imported, so that ajv loads only when a document is validated.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: Ajv } = require('ajv/dist/2020') as typeof import('ajv/dist/2020');
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(schema, 'talos');
  const entry: LoadedSchema = { ajv, defs: Object.keys(schema.$defs), validators: new Map() };
  loaded.set(minor, entry);
  return entry;
}

function definitionFor(schema: LoadedSchema, kind: string | undefined): string | undefined {
  if (kind === undefined) return 'v1alpha1.Config';
  return schema.defs.find((d) => d.endsWith(`.${kind}V1Alpha1`) || d === `${kind}V1Alpha1`);
}

/** A copy of `value` without strategic-merge directives (`$patch` keys), which the schema does not know. */
export function stripPatchDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripPatchDirectives);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !k.startsWith('$patch'))
        .map(([k, v]) => [k, stripPatchDirectives(v)]),
    );
  }
  return value;
}

function valueAt(doc: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), doc);
}

function toProblem(where: string, doc: unknown, e: ErrorObject): Problem {
  const at = `${where}${e.instancePath}`;
  if (e.keyword === 'additionalProperties') {
    const key = String(e.params.additionalProperty);
    return errorAt(
      `${at}/${key}`,
      valueAt(doc, `${e.instancePath}/${key}`),
      `unknown key "${key}" (Talos rejects unknown keys; deprecated fields are absent because a document replaces them)`,
      `remove "${key}" or use the field or document the schema defines for it`,
    );
  }
  if (e.keyword === 'enum') {
    return errorAt(at, valueAt(doc, e.instancePath), e.message ?? 'not an allowed value', `use one of ${JSON.stringify(e.params.allowedValues)}`);
  }
  return errorAt(at, valueAt(doc, e.instancePath), e.message ?? e.keyword, `see the Talos reference for ${where}`);
}

/**
 * Schema problems of one document for `contract` (`v1.13`, `1.13` or `v1.13.9`); `where` prefixes every path.
 * Throws when the contract or its schema file is missing.
 */
export function validateTalosDocument(doc: unknown, contract: string, where = 'doc'): Problem[] {
  const minor = contractMinor(contract);
  if (!minor) throw new Error(`contract = ${JSON.stringify(contract)} is not a Talos version. Fix: write it as v1.X`);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return [errorAt(where, doc, 'a Talos config document must be a mapping', 'write the document as key: value pairs')];
  }
  const schema = load(minor);
  const kind = (doc as { kind?: unknown }).kind;
  const def = definitionFor(schema, kind === undefined ? undefined : String(kind));
  const label = `${where} (${kind ?? 'v1alpha1'})`;
  if (!def) {
    return [errorAt(`${label}/kind`, kind, `kind ${String(kind)} does not exist in Talos ${minor}`, 'use a document kind of this contract')];
  }
  let validate = schema.validators.get(def);
  if (!validate) {
    validate = schema.ajv.getSchema(`talos#/$defs/${def}`)!;
    schema.validators.set(def, validate);
  }
  const clean = stripPatchDirectives(doc);
  return validate(clean) ? [] : (validate.errors ?? []).map((e) => toProblem(label, clean, e));
}

/** Schema problems of several documents (`doc[0]`, `doc[1]`, … in paths). */
export function validateTalosDocuments(docs: readonly unknown[], contract: string): Problem[] {
  return docs.flatMap((doc, i) => validateTalosDocument(doc, contract, `doc[${i}]`));
}

/** Schema problems of a multi-document YAML patch; unparsable YAML is one problem. */
export function validateTalosYaml(text: string, contract: string): Problem[] {
  const parsed = parseAllDocuments(text);
  const docs: unknown[] = [];
  for (const d of parsed) {
    if (d.errors.length) {
      return [errorAt('yaml', text.slice(0, 80), `not valid YAML: ${d.errors[0].message}`, 'fix the YAML syntax')];
    }
    const js: unknown = d.toJS();
    if (js !== null && js !== undefined) docs.push(js);
  }
  return validateTalosDocuments(docs, contract);
}
