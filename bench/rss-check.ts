import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { RssChildResult, RssMeasurement } from './rss-types';

/**
 * Every client's RSS in fresh processes (rss-child.ts), one client at a time. For ours, a second
 * child loads the built-ins our import pulled in before the import itself, which splits the MB
 * into Node's own modules (net, tls, crypto...) and our code.
 */
export async function measureRss(clients: ReadonlyArray<{ id: string; label: string }>, seeds: string): Promise<RssMeasurement[]> {
  const out: RssMeasurement[] = [];
  for (const { id, label } of clients) {
    const first = await rssChild([id, seeds]);
    let builtinsFirst: RssChildResult | undefined;
    let problem = first.problem;
    if (id === 'ours' && first.result !== undefined && first.result.breakdown.builtins.length > 0) {
      const second = await rssChild([id, '-', first.result.breakdown.builtins.join(',')]);
      builtinsFirst = second.result;
      if (second.problem) problem = `built-ins-first run: ${second.problem}`;
    }
    out.push({ id, label, result: first.result, builtinsFirst, problem });
  }
  return out;
}

function rssChild(args: string[]): Promise<{ result?: RssChildResult; problem?: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', join(__dirname, 'rss-child.js'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (error) => resolve({ problem: `cannot start: ${error.message}` }));
    child.on('close', (code, signal) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && line.startsWith('{')) {
        try {
          return resolve({ result: JSON.parse(line) as RssChildResult });
        } catch {
          // fall through: reported as a problem below
        }
      }
      const why = signal ? `killed by ${signal}` : `exit ${code}`;
      resolve({ problem: `child process ${why}: ${err.trim().split('\n').at(-1) ?? ''}`.slice(0, 200) });
    });
  });
}
