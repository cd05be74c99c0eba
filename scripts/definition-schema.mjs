#!/usr/bin/env node
// Generates the JSON Schema of `ClusterDefinition` from its TypeScript interfaces (lib/cluster-definition.ts, the
// single source of the definition's shape) into .gen/cluster-definition.schema.json (editors can use it), and
// from that schema ajv's standalone validator .gen/cluster-definition.validate.js, which synth runs on every
// definition (lib/validation/structure.ts): compiling the schema at run time cost ~55 ms of every synth (bench/).
//
//   npm run definition-schema            # rewrite the committed schema after editing lib/cluster-definition.ts
//   npm run definition-schema -- --check # exit 1 when the committed schema is stale
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { createGenerator } from 'ts-json-schema-generator';
import ts from 'typescript';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SOURCE = 'lib/cluster-definition.ts';
const OUTPUT = '.gen/cluster-definition.schema.json';
const VALIDATOR = '.gen/cluster-definition.validate.js';
/** The options lib/validation/structure.ts reads errors with (every error, with its schema, strict keywords). */
const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true };

let options;
try {
  options = parseArgs({ options: { check: { type: 'boolean', default: false } } }).values;
} catch (e) {
  console.error(`definition-schema: ${e.message}. Usage: npm run definition-schema [-- --check]`);
  process.exit(2);
}

/**
 * JSDoc `@default` texts are prose in this project (aws-cdk style: `@default - the gateway`), not JSON values an
 * editor could insert: keep them in the description and drop the `default` keyword.
 */
function defaultsIntoDescriptions(node) {
  if (Array.isArray(node)) return node.map(defaultsIntoDescriptions);
  if (typeof node !== 'object' || node === null) return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) if (key !== 'default') out[key] = defaultsIntoDescriptions(value);
  if ('default' in node) {
    const text = typeof node.default === 'string' ? node.default.replace(/^- /, '') : JSON.stringify(node.default);
    out.description = `${node.description ?? ''}${node.description ? ' ' : ''}Default: ${text}`;
  }
  return out;
}

/**
 * The TypeScript program of the definition file alone, with the project's compiler options but no ambient type
 * packages: the definition uses none, and parsing @types/node and @types/jest took about half of a run.
 */
function definitionProgram() {
  const configFile = path.join(root, 'tsconfig.json');
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configFile);
  return ts.createProgram([path.join(root, SOURCE)], { ...options, types: [] });
}

const generated = createGenerator({
  tsProgram: definitionProgram(),
  path: path.join(root, SOURCE),
  type: 'ClusterDefinition',
  jsDoc: 'extended',
  additionalProperties: false,
  skipTypeCheck: true,
}).createSchema('ClusterDefinition');
const schema = {
  title: 'ClusterDefinition',
  $comment: `Generated from ${SOURCE} by \`npm run definition-schema\`; do not edit.`,
  ...defaultsIntoDescriptions(generated),
};
const text = `${JSON.stringify(schema, null, 2)}\n`;
const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: false, lines: true } });
const validator = `// Generated from ${OUTPUT} by \`npm run definition-schema\` (ajv standalone, options ${JSON.stringify(AJV_OPTIONS)}); do not edit.\n${standaloneCode.default(ajv, ajv.compile(schema))}\n`;
const outputs = [
  [OUTPUT, text],
  [VALIDATOR, validator],
];
if (options.check) {
  const stale = outputs.filter(([name, contents]) => {
    const file = path.join(root, name);
    return !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== contents;
  });
  for (const [name] of stale) console.error(`${name} is stale: ${SOURCE} changed since it was generated. Fix: npm run definition-schema`);
  if (stale.length > 0) process.exit(1);
  console.log(`${outputs.map(([name]) => name).join(' and ')} are up to date`);
} else {
  for (const [name, contents] of outputs) {
    fs.writeFileSync(path.join(root, name), contents);
    console.log(`wrote ${name}`);
  }
}
