// StrykerJS (`npm run mutate`, not part of `npm test`): mutation testing of the pure rule modules with the unit
// tests only. The score says how many deliberately broken rules (widened, narrowed, off by one) a test catches.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const jestConfig = require('./jest.config.js');
const unit = jestConfig.projects.find((p) => p.displayName === 'unit');
// The tests of the rule modules themselves: in-process, no CDKTF synth, so a mutant takes ~2.5 s of one core on average
// (one whole run: 58 min for 2,768 mutants on 2 cores, docs/maintenance.md "Mutation testing").
// The synth tests exercise these rules too, but through whole stacks (the rest of the unit tier, ~30 CPU-s a run); a
// mutant only they kill counts as survived here, which keeps the score an honest measure of the rule tests.
const RULE_TESTS = [
  'validation',
  'check-cluster',
  'definition-structure',
  'cross-cluster',
  'cilium-values',
  'ipv4',
  'talos-support',
  'rollout-plan',
  'placement',
  'cluster-plan',
  'versions-contracts',
  'release-facts',
];

export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    config: {
      ...unit,
      displayName: undefined,
      projects: [],
      // `validation-<module>.test.ts` files hold the rule tests of one lib/validation module each.
      testRegex: `/__tests__/(${RULE_TESTS.join('|')}|validation-[a-z-]+)\\.test\\.ts$`,
      testSequencer: '<rootDir>/__tests__/support/mutant-test-files.js',
    },
    enableFindRelatedTests: false,
  },
  coverageAnalysis: 'perTest',
  mutate: ['lib/validation/**/*.ts', 'lib/cilium-values.ts', 'lib/talos-support.ts', 'lib/rollout/checks.ts', 'lib/ipv4.ts', 'lib/cross-cluster.ts'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 95, low: 90, break: null },
  concurrency: 2,
  timeoutMS: 20000,
  tempDirName: '.stryker-tmp',
  // Re-runs test only the mutants whose code or covering tests changed since the last run (kept under reports/).
  incremental: true,
  incrementalFile: 'reports/mutation/incremental.json',
};
