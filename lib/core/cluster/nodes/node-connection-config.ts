import type { ConnectionConfig } from '../../connection/connection-config';
import type { NodeAddress } from '../../options/client-options';
import type { ResolvedOptions } from '../../options/resolve-options';

/**
 * The configuration of every socket to `address` (pools, topology fetches, pub/sub). Pure.
 * `servername` is the name that node's certificate must carry (see node-endpoint.ts).
 */
export function nodeConnectionConfig(o: ResolvedOptions, address: NodeAddress, servername?: string): ConnectionConfig {
  return {
    host: address.host,
    port: address.port,
    tls: o.tls,
    tlsSecrets: o.tlsSecrets,
    servername,
    lookup: o.lookup,
    username: o.username,
    password: o.password,
    credentialsProvider: o.credentialsProvider,
    clientName: o.clientName,
    protocol: o.protocol,
    // READONLY is harmless on a master and required on a replica, so every socket gets it.
    readOnly: o.readOnly,
    waitReplicas: o.waitReplicas,
    waitReplicasTimeout: o.waitReplicasTimeout,
    dialTimeout: o.dialTimeout,
    readTimeout: o.readTimeout,
    writeTimeout: o.writeTimeout,
  };
}

/**
 * The heartbeat's own socket, from a node's config: it must fail fast (a PING slower than an
 * interval is already a miss) and is named apart, so CLIENT LIST tells pool sockets from it. Pure.
 */
export function heartbeatConnectionConfig(o: ResolvedOptions, node: ConnectionConfig): ConnectionConfig {
  return {
    ...node,
    readTimeout: o.heartbeatInterval * o.heartbeatFailures,
    clientName: o.clientName === undefined ? undefined : `${o.clientName}:heartbeat`,
  };
}
