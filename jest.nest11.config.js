/**
 * The Nest-facing specs (module, injection, lifecycle, health, e2e) on Nest 11 as CommonJS. Nest 11
 * comes from the fixture package test/fixtures/nest11 (own lock file, installed by
 * scripts/test-nest11.sh): every @nestjs/*, rxjs and reflect-metadata import is mapped there, so one
 * copy of each is loaded. The root's dev dependencies (Nest 12, ESM) serve jest.nest12.config.mjs.
 */
const base = require('./jest.config.js');

const NEST11 = '<rootDir>/test/fixtures/nest11/node_modules';

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/unit/nest/**/*.spec.ts', '<rootDir>/test/e2e/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  moduleNameMapper: { '^(@nestjs/[^/]+|rxjs|reflect-metadata)(/.*)?$': `${NEST11}/$1$2` },
  globals: { NEST_MAJOR: 11 },
};
