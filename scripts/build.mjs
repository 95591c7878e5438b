#!/usr/bin/env node
// Builds dist/cjs (CommonJS) and dist/esm (ES modules) from the same lib/ sources with tsc, no bundler.
// Node's ESM loader wants full relative specifiers ('./x.js', './dir/index.js'); the sources keep
// extensionless imports (they also feed the CommonJS build and ts-jest), so the ESM output's
// specifiers are completed here, in .js and .d.ts alike, after checking each target exists.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
for (const project of ['tsconfig.build.json', 'tsconfig.build.esm.json']) {
  execFileSync(process.execPath, [tsc, '-p', join(root, project)], { cwd: root, stdio: 'inherit' });
}
// Each half declares its own module format, whatever the root package.json says.
writeFileSync(join(dist, 'cjs', 'package.json'), '{ "type": "commonjs" }\n');
writeFileSync(join(dist, 'esm', 'package.json'), '{ "type": "module" }\n');

// from './x' | import './x' | import('./x'), relative only: package names are left alone.
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*)\2/g;
let rewritten = 0;
for (const file of walk(join(dist, 'esm'))) {
  if (!file.endsWith('.js') && !file.endsWith('.d.ts')) continue;
  const source = readFileSync(file, 'utf8');
  const output = source.replace(SPECIFIER, (_match, lead, quote, specifier) => {
    rewritten++;
    return `${lead}${quote}${complete(dirname(file), specifier)}${quote}`;
  });
  if (output !== source) writeFileSync(file, output);
}
console.log(`build: dist/cjs and dist/esm written (${rewritten} ESM specifiers completed)`);

function complete(fromDir, specifier) {
  if (/\.(c|m)?js$/.test(specifier)) return specifier;
  const target = resolve(fromDir, specifier);
  if (existsSync(`${target}.js`)) return `${specifier}.js`;
  if (existsSync(join(target, 'index.js'))) return `${specifier}/index.js`;
  throw new Error(`build: cannot complete import '${specifier}' in ${fromDir}`);
}

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
