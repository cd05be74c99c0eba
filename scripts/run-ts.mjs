#!/usr/bin/env node
// Runs a TypeScript entry point without type-checking: esbuild bundles it into .build/ and node executes the result.
// Type-checking is `npm run typecheck`, part of `npm test`.
//
//   node scripts/run-ts.mjs main.ts            # what `npm run synth` and cdktf.json's "app" run
//   node scripts/run-ts.mjs rollout/cli.ts ... # the rollout runner Terraform calls
//
// Two bundles per entry, each reused until its inputs change (times: docs/maintenance.md, "Synth speed"):
// - the app bundle: project code and the committed .gen bindings, packages left as imports. Each build records the
//   files esbuild read (its metafile inputs: .ts and bundled .json, plus tsconfig.json and package.json) with their
//   size and modification time in `.build/<entry>-<hash>.inputs.json`; a run reuses the bundle while every one of
//   them is unchanged. Checking only the entry's own inputs (~40 files for the rollout runner) rather than walking
//   the whole project saves ~30 ms a start, and Terraform starts the runner several times per node and deploy.
//   Rebuilding takes ~0.1 s.
// - the vendor bundle: every package the app imports, served to the app's `require` (resolving and reading a few
//   hundred small files from node_modules cost ~0.2 s a run). Keyed by package-lock.json and the list of imports, it
//   is rebuilt only when dependencies change (~0.3 s). It lives with what it is built from, in
//   node_modules/.cache/run-ts/, so a git worktree or a copy of the project that links node_modules (`npm run
//   review` synthesizes two worktrees; the tests copy the project) reuses it instead of building it again.
// Both run with V8's code cache kept beside them. Files are written under a temporary name and renamed, so
// parallel runs never race. The app's source map is a separate file that node reads only with
// `--enable-source-maps` (NODE_OPTIONS); the bundles are then loaded plainly so stack traces map to the sources.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Module, { createRequire } from 'node:module';
import vm from 'node:vm';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
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

const outDir = path.join(root, '.build');
const vendorDir = path.join(root, 'node_modules', '.cache', 'run-ts');
const base = path.basename(entry, '.ts');

/** [file, size, mtimeMs] of each of `files` (relative to the project), or undefined when one is gone. */
function statsOf(files) {
  const stats = [];
  for (const file of files) {
    let st;
    try {
      st = fs.statSync(path.join(root, file));
    } catch {
      return undefined;
    }
    stats.push([file, st.size, st.mtimeMs]);
  }
  return stats;
}

/**
 * The app bundle the last build of this entry recorded (`<base>-<entry hash>.inputs.json`), when every file it was
 * built from still has the size and mtime it had then, and the bundle is still there; otherwise undefined.
 */
function currentBundle(inputsFile) {
  try {
    const recorded = JSON.parse(fs.readFileSync(inputsFile, 'utf8'));
    const bundle = path.join(outDir, recorded.bundle);
    const now = statsOf(recorded.inputs.map(([file]) => file));
    if (now && JSON.stringify(now) === JSON.stringify(recorded.inputs) && fs.existsSync(bundle) && fs.existsSync(`${bundle}.packages.json`))
      return bundle;
  } catch {
    // no record yet, or an unreadable one: build
  }
  return undefined;
}

/**
 * Bundles the entry; returns the bundle's path. Its name hashes the entry and its inputs' sizes and mtimes. The
 * inputs are recorded for {@link currentBundle} unless one changed while esbuild read it (then the next run builds again).
 */
async function buildApp(inputsFile) {
  const started = Date.now();
  const { build } = await import('esbuild');
  const scratch = path.join(outDir, `${base}.cjs`);
  const result = await build({
    ...BUILD_OPTIONS,
    entryPoints: [entryPath],
    // Paths in the metafile are relative to this folder, whatever the caller's working folder.
    absWorkingDir: root,
    packages: 'external',
    sourcemap: 'external',
    metafile: true,
    outfile: scratch,
  });
  const sources = [...Object.keys(result.metafile.inputs), ...['tsconfig.json', 'package.json'].filter((f) => fs.existsSync(path.join(root, f)))];
  const inputs = statsOf(sources) ?? [];
  const key = createHash('sha256').update(entryPath).update(JSON.stringify(inputs)).digest('hex').slice(0, 16);
  const outFile = path.join(outDir, `${base}-${key}.cjs`);
  fs.mkdirSync(outDir, { recursive: true });
  const map = result.outputFiles.find((f) => f.path.endsWith('.map'));
  const code = result.outputFiles.find((f) => !f.path.endsWith('.map'));
  if (map) writeAtomically(`${outFile}.map`, map.contents);
  writeAtomically(outFile, Buffer.concat([Buffer.from(code.contents), Buffer.from(`\n//# sourceMappingURL=${path.basename(outFile)}.map\n`)]));
  writeAtomically(`${outFile}.packages.json`, JSON.stringify(vendoredImports(result.metafile, scratch)));
  if (inputs.length === sources.length && inputs.every(([, , mtimeMs]) => mtimeMs < started)) {
    writeAtomically(inputsFile, JSON.stringify({ bundle: path.basename(outFile), inputs }));
  }
  prune(outDir, base);
  return outFile;
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
  const file = path.join(vendorDir, `${base}-vendor-${key}.cjs`);
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
  fs.mkdirSync(vendorDir, { recursive: true });
  writeAtomically(file, result.outputFiles[0].contents);
  prune(vendorDir, `${base}-vendor`);
  return file;
}

const entryPath = path.resolve(root, entry);
const inputsFile = path.join(outDir, `${base}-${createHash('sha256').update(entryPath).digest('hex').slice(0, 8)}.inputs.json`);
const outFile = currentBundle(inputsFile) ?? (await buildApp(inputsFile));
const packagesFile = `${outFile}.packages.json`;
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
