import { UnsupportedCommandError } from '../errors/unsupported-command-error';
import type { RespArg } from '../resp/types';

/**
 * Commands that change the state of the connection they run on. Sockets are shared and pipelined,
 * so after `CLIENT REPLY SKIP`, `MULTI`, `SELECT 1`, `HELLO 3` or `SUBSCRIBE` other callers' replies
 * would be missing, "QUEUED", from another database, in another protocol or pushes: every way in
 * refuses them, and this table says what to use instead. Keyed by spec name (`PARENT|SUB`).
 * Blocking commands (BLPOP, WAIT ...) are not here: they already get a connection of their own.
 */
const TRANSACTION = 'use client.multi() (inside client.watch(), session.multi())';
const WATCH = 'use client.watch(keys, fn)';
const CHANNELS = 'use client.subscribe() / client.unsubscribe()';
const PATTERNS = 'use client.psubscribe() / client.punsubscribe()';
const SHARDED = 'use client.ssubscribe() / client.sunsubscribe()';
const READ_ROUTING = 'set the `readOnly`, `routeByLatency` or `routeRandomly` option';
const NOT_SUPPORTED = 'not supported on a cluster client';

export const CONNECTION_STATE_COMMANDS: ReadonlyMap<string, string> = new Map([
  ['MULTI', TRANSACTION],
  ['EXEC', TRANSACTION],
  ['DISCARD', TRANSACTION],
  ['WATCH', WATCH],
  ['UNWATCH', WATCH],
  ['SUBSCRIBE', CHANNELS],
  ['UNSUBSCRIBE', CHANNELS],
  ['PSUBSCRIBE', PATTERNS],
  ['PUNSUBSCRIBE', PATTERNS],
  ['SSUBSCRIBE', SHARDED],
  ['SUNSUBSCRIBE', SHARDED],
  ['HELLO', 'set the `protocol`, `username`/`password` and `clientName` options'],
  ['AUTH', 'set the `username` and `password` options'],
  ['CLIENT|SETNAME', 'set the `clientName` option'],
  ['READONLY', READ_ROUTING],
  ['READWRITE', READ_ROUTING],
  ['QUIT', 'use client.close()'],
  ['ASKING', 'not needed: the client follows ASK redirects itself'],
  ['SELECT', `${NOT_SUPPORTED} (a cluster has only database 0)`],
  ['RESET', NOT_SUPPORTED],
  ['MONITOR', NOT_SUPPORTED],
  ['SYNC', NOT_SUPPORTED],
  ['PSYNC', NOT_SUPPORTED],
  ['REPLCONF', NOT_SUPPORTED],
  ['CLIENT|REPLY', `${NOT_SUPPORTED} (replies are matched to callers in order)`],
  ['CLIENT|TRACKING', `${NOT_SUPPORTED} (no client-side caching)`],
  ['CLIENT|CACHING', `${NOT_SUPPORTED} (no client-side caching)`],
  ['CLIENT|SETINFO', NOT_SUPPORTED],
  ['CLIENT|NO-EVICT', NOT_SUPPORTED],
  ['CLIENT|NO-TOUCH', NOT_SUPPORTED],
]);

/** What to use instead of the command named `specName` (`MULTI`, `CLIENT|REPLY`), or undefined when it may be sent. */
export function connectionStateRefusal(specName: string): string | undefined {
  return CONNECTION_STATE_COMMANDS.get(specName.toUpperCase());
}

/** The error for a command whose spec carries `useInstead`. */
export function unsupportedCommand(specName: string, useInstead: string): UnsupportedCommandError {
  return new UnsupportedCommandError(specName.replace('|', ' '), useInstead);
}

/**
 * The same decision from the argv alone, for commands with no spec (HELLO, SELECT ... are not in
 * the built-in table) and for queues that hold no registry (transactions, WATCH sessions).
 */
export function refusalOf(args: readonly RespArg[]): UnsupportedCommandError | undefined {
  const name = textOf(args[0]);
  if (name === undefined) return undefined;
  let specName = name.toUpperCase();
  if (specName === 'CLIENT') {
    const sub = textOf(args[1]);
    if (sub === undefined) return undefined;
    specName = `CLIENT|${sub.toUpperCase()}`;
  }
  const useInstead = CONNECTION_STATE_COMMANDS.get(specName);
  return useInstead === undefined ? undefined : unsupportedCommand(specName, useInstead);
}

function textOf(arg: RespArg | undefined): string | undefined {
  return typeof arg === 'string' ? arg : Buffer.isBuffer(arg) ? arg.toString('latin1') : undefined;
}
