import type { RedisClusterClient } from '../../lib/core/cluster/cluster-client';

export interface LoadOptions {
  /** Distinct keys; spread over all slots. */
  keys?: number;
  /** Concurrent workers, each awaiting one command at a time. */
  workers?: number;
  /** Share of reads, 0..1. */
  readRatio?: number;
  prefix?: string;
}

export interface LoadReport {
  reads: number;
  writes: number;
  readErrors: Error[];
  writeErrors: Error[];
  /** Longest single read / write, in ms: how long a caller waited through the event. */
  maxReadMs: number;
  maxWriteMs: number;
  /** Acknowledged writes whose value is no longer there (checked by verify()). */
  lost: number;
}

/**
 * Steady reads and writes over all slots while a test breaks the cluster. Every key's value is a
 * counter that only grows, so after the event each key must hold its last acknowledged value or a
 * later one whose acknowledgement failed; anything older is an acknowledged write that was lost.
 */
export class Load {
  private running = false;
  private readonly workers: Promise<void>[] = [];
  private readonly acked = new Map<string, number>();
  private readonly report: LoadReport = { reads: 0, writes: 0, readErrors: [], writeErrors: [], maxReadMs: 0, maxWriteMs: 0, lost: 0 };
  private readonly keys: string[];
  private counter = 0;

  constructor(
    private readonly client: RedisClusterClient,
    private readonly options: LoadOptions = {},
  ) {
    const prefix = options.prefix ?? `load:${process.pid}:${Date.now()}`;
    this.keys = Array.from({ length: options.keys ?? 1000 }, (_, i) => `${prefix}:${i}`);
  }

  start(): this {
    this.running = true;
    for (let i = 0; i < (this.options.workers ?? 16); i++) this.workers.push(this.work());
    return this;
  }

  async stop(): Promise<LoadReport> {
    this.running = false;
    await Promise.all(this.workers);
    return this.report;
  }

  /** Reads every key written and counts acknowledged writes that are gone. */
  async verify(): Promise<LoadReport> {
    const keys = [...this.acked.keys()];
    const values = await this.client.mget(keys);
    keys.forEach((key, i) => {
      const value = Number(values[i] ?? -1);
      const acked = this.acked.get(key) ?? -1;
      if (value < acked) this.report.lost++;
    });
    return this.report;
  }

  private async work(): Promise<void> {
    const readRatio = this.options.readRatio ?? 0.5;
    while (this.running) {
      const key = this.keys[Math.floor(Math.random() * this.keys.length)];
      const started = Date.now();
      if (Math.random() < readRatio) {
        try {
          await this.client.get(key);
          this.report.reads++;
        } catch (error) {
          this.report.readErrors.push(error as Error);
        }
        this.report.maxReadMs = Math.max(this.report.maxReadMs, Date.now() - started);
      } else {
        const value = ++this.counter;
        try {
          await this.client.set(key, value);
          if ((this.acked.get(key) ?? -1) < value) this.acked.set(key, value);
          this.report.writes++;
        } catch (error) {
          this.report.writeErrors.push(error as Error);
        }
        this.report.maxWriteMs = Math.max(this.report.maxWriteMs, Date.now() - started);
      }
      // Yield now and then so a test's own timers and assertions get their turn.
      if ((this.report.reads + this.report.writes) % 64 === 0) await new Promise((r) => setImmediate(r));
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `read` until `check` passes or `timeoutMs` runs out; returns the last value. */
export async function waitFor<T>(read: () => Promise<T> | T, check: (value: T) => boolean, timeoutMs = 15000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await sleep(everyMs);
  }
}

export function summarize(errors: Error[]): string {
  const counts = new Map<string, number>();
  for (const e of errors) counts.set(`${e.name}: ${e.message.slice(0, 80)}`, (counts.get(`${e.name}: ${e.message.slice(0, 80)}`) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n}x ${k}`).join('\n');
}
