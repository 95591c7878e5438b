import type { LookupFunction } from 'node:net';
import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import type { CredentialsProvider } from '../credentials/credentials';

export interface NodeAddress {
  host: string;
  port: number;
}

/** Maps an address the cluster announces to one this process can dial (NAT, port forwarding, SSH tunnels). */
export type AddressMap = Record<string, NodeAddress | string> | ((address: NodeAddress) => NodeAddress);

/**
 * TLS for every node, seeds and discovered ones alike. `true` verifies the server certificate
 * against the system CAs; pass an object to add a `ca`, a `servername`, client certificates,
 * or (explicitly, and announced once per client by a `warning` event) `rejectUnauthorized: false`.
 */
export type TlsOption = boolean | TlsConnectionOptions;

/**
 * Options of `new RedisClusterClient(options)`. Durations are milliseconds. Pool options are per node
 * and mean what they mean in go-redis. Every default lives in `DEFAULT_OPTIONS` (defaults.ts).
 */
export interface RedisClusterOptions {
  /**
   * Seed addresses: `'host:port'`, `'[::1]:port'`, `{ host, port }`, or a URL
   * `redis://[user[:password]@]host[:port]` (`rediss://` for TLS; port 6379 by default; user and
   * password percent-decoded). One reachable seed is enough; the rest are found. Credentials in URLs
   * must agree with each other and with `username` / `password`, and all URLs on the scheme.
   */
  nodes: Array<string | NodeAddress>;
  /** ACL user name; with `password`, the handshake is `HELLO 3 AUTH username password`. @default none ("default" user) */
  username?: string;
  /** Password (requirepass, or the ACL user's). Never logged, never part of an error or event. @default none */
  password?: string;
  /**
   * Short-lived or rotating credentials (ElastiCache IAM, Entra ID, rotated ACL passwords): called
   * for every new connection before its handshake, within dialTimeout, and every `reauthInterval`.
   * A rejection fails that dial with CredentialsError, never retried. Not with `username`/`password`
   * or URL credentials. See `elastiCacheIamCredentials`. @default none
   */
  credentialsProvider?: CredentialsProvider;
  /**
   * With `credentialsProvider`: how often live connections are re-authenticated (`AUTH` queued
   * between commands on every pool, heartbeat and subscriber socket). 0: only new connections. @default 0
   */
  reauthInterval?: number;
  /** @default false */
  tls?: TlsOption;
  /** Name given to every connection with `CLIENT SETNAME`, shown in `CLIENT LIST`. @default none */
  clientName?: string;
  /** RESP version to ask for with HELLO; falls back to 2 on servers without HELLO. @default 3 */
  protocol?: 2 | 3;

  /** Most sockets per node for ordinary commands and exclusive checkouts together. @default 10 */
  poolSize?: number;
  /** Sockets opened per node at connect time and kept open (a subset of poolSize). @default 0 */
  minIdleConns?: number;
  /** Longest wait for a connection others hold (exclusive checkouts; commands while every socket is checked out). A dial is bounded by dialTimeout instead. @default 4000 */
  poolTimeout?: number;
  /** A connection idle this long is closed, never below minIdleConns. 0 disables. @default 300000 */
  idleTimeout?: number;
  /** How often idle connections are reaped. @default 60000 */
  idleCheckFrequency?: number;
  /** A connection older than this is retired once its in-flight commands finish. 0 disables. @default 0 */
  maxConnAge?: number;
  /** Deadline for TCP connect + TLS + handshake. @default 5000 */
  dialTimeout?: number;
  /** Deadline for the oldest reply in flight on a connection; blocking commands extend it by their own timeout. 0 disables. @default 3000 */
  readTimeout?: number;
  /** Deadline for a socket write to drain to the kernel. 0 disables. @default 3000 */
  writeTimeout?: number;

  /** Retries after retryable failures (TRYAGAIN, CLUSTERDOWN, LOADING, connection loss, ...); -1 disables. @default 3 */
  maxRetries?: number;
  /** Lower bound of the exponential, jittered backoff between retries. @default 8 */
  minRetryBackoff?: number;
  /** Upper bound of the backoff between retries. @default 512 */
  maxRetryBackoff?: number;
  /** Most MOVED/ASK redirects followed for one command. @default 3 */
  maxRedirects?: number;

  /** Send read-only commands to replicas (random healthy replica, else the master). @default false */
  readOnly?: boolean;
  /** Send read-only commands to the node of the slot with the lowest heartbeat latency. Implies readOnly. @default false */
  routeByLatency?: boolean;
  /** Send read-only commands to a random node of the slot (master or replica). Implies readOnly. @default false */
  routeRandomly?: boolean;

  /**
   * Replicas that must confirm every write before it is acknowledged (`WAIT n` once per socket write).
   * A write they do not confirm in time fails with ReplicationError instead of a false OK. 0 disables. @default 0
   */
  waitReplicas?: number;
  /** How long WAIT may block for the confirmations. @default 1000 */
  waitReplicasTimeout?: number;

  /** Period of the per-node PING heartbeat. @default 1000 */
  heartbeatInterval?: number;
  /** Consecutive failed heartbeats after which a node is down. @default 3 */
  heartbeatFailures?: number;
  /** Period of the background topology refresh, which notices silent changes. 0 disables. @default 30000 */
  topologyRefreshInterval?: number;
  /** Translation of announced addresses to dialable ones. @default none */
  addressMap?: AddressMap;
  /**
   * Resolves host names (seeds, announced host names, addressMap targets) for every dial: pool,
   * heartbeat, pub/sub, blocking and topology sockets, TLS or not. Same signature as `dns.lookup`;
   * called again on every new dial, nothing is cached by the client. Not called for IP addresses.
   * @default none (Node's dns.lookup)
   */
  lookup?: LookupFunction;
  /**
   * What the `slotline:command` diagnostics channel publishes of a command's arguments: `'none'`,
   * or `'sanitized'` (the command name and its keys, every other argument as `'?'`; the OpenTelemetry
   * instrumentation then sets `db.query.text`). Values are never published. @default none
   */
  diagnosticArgs?: DiagnosticArgs;
}

/** See `RedisClusterOptions.diagnosticArgs`. */
export type DiagnosticArgs = 'none' | 'sanitized';
