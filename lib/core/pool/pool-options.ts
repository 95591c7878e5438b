/** The go-redis pool options, per node; see client-options.ts for meanings and defaults. */
export interface PoolOptions {
  poolSize: number;
  minIdleConns: number;
  poolTimeout: number;
  idleTimeout: number;
  idleCheckFrequency: number;
  maxConnAge: number;
}

/**
 * Ordinary commands fill the first shared connection up to this many in flight before the next one
 * is used (or dialled). Fewer, fuller sockets mean bigger writes and fewer syscalls per command;
 * more sockets only help once one socket's pipeline is deep. Chosen by the benchmark in bench/.
 */
export const PIPELINE_DEPTH_PER_CONNECTION = 64;
