import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { BenchClient } from './adapters';
import type { Keyspace } from './keyspace';
import { describe } from './workload';

export const MEMORY_CHECK_COMMANDS = 100_000;

export interface MemoryCheckResult {
  completed: number;
  failed: number;
  firstError: string | undefined;
  /** From the first call to the last reply. */
  seconds: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  /** Heap + buffers the client held at the moment every command had been issued. */
  heapAtIssueMb: number;
}

/**
 * 100,000 SETs issued synchronously, so all are in flight at once: they must all complete (no
 * stack overflow, no unbounded buffering that kills the process), and the RSS growth says what
 * that many queued commands cost.
 */
export async function memoryCheck(client: BenchClient, ks: Keyspace, gc: () => void): Promise<MemoryCheckResult> {
  gc();
  await new Promise((r) => setTimeout(r, 20));
  gc();
  const heapBefore = process.memoryUsage();
  const rssBefore = heapBefore.rss;
  let peak = rssBefore;
  let completed = 0;
  let failed = 0;
  let firstError: string | undefined;
  let resolveAll!: () => void;
  const all = new Promise<void>((r) => (resolveAll = r));
  const settle = (): void => {
    if (completed + failed === MEMORY_CHECK_COMMANDS) resolveAll();
  };
  const ok = (reply: unknown): void => {
    if (reply === 'OK') completed++;
    else {
      failed++;
      firstError ??= `SET returned ${String(reply)}`;
    }
    settle();
  };
  const fail = (error: unknown): void => {
    failed++;
    firstError ??= describe(error);
    settle();
  };
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const started = process.hrtime.bigint();
  const n = ks.keys.length;
  for (let i = 0; i < MEMORY_CHECK_COMMANDS; i++) {
    try {
      client.set(ks.keys[i % n], ks.values[i % n]).then(ok, fail);
    } catch (error) {
      fail(error);
    }
  }
  const atIssue = process.memoryUsage();
  peak = Math.max(peak, atIssue.rss);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([all, new Promise<void>((r) => (timer = setTimeout(r, 60_000)))]);
  clearTimeout(timer);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  const mb = (b: number): number => b / 2 ** 20;
  const missing = MEMORY_CHECK_COMMANDS - completed - failed;
  return {
    completed,
    failed: failed + missing,
    firstError: firstError ?? (missing > 0 ? `${missing} commands had no reply after 60 s` : undefined),
    seconds,
    rssBeforeMb: mb(rssBefore),
    rssPeakMb: mb(peak),
    heapAtIssueMb: mb(atIssue.heapUsed + atIssue.external - heapBefore.heapUsed - heapBefore.external),
  };
}

/** Runs the check for one client in a child process (memory-child.ts); undefined + reason when it could not. */
export function memoryCheckInChild(clientId: string, seeds: string): Promise<{ result?: MemoryCheckResult; problem?: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', join(__dirname, 'memory-child.js'), clientId, seeds], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code, signal) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && line.startsWith('{')) return resolve({ result: JSON.parse(line) as MemoryCheckResult });
      const why = signal ? `killed by ${signal}` : `exit ${code}`;
      resolve({ problem: `child process ${why}: ${err.trim().split('\n').at(-1) ?? ''}`.slice(0, 200) });
    });
  });
}
