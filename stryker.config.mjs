// StrykerJS (`npm run mutate`, not part of `npm test`): mutation testing of the pure rule modules with the unit
// tests only. The score says how many deliberately broken rules (widened, narrowed, off by one) a test catches.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const jestConfig = require('./jest.config.js');
const unit = jestConfig.projects.find((p) => p.displayName === 'unit');

export default {
  testRunner: 'jest',
  jest: { projectType: 'custom', config: { ...unit, displayName: undefined, projects: [] }, enableFindRelatedTests: false },
  coverageAnalysis: 'perTest',
  mutate: ['lib/validation/**/*.ts', 'lib/cilium-values.ts', 'lib/talos-support.ts', 'lib/rollout/checks.ts', 'lib/ipv4.ts', 'lib/cross-cluster.ts'],
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  thresholds: { high: 95, low: 90, break: null },
  concurrency: 2,
  timeoutMS: 20000,
  tempDirName: '.stryker-tmp',
};
