import type { CellRound, HistogramSnapshot } from './stats';
import type { WorkloadId } from './workload';

/**
 * The messages between run.ts and a client's own process (cell-child.ts), over Node's IPC channel
 * with advanced serialization (NaN and undefined survive the trip).
 */
export type ToChild =
  { kind: 'cell'; workload: WorkloadId; inFlight: number; warmupSeconds: number; seconds: number; seed: number } | { kind: 'close' };

export type FromChild =
  { kind: 'ready'; mgetUnsupported: string | undefined } | { kind: 'skipped'; reason: string } | { kind: 'cell'; round: SentCellRound };

/** A CellRound with its histogram as plain data. */
export type SentCellRound = Omit<CellRound, 'histogram'> & { histogram: HistogramSnapshot };
