'use strict';
/**
 * Packages jest loads as one prebuilt file each, through `moduleNameMapper` (jest.config.js).
 *
 * Why: jest evaluates a test file's whole import graph afresh for every test file (its module registry), resolving
 * and wrapping each module on the way. `cdktf` alone is ~380 modules: loading it cost each test file ~0.2 s more
 * than loading the same code as one file, and a test run has ~100 files (docs/maintenance.md, "Test time").
 * esbuild bundles each package once, with every other package left as a `require`, so each package still exists
 * once per test file (`constructs`, which cdktf and the project share, stays a plain package).
 *
 * A bundle is named after the package, its version, esbuild's version and this file's hash, kept under
 * node_modules/.cache/jest-packages/, and written under a temporary name then renamed, so parallel jest processes
 * (StrykerJS's sandboxes) never read half a file. A package upgrade or an edit here builds new bundles.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'jest-packages');

/** Import specifiers served from a bundle, with the package whose version keys it. */
const BUNDLED = [
  { specifier: 'cdktf', packageName: 'cdktf' },
  { specifier: 'yaml', packageName: 'yaml' },
  { specifier: 'ajv/dist/2020', packageName: 'ajv' },
];

/** Every package the project depends on: left as `require` calls inside each bundle. */
function dependencies() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
}

/** The bundle of `specifier`, built when missing; its path. */
function bundle({ specifier, packageName }, external, esbuild, ownHash) {
  const version = JSON.parse(fs.readFileSync(require.resolve(`${packageName}/package.json`, { paths: [ROOT] }), 'utf8')).version;
  const key = crypto.createHash('sha256').update(`${specifier}\0${version}\0${esbuild.version}\0${ownHash}`).digest('hex').slice(0, 16);
  const file = path.join(CACHE, `${specifier.replace(/[^A-Za-z0-9.-]/g, '_')}-${key}.cjs`);
  if (fs.existsSync(file)) return file;
  const entry = require.resolve(specifier, { paths: [ROOT] });
  const result = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    logLevel: 'error',
    external: external.filter((name) => name !== packageName),
  });
  fs.mkdirSync(CACHE, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, result.outputFiles[0].contents);
  fs.renameSync(tmp, file);
  return file;
}

/** jest `moduleNameMapper` entries: each bundled specifier, exactly, to its bundle. */
function packageBundles() {
  const esbuild = require('esbuild');
  const ownHash = crypto.createHash('sha256').update(fs.readFileSync(module.filename)).digest('hex');
  const external = dependencies();
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return Object.fromEntries(BUNDLED.map((b) => [`^${escape(b.specifier)}$`, bundle(b, external, esbuild, ownHash)]));
}

module.exports = { packageBundles };
