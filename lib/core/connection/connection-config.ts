import type { LookupFunction } from 'node:net';
import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import type { CredentialsProvider } from '../credentials/credentials';
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
  /** The name the node's certificate must carry, per node; `tls.servername` set by the user wins. */
  servername?: string;
  /** Resolves a host name on every dial (none when the host is an IP); Node's dns.lookup when unset. */
  lookup?: LookupFunction;
  username: string | undefined;
  /** Read by the handshake only. */
  password: Secret<string> | undefined;
  /** Asked before each handshake instead of username/password (never both); read by Connection.open only. */
  credentialsProvider?: CredentialsProvider;
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
