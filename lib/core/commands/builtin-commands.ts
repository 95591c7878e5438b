import { BITMAP_COMMANDS, HASH_COMMANDS, HYPERLOGLOG_COMMANDS, KEY_COMMANDS, STRING_COMMANDS } from './builtin-data-commands';
import { GEO_COMMANDS, LIST_COMMANDS, SET_COMMANDS, SORTED_SET_COMMANDS, STREAM_COMMANDS } from './builtin-collection-commands';
import { CLUSTER_COMMANDS, PUBSUB_COMMANDS, SCRIPTING_COMMANDS, SERVER_COMMANDS, TRANSACTION_COMMANDS } from './builtin-server-commands';
import type { CommandSpec } from './command-spec';

/**
 * The commands this client knows without asking the server: enough to route everything the typed
 * methods send before (or without) a COMMAND reply. Immutable; each CommandRegistry copies it.
 */
export const BUILTIN_COMMANDS: readonly CommandSpec[] = Object.freeze([
  ...STRING_COMMANDS,
  ...KEY_COMMANDS,
  ...HASH_COMMANDS,
  ...BITMAP_COMMANDS,
  ...HYPERLOGLOG_COMMANDS,
  ...LIST_COMMANDS,
  ...SET_COMMANDS,
  ...SORTED_SET_COMMANDS,
  ...STREAM_COMMANDS,
  ...GEO_COMMANDS,
  ...SCRIPTING_COMMANDS,
  ...PUBSUB_COMMANDS,
  ...SERVER_COMMANDS,
  ...CLUSTER_COMMANDS,
  ...TRANSACTION_COMMANDS,
]);
