/**
 * What a subscriber may read of the client that published a message: enough to observe it (pool
 * counts, heartbeat latencies), nothing that sends. `RedisClusterClient` satisfies it.
 */
export interface ObservedClient {
  nodePoolStats(): Record<string, { totalConns: number; idleConns: number }>;
  health(): { nodes: ReadonlyArray<{ address: string; role: string; latencyMs: number | null }> };
}

/** `slotline:connection`: a pool's socket to a node opened, closed, or could not be opened. */
export interface ConnectionMessage {
  kind: 'connect' | 'close' | 'dialFailed';
  /** `host:port` dialled. */
  address: string;
  /** Why it closed or could not open; undefined for a connect and for a close the client chose. */
  error: Error | undefined;
}

/**
 * `slotline:node-state` and `slotline:topology`: the client's `nodeStateChange` / `topologyChange`
 * event, as the client emits it, with the client it came from.
 */
export interface ClusterEventMessage<Change = unknown> {
  client: ObservedClient;
  change: Change;
}
