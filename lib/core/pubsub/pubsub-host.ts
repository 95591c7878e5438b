import type { Topology } from '../cluster/topology/topology';
import type { ConnectionConfig } from '../connection/connection-config';
import type { NodeAddress } from '../options/client-options';

/** What pub/sub needs from the client that owns it. */
export interface PubSubHost {
  topology(): Topology | undefined;
  /** Fetches the topology again; resolves (never rejects) once the attempt is over. */
  reload(): Promise<void>;
  connectionConfig(address: NodeAddress): ConnectionConfig;
  /** The client's `error` event: informational, never thrown. */
  error(error: Error): void;
}

/** A master as the topology names it, with its `host:port` key. */
export type Master = NodeAddress & { address: string };
