#!/usr/bin/env node
// Runs a TypeScript entry point without type-checking: esbuild bundles it (project code and the committed .gen
// bindings; node_modules stay external) into .build/, and node executes the result. Type-checking is
// `npm run typecheck`, part of `npm test`.
//
//   node scripts/run-ts.mjs main.ts            # what `npm run synth` and cdktf.json's "app" run
//   node scripts/run-ts.mjs rollout/cli.ts ... # the rollout runner Terraform calls
//
// The bundle is reused while no TypeScript source changed: its name carries a hash of the entry and of every
// project .ts and .json file's path, size and modification time (JSON is bundled too: lib/facts, the .gen schemas
// and PROVENANCE.json; a stat walk costs a few milliseconds; bundling costs ~0.5 s). Files are written under a
// temporary name and renamed, so parallel runs never race. The source map is a separate file that node reads only
// with `--enable-source-maps` (NODE_OPTIONS), which costs ~0.4 s a run.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Module, { createRequire } from 'node:module';
import vm from 'node:vm';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SKIP = new Set(['node_modules', '.git', '.build', 'cdktf.out', 'coverage', 'access', '.rollout', '.terraform']);
const KEEP_PER_ENTRY = 4;
/** Packages left to node's resolver: native binaries and compilers no entry runs on a hot path. */
const EXTERNAL_PACKAGES = ['esbuild', 'typescript', 'cdktf-cli', '@cdktf/provider-generator', 'ts-json-schema-generator'];

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <entry.ts> [args...]');
  process.exit(2);
}

/** Hash of the entry and every project .ts and .json file's path, size and mtime. */
function sourcesKey() {
  const hash = createHash('sha256').update(path.resolve(root, entry));
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) {
        if (!SKIP.has(e.name)) walk(path.join(dir, e.name));
      } else if (e.name.endsWith('.ts') || e.name.endsWith('.json')) {
        const full = path.join(dir, e.name);
        const st = fs.statSync(full);
        hash.update(`${full}\0${st.size}\0${st.mtimeMs}\n`);
      }
    }
  };
  walk(root);
  return hash.digest('hex').slice(0, 16);
}

function writeAtomically(file, contents) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, contents);
  fs.renameSync(tmp, file);
}

/** Removes all but the newest bundles of this entry. */
function prune(outDir, base) {
  const mine = fs
    .readdirSync(outDir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.cjs'))
    .map((f) => ({ f, t: fs.statSync(path.join(outDir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of mine.slice(KEEP_PER_ENTRY)) {
    fs.rmSync(path.join(outDir, f), { force: true });
    fs.rmSync(path.join(outDir, `${f}.map`), { force: true });
    fs.rmSync(path.join(outDir, `${f}.v8cache`), { force: true });
  }
}

/**
 * Runs the bundle as a CommonJS module with V8's code cache: parsing and compiling 2.7 MB of JavaScript costs
 * ~80 ms a run (bench/), so the compiled code is kept beside the bundle (written at the first run's exit,
 * when the functions that run are compiled; rewritten if V8 rejects it, e.g. after a Node upgrade). With
 * `--enable-source-maps` the bundle is required plainly, so stack traces map to the TypeScript sources.
 */
function runBundle(file) {
  const requireFromRoot = createRequire(path.join(root, 'package.json'));
  if (process.execArgv.includes('--enable-source-maps') || /--enable-source-maps/.test(process.env.NODE_OPTIONS ?? '')) {
    requireFromRoot(file);
    return;
  }
  const cacheFile = `${file}.v8cache`;
  const cachedData = fs.existsSync(cacheFile) ? fs.readFileSync(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => writeAtomically(cacheFile, script.createCachedData()));
  const mod = new Module(file, undefined);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  const requireFromBundle = createRequire(file);
  script.runInThisContext()(mod.exports, requireFromBundle, mod, file, path.dirname(file));
}

const outDir = path.join(root, '.build');
const base = path.basename(entry, '.ts');
const outFile = path.join(outDir, `${base}-${sourcesKey()}.cjs`);
if (!fs.existsSync(outFile)) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [path.resolve(root, entry)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Packages are bundled too: resolving and reading a few hundred small files from node_modules cost ~0.2 s a
    // run (bench/); the cache key covers package-lock.json. Only tools too large or native to bundle stay external.
    external: EXTERNAL_PACKAGES,
    sourcemap: 'external',
    outfile: outFile,
    write: false,
    logLevel: 'error',
  });
  fs.mkdirSync(outDir, { recursive: true });
  const map = result.outputFiles.find((f) => f.path.endsWith('.map'));
  const code = result.outputFiles.find((f) => !f.path.endsWith('.map'));
  if (map) writeAtomically(`${outFile}.map`, map.contents);
  writeAtomically(outFile, Buffer.concat([Buffer.from(code.contents), Buffer.from(`\n//# sourceMappingURL=${path.basename(outFile)}.map\n`)]));
  prune(outDir, base);
}
process.argv = [process.argv[0], path.resolve(root, entry), ...args];
runBundle(outFile);
