import type { Connection, ConnectionEvents } from '../connection/connection';
import type { ConnectionConfig } from '../connection/connection-config';
import type { ResolvedOptions } from '../options/resolve-options';

/** The go-redis pool options, per node; see client-options.ts for meanings and defaults. */
export type PoolOptions = Pick<
  ResolvedOptions,
  'poolSize' | 'minIdleConns' | 'poolTimeout' | 'idleTimeout' | 'idleCheckFrequency' | 'maxConnAge'
>;

/**
 * Ordinary commands fill the first shared connection up to this many in flight before the next one
 * is used (or dialled). Fewer, fuller sockets mean bigger writes and fewer syscalls per command;
 * more sockets only help once one socket's pipeline is deep. Measured with bench/ (GET, 256 in
 * flight, 3 masters): 64 gave 158k ops/s at 4.5 µs CPU/op, 256 gave 197k ops/s at 4.8 µs and a
 * p99 of 3.4 ms instead of 6.2 ms, as each master's traffic then shares one write per loop turn.
 */
export const PIPELINE_DEPTH_PER_CONNECTION = 256;

/** Opens one ready connection (dial + handshake). Injected so the pool and the heartbeat can be tested without a server. */
export type OpenConnection = (config: ConnectionConfig, events?: ConnectionEvents) => Promise<Connection>;

/** `open` defaults to Connection.open; it is called once per new socket, never per command. */
export type NodePoolOptions = PoolOptions & { open?: OpenConnection };
