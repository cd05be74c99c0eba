/** Jest: ts-jest compiles without type-checking (`tsc --noEmit` in `npm test` does that once for the whole tree). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFilesAfterEnv: ['<rootDir>/__tests__/support/setup-jest.ts'],
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/__tests__/support/summary-reporter.js'],
};
