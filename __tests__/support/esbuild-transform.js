'use strict';
/**
 * Jest transform for the project's TypeScript: esbuild strips the types (the project compiles with
 * `isolatedModules`, so per-file transpiling is exact), and `tsc --noEmit` in `npm test` type-checks the whole
 * tree once. Replaces ts-jest, which did the same per file through the TypeScript compiler API: a fresh checkout's
 * first `npm test` spent ~25 CPU-seconds more on it (docs/maintenance.md, "Test time").
 */
const crypto = require('node:crypto');
const { transformSync } = require('esbuild');

/** Changes whenever the transform's output would: esbuild's version and these options. */
const OPTIONS = { loader: 'ts', format: 'cjs', target: 'es2022', sourcemap: 'external' };
const VERSION = `${require('esbuild/package.json').version}:${JSON.stringify(OPTIONS)}`;

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, { ...OPTIONS, sourcefile: filename });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return crypto.createHash('sha256').update(VERSION).update('\0').update(filename).update('\0').update(source).digest('hex');
  },
};
