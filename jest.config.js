/**
 * The core suite (CommonJS). Unit tests run in parallel; anything touching a real cluster shares the
 * one started in globalSetup. The Nest-facing specs are left to the two Nest runs: Nest 12 as ESM
 * (jest.nest12.config.mjs) and Nest 11 as CommonJS (jest.nest11.config.js).
 */
const NEST_SPECS = ['<rootDir>/test/unit/nest/', '<rootDir>/test/e2e/'];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...NEST_SPECS],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
  // A worker that ran many suites is replaced once it holds this much after one. (The out-of-memory
  // worker once seen on a loaded machine was test/helpers/load.ts spinning after a failed wait.)
  workerIdleMemoryLimit: '1GB',
};
