// The project's lint rules: ESLint's and typescript-eslint's recommended sets, Node globals for scripts.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', 'dist/**', 'dist-*/**', '.cluster/**', 'coverage/**', 'test/fixtures/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // CommonJS on purpose: the pack check's CommonJS apps and the sample's runner.
    files: ['**/*.cjs', 'scripts/*.js', 'jest.nest11.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The pack check's Jest ESM spec, run inside its fixture app with Jest's globals.
    files: ['test/pack/**/*.spec.mjs'],
    languageOptions: { globals: { ...globals.jest } },
  },
);
