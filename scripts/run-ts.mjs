#!/usr/bin/env node
// Runs a TypeScript entry point without type-checking: esbuild bundles it into .build/ and node executes the result.
// Type-checking is `npm run typecheck`, part of `npm test`.
//
//   node scripts/run-ts.mjs main.ts            # what `npm run synth` and cdktf.json's "app" run
//   node scripts/run-ts.mjs rollout/cli.ts ... # the rollout runner Terraform calls
//
// Two bundles per entry, each reused until its inputs change (times: docs/maintenance.md, "Synth speed"):
// - the app bundle: project code and the committed .gen bindings, packages left as imports. Its name carries a hash
//   of the entry and of every project .ts and .json file's path, size and modification time (JSON is bundled too:
//   lib/facts, the .gen schemas; the stat walk costs a few milliseconds). Rebuilding it takes ~0.1 s.
// - the vendor bundle: every package the app imports, served to the app's `require` (resolving and reading a few
//   hundred small files from node_modules cost ~0.2 s a run). Keyed by package-lock.json and the list of imports, it
//   is rebuilt only when dependencies change (~0.3 s).
// Both run with V8's code cache kept beside them. Files are written under a temporary name and renamed, so
// parallel runs never race. The app's source map is a separate file that node reads only with
// `--enable-source-maps` (NODE_OPTIONS); the bundles are then loaded plainly so stack traces map to the sources.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Module, { createRequire } from 'node:module';
import vm from 'node:vm';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SKIP = new Set(['node_modules', '.git', '.build', 'cdktf.out', 'coverage', 'access', '.rollout', '.terraform']);
const KEEP_PER_ENTRY = 4;
/** Packages left to node's resolver (never bundled): native binaries and compilers no entry runs on a hot path. */
const EXTERNAL_PACKAGES = ['esbuild', 'typescript', 'cdktf-cli', '@cdktf/provider-generator', 'ts-json-schema-generator'];
/** esbuild options both bundles share: CommonJS for this Node, kept in memory until written atomically. */
const BUILD_OPTIONS = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', write: false, logLevel: 'error' };

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

/** Removes all but the newest bundles named `<prefix>-<key>.cjs`, with their side files. */
function prune(outDir, prefix) {
  const mine = fs
    .readdirSync(outDir)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.cjs') && /^[0-9a-f]{16}$/.test(f.slice(prefix.length + 1, -4)))
    .map((f) => ({ f, t: fs.statSync(path.join(outDir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of mine.slice(KEEP_PER_ENTRY)) {
    for (const suffix of ['', '.map', '.v8cache', '.packages.json']) fs.rmSync(path.join(outDir, `${f}${suffix}`), { force: true });
  }
}

const usesSourceMaps = process.execArgv.includes('--enable-source-maps') || /--enable-source-maps/.test(process.env.NODE_OPTIONS ?? '');

/**
 * Runs a CommonJS bundle with V8's code cache (kept beside it, written at the first run's exit, when the functions
 * that ran are compiled; rewritten when V8 rejects it, e.g. after a Node upgrade) and returns its exports.
 * `requireFn` serves the bundle's `require` calls.
 */
function runBundle(file, requireFn) {
  if (usesSourceMaps) return createRequire(path.join(root, 'package.json'))(file);
  const cacheFile = `${file}.v8cache`;
  const cachedData = fs.existsSync(cacheFile) ? fs.readFileSync(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => writeAtomically(cacheFile, script.createCachedData()));
  const mod = new Module(file, undefined);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  script.runInThisContext()(mod.exports, requireFn, mod, file, path.dirname(file));
  return mod.exports;
}

/** Package imports of the app bundle that the vendor bundle serves (not node builtins, not EXTERNAL_PACKAGES). */
function vendoredImports(metafile, outFile) {
  const output = Object.entries(metafile.outputs).find(([name]) => path.resolve(root, name) === outFile)[1];
  const isExternalPackage = (spec) => EXTERNAL_PACKAGES.some((p) => spec === p || spec.startsWith(`${p}/`));
  return [...new Set(output.imports.filter((i) => i.external && !Module.isBuiltin(i.path) && !isExternalPackage(i.path)).map((i) => i.path))].sort();
}

/** Builds (when missing) the vendor bundle exporting `specifiers`, each loaded on first use; returns its path. */
async function vendorBundle(base, specifiers) {
  const lock = path.join(root, 'package-lock.json');
  const key = createHash('sha256')
    .update(fs.existsSync(lock) ? fs.readFileSync(lock) : '')
    .update(JSON.stringify(specifiers))
    .digest('hex')
    .slice(0, 16);
  const file = path.join(outDir, `${base}-vendor-${key}.cjs`);
  if (fs.existsSync(file)) return file;
  const contents = [
    'const packages = {};',
    ...specifiers.map(
      (s) => `Object.defineProperty(packages, ${JSON.stringify(s)}, { enumerable: true, get: () => require(${JSON.stringify(s)}) });`,
    ),
    'module.exports = packages;',
  ].join('\n');
  const { build } = await import('esbuild');
  const result = await build({
    ...BUILD_OPTIONS,
    stdin: { contents, resolveDir: root, sourcefile: 'vendor.js', loader: 'js' },
    external: EXTERNAL_PACKAGES,
  });
  writeAtomically(file, result.outputFiles[0].contents);
  prune(outDir, `${base}-vendor`);
  return file;
}

const outDir = path.join(root, '.build');
const base = path.basename(entry, '.ts');
const outFile = path.join(outDir, `${base}-${sourcesKey()}.cjs`);
const packagesFile = `${outFile}.packages.json`;
if (!fs.existsSync(outFile) || !fs.existsSync(packagesFile)) {
  const { build } = await import('esbuild');
  const result = await build({
    ...BUILD_OPTIONS,
    entryPoints: [path.resolve(root, entry)],
    // Paths in the metafile are relative to this folder, whatever the caller's working folder.
    absWorkingDir: root,
    packages: 'external',
    sourcemap: 'external',
    metafile: true,
    outfile: outFile,
  });
  fs.mkdirSync(outDir, { recursive: true });
  const map = result.outputFiles.find((f) => f.path.endsWith('.map'));
  const code = result.outputFiles.find((f) => !f.path.endsWith('.map'));
  if (map) writeAtomically(`${outFile}.map`, map.contents);
  writeAtomically(outFile, Buffer.concat([Buffer.from(code.contents), Buffer.from(`\n//# sourceMappingURL=${path.basename(outFile)}.map\n`)]));
  writeAtomically(packagesFile, JSON.stringify(vendoredImports(result.metafile, outFile)));
  prune(outDir, base);
}
const specifiers = JSON.parse(fs.readFileSync(packagesFile, 'utf8'));
const requireFromBundle = createRequire(outFile);
let appRequire = requireFromBundle;
if (!usesSourceMaps && specifiers.length > 0) {
  const vendorFile = await vendorBundle(base, specifiers);
  const vendor = runBundle(vendorFile, createRequire(vendorFile));
  const served = new Set(specifiers);
  appRequire = Object.assign((id) => (served.has(id) ? vendor[id] : requireFromBundle(id)), requireFromBundle);
}
process.argv = [process.argv[0], path.resolve(root, entry), ...args];
runBundle(outFile, appRequire);
