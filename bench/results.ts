import type { ClientAdapter } from './adapters';
import type { BenchConfig } from './config';
import type { MemoryCheckResult } from './memory-check';
import type { RedisBenchmarkRun } from './redis-benchmark';
import type { RssMeasurement } from './rss-types';
import type { CellSummary } from './stats';
import type { WorkloadId } from './workload';

/** Everything one run measured, as the report and the goal check read it. */
export interface RunResults {
  config: BenchConfig;
  machine: MachineInfo;
  clients: ClientEntry[];
  workloads: Array<{ id: WorkloadId; title: string }>;
  /** By cellKey(). */
  cells: Map<string, CellSummary>;
  /** `redis-benchmark -c 1`, once per round (the one-in-flight latency reference). */
  latencyReference: RedisBenchmarkRun[];
  /** Pipelined `redis-benchmark` runs: the practical limit of this machine. */
  limits: RedisBenchmarkRun[];
  redisBenchmarkProblem: string | undefined;
  memory: Array<{ id: string; label: string; result: MemoryCheckResult | undefined; skipped: string | undefined }>;
  /** Each client's RSS in fresh processes: after importing its entry, after connecting and 1,000 GETs. */
  rss: RssMeasurement[];
  /** The harness alone against a client that answers from memory: its share of every CPU/op figure. */
  harness: CellSummary | undefined;
}

export interface ClientEntry {
  adapter: ClientAdapter;
  /** Why the client is not in the tables at all (cannot load, cannot connect). */
  skipped: string | undefined;
  /** Why it cannot run MGET over several slots (the CROSSSLOT it got back). */
  mgetUnsupported: string | undefined;
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  redis: string;
  cluster: string;
  versions: Record<string, string>;
  /** `git describe`-like: the commit measured, and whether lib/ had uncommitted changes. */
  revision: string;
  startedAt: string;
  loadStart: string;
  loadEnd: string;
  durationSeconds: number;
}

export function cellKey(workload: WorkloadId, inFlight: number, clientId: string): string {
  return `${workload}|${inFlight}|${clientId}`;
}
