#!/usr/bin/env node
// Regenerates the committed provider bindings in .gen/ from Terraform provider schema dumps, offline.
//
//   npm run bindings -- --schemas ../shared/provider-schemas
//
// Each provider's schema file is looked up in --schemas by the name recorded in .gen/PROVENANCE.json; its sha256
// must match the recorded one unless --update is given (then PROVENANCE.json is rewritten). Users with registry
// access can use `cdktf get` instead: cdktf.json lists the same providers.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const provenancePath = path.join(root, '.gen', 'PROVENANCE.json');
const { values } = parseArgs({
  options: {
    schemas: { type: 'string', default: path.join(root, '..', 'shared', 'provider-schemas') },
    generator: { type: 'string', default: path.join(root, '..', 'shared', 'tools', 'gen-bindings.js') },
    update: { type: 'boolean', default: false },
  },
});

const provenance = JSON.parse(fs.readFileSync(provenancePath, 'utf8'));
const require = createRequire(path.join(root, 'package.json'));
const generatorVersion = require('@cdktf/provider-generator/package.json').version;
const specs = [];
for (const p of provenance.providers) {
  const file = path.join(values.schemas, p.schemaFile);
  if (!fs.existsSync(file)) throw new Error(`schema ${file} not found: pass --schemas DIR holding ${p.schemaFile}`);
  const sha256 = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  if (sha256 !== p.schemaSha256 && !values.update) {
    throw new Error(`${p.schemaFile}: sha256 ${sha256} differs from the recorded ${p.schemaSha256}; rerun with --update to accept it`);
  }
  p.schemaSha256 = sha256;
  const filters = [p.resources && `resources=${p.resources.join(',')}`, p.dataSources && `data=${p.dataSources.join(',')}`]
    .filter(Boolean).join(';');
  specs.push('--provider', `${p.source}@${p.constraint}=${file}${filters ? `:${filters}` : ''}`);
}
execFileSync(process.execPath, [values.generator, '--out', path.join(root, '.gen'), ...specs], { stdio: 'inherit', cwd: root });
provenance.generator = { package: '@cdktf/provider-generator', version: generatorVersion, tool: 'shared/tools/gen-bindings.js' };
fs.writeFileSync(provenancePath, `${JSON.stringify(provenance, null, 2)}\n`);
console.log(`recorded ${path.relative(root, provenancePath)}`);
