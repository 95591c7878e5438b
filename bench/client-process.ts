import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { ClientAdapter } from './adapters';
import type { FromChild, SentCellRound, ToChild } from './cell-protocol';
import type { ClientEntry } from './results';
import { type CellRound, LatencyHistogram } from './stats';
import type { CellPlan, Workload } from './workload';

/**
 * A client living in its own process for the whole run (cell-child.ts): the cells of every client
 * still run one at a time, rotated by run.ts, but no client runs in a heap, a JIT or a CPU and RSS
 * account shared with the others.
 */
export class ClientProcess {
  private waiting: ((message: FromChild | Error) => void) | undefined;
  private exitReason: string | undefined;

  private constructor(
    readonly entry: ClientEntry,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (message: FromChild) => this.deliver(message));
    child.on('error', (error) => this.deliver(error));
    child.on('exit', (code, signal) => {
      this.exitReason = `client process ${signal ? `killed by ${signal}` : `exited (${code})`}`;
      this.deliver(new Error(this.exitReason));
    });
  }

  /** Spawns, connects and warms the client up; an entry with `skipped` set when it cannot. */
  static async start(
    adapter: ClientAdapter,
    seeds: string,
    workloads: readonly Workload[],
    serverPids: readonly number[],
  ): Promise<ClientProcess> {
    const workloadIds = workloads.map((w) => w.id).join(',');
    const args = ['--expose-gc', join(__dirname, 'cell-child.js'), adapter.id, seeds, workloadIds, serverPids.join(',')];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    const entry: ClientEntry = { adapter, skipped: undefined, mgetUnsupported: undefined };
    const handle = new ClientProcess(entry, child);
    const first = await handle.next();
    if (first instanceof Error || first.kind !== 'ready') {
      entry.skipped = first instanceof Error ? first.message : first.kind === 'skipped' ? first.reason : 'unexpected message';
      child.kill();
    } else entry.mgetUnsupported = first.mgetUnsupported;
    return handle;
  }

  /** One round of one cell in the client's process; a process that died gives a failed round. */
  async runCell(workload: Workload, plan: Omit<CellPlan, 'workload'>): Promise<CellRound> {
    if (this.exitReason !== undefined || !this.child.connected) return failedRound(this.exitReason ?? 'client process gone');
    const reply = this.next();
    this.post({ kind: 'cell', workload: workload.id, ...plan });
    const message = await reply;
    if (message instanceof Error) return failedRound(message.message);
    if (message.kind !== 'cell') return failedRound(`unexpected '${message.kind}' from the client process`);
    return received(message.round);
  }

  async close(): Promise<void> {
    if (this.exitReason !== undefined) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.post({ kind: 'close' });
    else this.child.kill();
    const timer = setTimeout(() => this.child.kill(), 10_000);
    await exited;
    clearTimeout(timer);
  }

  private next(): Promise<FromChild | Error> {
    return new Promise((resolve) => (this.waiting = resolve));
  }

  private deliver(message: FromChild | Error): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(message);
  }

  private post(message: ToChild): void {
    this.child.send(message);
  }
}

function received(round: SentCellRound): CellRound {
  return { ...round, histogram: LatencyHistogram.fromSnapshot(round.histogram) };
}

function failedRound(problem: string): CellRound {
  return {
    ops: 0,
    seconds: 0,
    histogram: new LatencyHistogram(),
    cpuMicros: NaN,
    serverCpuMicros: NaN,
    rssBytes: 0,
    problem,
    replicaShare: undefined,
  };
}
