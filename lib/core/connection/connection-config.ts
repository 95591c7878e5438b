import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import type { TlsSecrets } from '../options/resolve-options';
import type { Secret } from '../options/secret';

/** What one socket needs to know; built once per node from the client's resolved options (cluster/nodes/node-connection-config.ts). */
export interface ConnectionConfig {
  host: string;
  port: number;
  /** TLS on when set; `key`, `passphrase` and `pfx` travel apart, in `tlsSecrets`. */
  tls: TlsConnectionOptions | undefined;
  /** Read by the dial only. */
  tlsSecrets?: Secret<TlsSecrets>;
  username: string | undefined;
  /** Read by the handshake only. */
  password: Secret<string> | undefined;
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
