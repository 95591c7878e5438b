// What subscribers and APM agents need: channel names and message types (lib/index.ts re-exports them).
export { CHANNEL_NAMES } from './channels';
export type { AttemptFailure, CommandTraceContext } from './command-context';
export type { BatchTraceContext } from './batch-context';
export type { ClusterEventMessage, ConnectionMessage, ObservedClient } from './messages';
