import { channel, tracingChannel, type Channel, type TracingChannel } from 'node:diagnostics_channel';
import type { BatchTraceContext } from './batch-context';
import type { CommandTraceContext } from './command-context';
import type { ClusterEventMessage, ConnectionMessage } from './messages';

/** The names subscribers use (`diagnostics_channel.tracingChannel(name)` / `channel(name)`). */
export const CHANNEL_NAMES = {
  command: 'slotline:command',
  batch: 'slotline:batch',
  connection: 'slotline:connection',
  nodeState: 'slotline:node-state',
  topology: 'slotline:topology',
} as const;

/**
 * `hasSubscribers` is on every TracingChannel of the Node versions we support (20.13+), but not in
 * @types/node 20's declaration: one read of it is the whole cost of tracing when nobody listens.
 */
export type TracedChannel<C extends object> = TracingChannel<unknown, C> & { readonly hasSubscribers: boolean };

// Channels are process-wide by name (Node keeps the registry): holding them here adds no state of
// our own, and looking them up once keeps the per-command check to a property read.
export const commandChannel = tracingChannel<unknown, CommandTraceContext>(CHANNEL_NAMES.command) as TracedChannel<CommandTraceContext>;
export const batchChannel = tracingChannel<unknown, BatchTraceContext>(CHANNEL_NAMES.batch) as TracedChannel<BatchTraceContext>;
export const connectionChannel = channel(CHANNEL_NAMES.connection) as Channel<unknown, ConnectionMessage>;
export const nodeStateChannel = channel(CHANNEL_NAMES.nodeState) as Channel<unknown, ClusterEventMessage>;
export const topologyChannel = channel(CHANNEL_NAMES.topology) as Channel<unknown, ClusterEventMessage>;
