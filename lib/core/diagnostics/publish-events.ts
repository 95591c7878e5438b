import { connectionChannel, nodeStateChannel, topologyChannel } from './channels';
import type { ObservedClient } from './messages';

/** `slotline:node-state`: a client's `nodeStateChange` event, for subscribers. */
export function publishNodeState(client: ObservedClient, change: unknown): void {
  if (nodeStateChannel.hasSubscribers) nodeStateChannel.publish({ client, change });
}

/** `slotline:topology`: a client's `topologyChange` event, for subscribers. */
export function publishTopology(client: ObservedClient, change: unknown): void {
  if (topologyChannel.hasSubscribers) topologyChannel.publish({ client, change });
}

/** `slotline:connection`, for a pool's dials and sockets. */
export function publishConnection(kind: 'connect' | 'close' | 'dialFailed', address: string, error: Error | undefined): void {
  if (connectionChannel.hasSubscribers) connectionChannel.publish({ kind, address, error });
}
