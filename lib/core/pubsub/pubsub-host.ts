import type { ConnectionConfig } from '../connection/connection-config';
import type { NodeAddress } from '../options/client-options';

/** What pub/sub needs from the client that owns it. */
export interface PubSubHost {
  topology(): PubSubTopology | undefined;
  /** Fetches the topology again; resolves (never rejects) once the attempt is over. */
  reload(): Promise<void>;
  connectionConfig(address: NodeAddress): ConnectionConfig;
  /** The client's `error` event: informational, never thrown. */
  error(error: Error): void;
}

/** A master as the topology names it, with its `host:port` key. */
export type Master = NodeAddress & { address: string };

/**
 * What pub/sub reads of the topology: the masters, and the one serving a slot. Declared here, so
 * pub/sub depends on no cluster file; the cluster's Topology satisfies it.
 */
export interface PubSubTopology {
  readonly shards: ReadonlyArray<{ readonly master: Master }>;
  shardOf(slot: number): { readonly master: Master } | undefined;
}
