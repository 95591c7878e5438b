import type { BenchClient, ReadFrom } from './adapters';
import type { Keyspace } from './keyspace';
import type { ServerCpuProbe } from './server-cpu';
import { type CellRound, LatencyHistogram, seededRandom } from './stats';

export type WorkloadId = 'get' | 'set' | 'mix' | 'mget' | 'replica-get';

export interface Workload {
  id: WorkloadId;
  title: string;
  readFrom: ReadFrom;
  worker: Worker;
}

type Worker = (client: BenchClient, ks: Keyspace, cell: Cell) => Promise<void>;

/**
 * One cell in progress: the measurement window and what went wrong. Workers call `tick` after
 * every reply; it records the latency when the reply landed inside the window and takes the CPU
 * snapshots at the window's edges, so no timer is needed (a client that answers from microtasks
 * alone still ends its cell).
 */
export class Cell {
  readonly histogram = new LatencyHistogram();
  readonly random: () => number;
  problem: string | undefined;
  private started = false;
  private stopped = false;
  private startAt = 0n;
  private endAt = 0n;
  private cpuStart: NodeJS.CpuUsage | undefined;
  private cpuEnd: NodeJS.CpuUsage | undefined;
  private serverStart = NaN;
  private serverEnd = NaN;

  constructor(
    private readonly recordFrom: bigint,
    private readonly recordUntil: bigint,
    seed: number,
    private readonly serverCpu: ServerCpuProbe | undefined = undefined,
  ) {
    this.random = seededRandom(seed);
  }

  /** Records one reply; true once the window is over (the worker stops). */
  tick(t0: bigint, t1: bigint): boolean {
    if (t1 < this.recordFrom) return false;
    if (t1 >= this.recordUntil) {
      if (!this.stopped) {
        this.stopped = true;
        this.endAt = t1;
        this.cpuEnd = process.cpuUsage();
        if (this.serverCpu !== undefined) this.serverEnd = this.serverCpu();
      }
      return true;
    }
    if (!this.started) {
      this.started = true;
      this.startAt = t1;
      this.cpuStart = process.cpuUsage();
      if (this.serverCpu !== undefined) this.serverStart = this.serverCpu();
    }
    this.histogram.record(Number(t1 - t0));
    return false;
  }

  fail(problem: string): void {
    this.problem ??= problem;
  }

  result(rssBytes: number, replicaShare: number | undefined): CellRound {
    const { cpuStart: a, cpuEnd: b } = this;
    return {
      ops: this.histogram.total,
      seconds: this.stopped && this.started ? Number(this.endAt - this.startAt) / 1e9 : 0,
      histogram: this.histogram,
      cpuMicros: a !== undefined && b !== undefined ? b.user - a.user + b.system - a.system : NaN,
      serverCpuMicros: (this.serverEnd - this.serverStart) / 1000,
      rssBytes,
      problem: this.problem ?? (this.stopped ? undefined : 'no reply after the window ended'),
      replicaShare,
    };
  }
}

// Each worker is written out (no shared per-op wrapper) so the harness costs the same few
// operations per reply for every client: PRNG, two hrtime reads, one histogram record, one compare.

const getWorker: Worker = async (client, { keys, values }, cell) => {
  for (;;) {
    const i = cell.random() % keys.length;
    const t0 = process.hrtime.bigint();
    let reply: string | null;
    try {
      reply = await client.get(keys[i]);
    } catch (error) {
      return cell.fail(`GET threw: ${describe(error)}`);
    }
    if (cell.tick(t0, process.hrtime.bigint())) return;
    if (reply !== values[i]) return cell.fail(`GET ${keys[i]} returned ${show(reply)}`);
  }
};

const setWorker: Worker = async (client, { keys, values }, cell) => {
  for (;;) {
    const i = cell.random() % keys.length;
    const t0 = process.hrtime.bigint();
    let reply: unknown;
    try {
      reply = await client.set(keys[i], values[i]);
    } catch (error) {
      return cell.fail(`SET threw: ${describe(error)}`);
    }
    if (cell.tick(t0, process.hrtime.bigint())) return;
    if (reply !== 'OK') return cell.fail(`SET ${keys[i]} returned ${show(reply)}`);
  }
};

/** 80% GET, 20% SET, drawn per operation. */
const mixWorker: Worker = async (client, { keys, values }, cell) => {
  for (;;) {
    const i = cell.random() % keys.length;
    const write = cell.random() % 10 < 2;
    const t0 = process.hrtime.bigint();
    let reply: unknown;
    try {
      reply = await (write ? client.set(keys[i], values[i]) : client.get(keys[i]));
    } catch (error) {
      return cell.fail(`${write ? 'SET' : 'GET'} threw: ${describe(error)}`);
    }
    if (cell.tick(t0, process.hrtime.bigint())) return;
    if (reply !== (write ? 'OK' : values[i])) return cell.fail(`${write ? 'SET' : 'GET'} ${keys[i]} returned ${show(reply)}`);
  }
};

const mgetWorker: Worker = async (client, { groups }, cell) => {
  for (;;) {
    const group = groups[cell.random() % groups.length];
    const t0 = process.hrtime.bigint();
    let reply: (string | null)[];
    try {
      reply = await client.mget(group.keys);
    } catch (error) {
      return cell.fail(`MGET threw: ${describe(error)}`);
    }
    if (cell.tick(t0, process.hrtime.bigint())) return;
    if (!sameValues(reply, group.values)) return cell.fail(`MGET ${group.keys.join(' ')} returned ${show(reply)}`);
  }
};

export const WORKLOADS: readonly Workload[] = [
  { id: 'get', title: 'GET, random key', readFrom: 'master', worker: getWorker },
  { id: 'set', title: 'SET, random key, 64-byte value', readFrom: 'master', worker: setWorker },
  { id: 'mix', title: '80% GET / 20% SET', readFrom: 'master', worker: mixWorker },
  { id: 'mget', title: 'MGET of 10 keys on 10 different slots', readFrom: 'master', worker: mgetWorker },
  { id: 'replica-get', title: "GET from replicas (each client's replica-read setting)", readFrom: 'replica', worker: getWorker },
];

export interface CellPlan {
  workload: Workload;
  inFlight: number;
  warmupSeconds: number;
  seconds: number;
  seed: number;
  /** Samples the servers' CPU at the window's edges (cell-child.ts, when the servers are local). */
  serverCpu?: ServerCpuProbe;
}

/** Runs `inFlight` workers, each awaiting its own command in a loop, for warm-up + window. */
export async function runCell(client: BenchClient, ks: Keyspace, plan: CellPlan): Promise<Cell> {
  const now = process.hrtime.bigint();
  const from = now + BigInt(Math.round(plan.warmupSeconds * 1e9));
  const until = from + BigInt(Math.round(plan.seconds * 1e9));
  const cell = new Cell(from, until, plan.seed, plan.serverCpu);
  const workers: Promise<void>[] = [];
  for (let w = 0; w < plan.inFlight; w++) workers.push(plan.workload.worker(client, ks, cell));
  // A client that stops answering must not stall the whole run: give up 10 s after the window.
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>(
    (resolve) => (timer = setTimeout(() => resolve('hung'), (plan.warmupSeconds + plan.seconds + 10) * 1000)),
  );
  const outcome = await Promise.race([Promise.all(workers), hung]);
  clearTimeout(timer);
  if (outcome === 'hung') cell.fail('hung: some commands never completed');
  return cell;
}

function sameValues(reply: unknown, expected: readonly string[]): boolean {
  if (!Array.isArray(reply) || reply.length !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (reply[i] !== expected[i]) return false;
  return true;
}

export function describe(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0].slice(0, 160);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 100 ? `${text.slice(0, 100)}...` : text;
}
