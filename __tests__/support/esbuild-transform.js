'use strict';
/**
 * Jest transform for the project's TypeScript: esbuild strips the types (the project compiles with
 * `isolatedModules`, so per-file transpiling is exact), and `tsc --noEmit` in `npm test` type-checks the whole
 * tree once. Replaces ts-jest, which did the same per file through the TypeScript compiler API: a fresh checkout's
 * first `npm test` spent ~25 CPU-seconds more on it (docs/maintenance.md, "Test time").
 */
const crypto = require('node:crypto');
const { transformSync } = require('esbuild');

/** Changes whenever the transform's output would: esbuild's version, these options and this file. */
const OPTIONS = { loader: 'ts', format: 'cjs', target: 'es2022', sourcemap: 'external' };
const VERSION = `${require('esbuild/package.json').version}:${JSON.stringify(OPTIONS)}:${crypto.createHash('sha256').update(require('node:fs').readFileSync(module.filename)).digest('hex')}`;

/**
 * esbuild defines a module's exports as getters that cannot be redefined (its `__export` and `__copyProps`
 * helpers); ts-jest assigned them. A test replaces a module constant with `jest.spyOn(…, "get")` (a chart version
 * bump), which needs a configurable property, so those definitions are made configurable. The helpers' text is
 * fixed per esbuild version; the transform fails loudly if it ever changes.
 */
const EXPORT_GETTERS = [
  [
    'var __export = ',
    '__defProp(target, name, { get: all[name], enumerable: true })',
    '__defProp(target, name, { get: all[name], enumerable: true, configurable: true })',
  ],
  [
    'var __copyProps = ',
    '__defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable })',
    '__defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable, configurable: true })',
  ],
];

module.exports = {
  process(source, filename) {
    let { code, map } = transformSync(source, { ...OPTIONS, sourcefile: filename });
    for (const [helper, from, to] of EXPORT_GETTERS) {
      if (code.includes(helper)) {
        if (!code.includes(from)) throw new Error(`esbuild-transform: esbuild's export helpers changed (${filename}); update EXPORT_GETTERS`);
        code = code.replace(from, to);
      }
    }
    return { code, map };
  },
  getCacheKey(source, filename) {
    return crypto.createHash('sha256').update(VERSION).update('\0').update(filename).update('\0').update(source).digest('hex');
  },
};
