#!/usr/bin/env node
// Runs a TypeScript entry point without type-checking: esbuild bundles it (project code and the committed .gen
// bindings; node_modules stay external) into .build/, keyed by content hash so parallel runs never race, and
// node executes the result. Type-checking is `npm run typecheck`, part of `npm test`.
//
//   node scripts/run-ts.mjs main.ts            # what `npm run synth` and cdktf.json's "app" run
//   node scripts/run-ts.mjs rollout/cli.ts ... # the rollout runner Terraform calls
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <entry.ts> [args...]');
  process.exit(2);
}
const result = await build({
  entryPoints: [path.resolve(root, entry)],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'inline',
  write: false,
  logLevel: 'error',
});
const code = result.outputFiles[0].contents;
const digest = createHash('sha256').update(code).digest('hex').slice(0, 16);
const outDir = path.join(root, '.build');
const outFile = path.join(outDir, `${path.basename(entry, '.ts')}-${digest}.cjs`);
if (!fs.existsSync(outFile)) {
  fs.mkdirSync(outDir, { recursive: true });
  const tmp = `${outFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, code);
  fs.renameSync(tmp, outFile);
}
process.argv = [process.argv[0], path.resolve(root, entry), ...args];
process.setSourceMapsEnabled(true);
createRequire(path.join(root, 'package.json'))(outFile);
