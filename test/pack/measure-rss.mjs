// RSS growth of importing each entry in a fresh process, as ESM (import) and CommonJS (require).
// Run from an app folder where the package is installed; prints one table line per entry and format.
import { execFileSync } from 'node:child_process';

const RUNS = 3;
const probe = (load) =>
  `globalThis.gc(); const before = process.memoryUsage().rss; ${load}; globalThis.gc(); ` +
  `process.stdout.write(String(process.memoryUsage().rss - before));`;
const forms = {
  ESM: (entry) => ['--input-type=module', '-e', probe(`await import('${entry}')`)],
  CJS: (entry) => ['-e', probe(`require('${entry}')`)],
};

console.log('| entry | format | RSS growth (median of 3 fresh processes) |');
console.log('| --- | --- | --- |');
for (const entry of process.argv.slice(2)) {
  for (const [format, args] of Object.entries(forms)) {
    const samples = [];
    for (let i = 0; i < RUNS; i++) {
      const out = execFileSync(process.execPath, ['--expose-gc', '--no-warnings', ...args(entry)], { encoding: 'utf8' });
      samples.push(Number(out));
    }
    samples.sort((a, b) => a - b);
    console.log(`| ${entry} | ${format} | +${(samples[1] / 2 ** 20).toFixed(1)} MB |`);
  }
}
