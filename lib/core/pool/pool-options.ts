import type { ResolvedOptions } from '../options/resolve-options';

/** The go-redis pool options, per node; see client-options.ts for meanings and defaults. */
export type PoolOptions = Pick<ResolvedOptions, 'poolSize' | 'minIdleConns' | 'poolTimeout' | 'idleTimeout' | 'idleCheckFrequency' | 'maxConnAge'>;

/**
 * Ordinary commands fill the first shared connection up to this many in flight before the next one
 * is used (or dialled). Fewer, fuller sockets mean bigger writes and fewer syscalls per command;
 * more sockets only help once one socket's pipeline is deep. Chosen by the benchmark in bench/.
 */
export const PIPELINE_DEPTH_PER_CONNECTION = 256;
