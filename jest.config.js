/**
 * Jest in two tiers: `unit` runs in-process tests (`*.test.ts`, the edit loop: `npm run test:unit`), `integ` the
 * tests that spawn terraform, node, git or the talosctl simulator (`*.integ.test.ts`). `npm test` runs both.
 * esbuild strips the types (__tests__/support/esbuild-transform.js); `tsc --noEmit` in `npm test` type-checks once.
 */
const { packageBundles } = require('./__tests__/support/package-bundles');

const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  transform: { '^.+\\.ts$': '<rootDir>/__tests__/support/esbuild-transform.js' },
  // cdktf, yaml and ajv as one prebuilt file each: jest loads every import afresh per test file (package-bundles.js).
  moduleNameMapper: packageBundles(),
  // No source-mapped stack trace for each token cdktf creates: a third of every synth's time (token-stack-traces.js).
  setupFilesAfterEnv: ['<rootDir>/__tests__/support/token-stack-traces.js'],
  // jest's runtime with V8's code cache per worker, and each test file's AsyncLocalStorage released (jest-runtime.js).
  runtime: '<rootDir>/__tests__/support/jest-runtime.js',
};

module.exports = {
  testTimeout: 120000,
  // Three workers on two cores: a test waiting on its terraform, runner or node timeout leaves a core to another
  // test file. Measured on 2026-12-03, each pair back to back: 158 s with two workers against 144 s with three on a
  // quiet machine, 195 s against 192 s on a busy one.
  maxWorkers: 3,
  reporters: ['default', '<rootDir>/__tests__/support/summary-reporter.js'],
  projects: [
    // testRegex, not a testMatch glob: globs skip dot-folders such as StrykerJS's sandbox (.stryker-tmp/).
    { ...common, displayName: 'unit', testRegex: '\\.test\\.ts$', testPathIgnorePatterns: ['/node_modules/', '\\.integ\\.test\\.ts$'] },
    { ...common, displayName: 'integ', testRegex: '\\.integ\\.test\\.ts$' },
  ],
};
