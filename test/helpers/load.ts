import type { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { ClientClosedError } from '../../lib/core/errors';
import { poll } from './poll';

const MAX_KEPT_ERRORS = 1000;

export interface FinishedOp {
  kind: 'read' | 'write';
  start: number;
  end: number;
  error?: Error;
}

interface WriteRecord {
  start: number;
  end: number;
}

export interface LoadOptions {
  /** Distinct keys; spread over all slots. */
  keys?: number;
  /** Concurrent workers, each awaiting one command at a time. */
  workers?: number;
  /** Share of reads, 0..1. */
  readRatio?: number;
  prefix?: string;
  /** Sees every operation as it ends (performance.now() times), for measurements over time. */
  onOp?: (op: FinishedOp) => void;
  /** Workers stop by themselves after this long, so a test that fails before stop() cannot leave them running. */
  maxMs?: number;
}

export interface LoadReport {
  reads: number;
  writes: number;
  /** The first MAX_KEPT_ERRORS errors of each kind (enough to name them; a storm cannot fill the heap). */
  readErrors: Error[];
  writeErrors: Error[];
  /** Every error, counted. */
  readErrorCount: number;
  writeErrorCount: number;
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
  /**
   * Writes that may still explain a key's value, by their (unique) value: when each started and when
   * it was acknowledged (Infinity: never). A write that ended before a later acknowledged write to
   * its key began can only be a lost-write verdict, so it is dropped (see prune()): memory stays
   * proportional to keys and writes in flight, however long the load runs.
   */
  private readonly writes = new Map<number, WriteRecord>();
  /** Per key, the values in `writes` written to it. */
  private readonly valuesOf = new Map<string, number[]>();
  /** Per key, the latest start time of an acknowledged write. */
  private readonly ackedStart = new Map<string, number>();
  private readonly report: LoadReport = {
    reads: 0,
    writes: 0,
    readErrors: [],
    writeErrors: [],
    readErrorCount: 0,
    writeErrorCount: 0,
    maxReadMs: 0,
    maxWriteMs: 0,
    lost: 0,
  };
  private stopTimer?: NodeJS.Timeout;
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
    this.startClock();
    for (let i = 0; i < (this.options.workers ?? 16); i++) this.workers.push(this.work());
    return this;
  }

  /**
   * Open loop: `perSecond` writes issued on a timer whatever happens to earlier ones, as an
   * application serving requests does. Unlike closed-loop workers, writes pile up on a frozen node.
   */
  startOpenLoop(perSecond: number): this {
    this.startClock();
    const pending = new Set<Promise<void>>();
    const timer = setInterval(() => {
      const write = this.write(this.keys[Math.floor(Math.random() * this.keys.length)]);
      pending.add(write);
      void write.then(() => pending.delete(write));
    }, 1000 / perSecond);
    this.workers.push(
      (async () => {
        while (this.running) await sleep(20);
        clearInterval(timer);
        await Promise.all(pending);
      })(),
    );
    return this;
  }

  async stop(): Promise<LoadReport> {
    this.running = false;
    clearTimeout(this.stopTimer);
    await Promise.all(this.workers);
    return this.report;
  }

  /**
   * Reads every key written and counts acknowledged writes that are gone. Concurrent writes to one
   * key may take effect in either order, so a key is only wrong when the value it holds was written
   * by an operation that had finished before some acknowledged write to it began: that later write
   * was acknowledged and then lost (the linearizability check of a register).
   */
  async verify(): Promise<LoadReport> {
    const keys = [...this.ackedStart.keys()];
    const values = await this.client.mget(keys);
    keys.forEach((key, i) => {
      const holder = values[i] === null ? undefined : this.writes.get(Number(values[i]));
      if (holder === undefined || holder.end < (this.ackedStart.get(key) ?? -Infinity)) this.report.lost++;
    });
    return this.report;
  }

  private async write(key: string): Promise<void> {
    const value = ++this.counter;
    const started = performance.now();
    const record = { start: started, end: Infinity };
    this.writes.set(value, record);
    const values = this.valuesOf.get(key) ?? [];
    values.push(value);
    this.valuesOf.set(key, values);
    try {
      await this.client.set(key, value);
      record.end = performance.now();
      if ((this.ackedStart.get(key) ?? -Infinity) < started) this.ackedStart.set(key, started);
      this.report.writes++;
      this.prune(key);
      this.options.onOp?.({ kind: 'write', start: started, end: record.end });
    } catch (error) {
      this.failed('write', error as Error);
      this.options.onOp?.({ kind: 'write', start: started, end: performance.now(), error: error as Error });
    }
    this.report.maxWriteMs = Math.max(this.report.maxWriteMs, performance.now() - started);
  }

  /** Drops the key's writes that ended before its latest acknowledged write began. */
  private prune(key: string): void {
    const acked = this.ackedStart.get(key) ?? -Infinity;
    const kept = (this.valuesOf.get(key) ?? []).filter((value) => {
      const stale = (this.writes.get(value)?.end ?? -Infinity) < acked;
      if (stale) this.writes.delete(value);
      return !stale;
    });
    this.valuesOf.set(key, kept);
  }

  private failed(kind: 'read' | 'write', error: Error): void {
    const [list, count] = kind === 'read' ? (['readErrors', 'readErrorCount'] as const) : (['writeErrors', 'writeErrorCount'] as const);
    this.report[count]++;
    if (this.report[list].length < MAX_KEPT_ERRORS) this.report[list].push(error);
    // A closed client fails every call at once: nothing more to learn, and spinning on it would starve the process.
    if (error instanceof ClientClosedError) this.running = false;
  }

  private startClock(): void {
    this.running = true;
    this.stopTimer = setTimeout(() => (this.running = false), this.options.maxMs ?? 150_000);
  }

  private async work(): Promise<void> {
    const readRatio = this.options.readRatio ?? 0.5;
    let iterations = 0;
    while (this.running) {
      const key = this.keys[Math.floor(Math.random() * this.keys.length)];
      const started = performance.now();
      if (Math.random() < readRatio) {
        let failure: Error | undefined;
        try {
          await this.client.get(key);
          this.report.reads++;
        } catch (error) {
          failure = error as Error;
          this.failed('read', failure);
        }
        const ended = performance.now();
        this.report.maxReadMs = Math.max(this.report.maxReadMs, ended - started);
        this.options.onOp?.({ kind: 'read', start: started, end: ended, error: failure });
      } else {
        await this.write(key);
      }
      // Yield now and then so a test's own timers and assertions get their turn: counted by
      // iterations, not successes, since calls that fail at once settle as microtasks only.
      if (++iterations % 64 === 0) await new Promise((r) => setImmediate(r));
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `read` until `check` passes and gives that value; throws once `timeoutMs` runs out. */
export function waitFor<T>(read: () => Promise<T> | T, check: (value: T) => boolean, timeoutMs = 15000, everyMs = 100): Promise<T> {
  return poll(read, check, timeoutMs, everyMs);
}

export function summarize(errors: Error[]): string {
  const counts = new Map<string, number>();
  for (const e of errors) counts.set(`${e.name}: ${e.message.slice(0, 80)}`, (counts.get(`${e.name}: ${e.message.slice(0, 80)}`) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n}x ${k}`).join('\n');
}
