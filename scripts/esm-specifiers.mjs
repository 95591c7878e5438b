// Node's ESM loader wants full relative specifiers ('./x.js', './dir/index.js'); our TypeScript sources
// keep extensionless imports (they also feed the CommonJS build and ts-jest). This completes them in
// tsc's ESM output, .js and .d.ts alike, after checking that each target exists.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

// from './x' | import './x' | import('./x'), relative only: package names are left alone.
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*)\2/g;

/** Rewrites every .js and .d.ts under dir in place; returns how many specifiers it completed. */
export function completeEsmSpecifiers(dir) {
  let completed = 0;
  for (const file of walk(dir)) {
    if (!file.endsWith('.js') && !file.endsWith('.d.ts')) continue;
    const source = readFileSync(file, 'utf8');
    const output = source.replace(SPECIFIER, (_match, lead, quote, specifier) => {
      completed++;
      return `${lead}${quote}${complete(dirname(file), specifier)}${quote}`;
    });
    if (output !== source) writeFileSync(file, output);
  }
  return completed;
}

function complete(fromDir, specifier) {
  if (/\.(c|m)?js$/.test(specifier)) return specifier;
  const target = resolve(fromDir, specifier);
  if (existsSync(`${target}.js`)) return `${specifier}.js`;
  if (existsSync(join(target, 'index.js'))) return `${specifier}/index.js`;
  throw new Error(`cannot complete import '${specifier}' in ${fromDir}`);
}

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
