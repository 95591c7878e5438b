#!/usr/bin/env node
// Builds dist/cjs (CommonJS) and dist/esm (ES modules) from the same lib/ sources with tsc, no
// bundler; the ESM output's relative imports are completed afterwards (scripts/esm-specifiers.mjs).
// `node scripts/build.mjs sample` builds the sample app instead: ESM, as `nest new` makes a Nest 12 app.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { completeEsmSpecifiers } from './esm-specifiers.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

function compile(project) {
  execFileSync(process.execPath, [tsc, '-p', join(root, project)], { cwd: root, stdio: 'inherit' });
}

// Each output folder declares its own module format, whatever the root package.json says.
function markFormat(dir, type) {
  writeFileSync(join(dir, 'package.json'), `{ "type": "${type}" }\n`);
}

if (process.argv[2] === 'sample') {
  const out = join(root, 'dist-sample');
  rmSync(out, { recursive: true, force: true });
  compile('tsconfig.sample.json');
  markFormat(out, 'module');
  completeEsmSpecifiers(out);
  console.log('build: dist-sample written (ESM)');
} else {
  const dist = join(root, 'dist');
  rmSync(dist, { recursive: true, force: true });
  compile('tsconfig.build.json');
  compile('tsconfig.build.esm.json');
  markFormat(join(dist, 'cjs'), 'commonjs');
  markFormat(join(dist, 'esm'), 'module');
  const completed = completeEsmSpecifiers(join(dist, 'esm'));
  console.log(`build: dist/cjs and dist/esm written (${completed} ESM specifiers completed)`);
}
