/**
 * The Nest-facing specs (module, injection, lifecycle, health, e2e) on Nest 12, which is ESM-only:
 * sources and specs run as ES modules (ts-jest ESM mode; Node needs --experimental-vm-modules, which
 * `npm run test:nest12` passes). The same specs run on Nest 11 as CommonJS: jest.nest11.config.js.
 */
import { join } from 'node:path';
import base from './jest.config.js';

export default {
  testEnvironment: 'node',
  rootDir: import.meta.dirname,
  roots: ['<rootDir>/test'],
  testMatch: ['<rootDir>/test/unit/nest/**/*.spec.ts', '<rootDir>/test/e2e/**/*.spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false, tsconfig: '<rootDir>/tsconfig.esm.json' }] },
  globalSetup: base.globalSetup,
  globalTeardown: base.globalTeardown,
  testTimeout: base.testTimeout,
  maxWorkers: base.maxWorkers,
  globals: {
    NEST_MAJOR: 12,
    // ES modules have no __dirname; the one CommonJS-style reader here, test/helpers/cluster-env.ts
    // (shared with the CommonJS suites), finds the repository from it, so it gets its own folder.
    __dirname: join(import.meta.dirname, 'test', 'helpers'),
  },
};
