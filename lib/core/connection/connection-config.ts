import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';

/** What one socket needs to know; built by the pool from the client's resolved options. */
export interface ConnectionConfig {
  host: string;
  port: number;
  tls: TlsConnectionOptions | undefined;
  username: string | undefined;
  password: string | undefined;
  clientName: string | undefined;
  protocol: 2 | 3;
  /** Send READONLY after the handshake, so a replica serves reads for the slots it replicates. */
  readOnly: boolean;
  /** Replicas that must confirm each write before it is acknowledged; 0 or absent disables. */
  waitReplicas?: number;
  /** WAIT's own timeout, in ms. */
  waitReplicasTimeout?: number;
  dialTimeout: number;
  readTimeout: number;
  writeTimeout: number;
}
