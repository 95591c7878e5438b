/**
 * Which typed method serves which server command: the table scripts/command-coverage.ts checks
 * against a running server's `COMMAND DOCS` and turns into the README's command reference. Nothing
 * in the client reads it at run time.
 *
 * A command's method is its name in camelCase (`GET` get, `FCALL_RO` fcallRo, `XINFO STREAM`
 * xinfoStream) unless METHOD_OVERRIDES says otherwise. Variants of one command carry a suffix
 * (VARIANT_SUFFIXES): `getBuffer`, `zrangeWithScores`, `xclaimJustId`, `hscanIterator`.
 */

export interface CommandFamily {
  title: string;
  /** The `group` values of COMMAND DOCS this family covers. */
  groups: readonly string[];
}

/** In README order. Every command of these groups needs a method unless EXCLUDED says why not. */
export const FAMILIES: readonly CommandFamily[] = [
  { title: 'Strings', groups: ['string'] },
  { title: 'Bitmaps', groups: ['bitmap'] },
  { title: 'Keys', groups: ['generic'] },
  { title: 'Hashes', groups: ['hash'] },
  { title: 'Lists', groups: ['list'] },
  { title: 'Sets', groups: ['set'] },
  { title: 'Sorted sets', groups: ['sorted-set'] },
  { title: 'Streams', groups: ['stream'] },
  { title: 'Geo', groups: ['geo'] },
  { title: 'HyperLogLog', groups: ['hyperloglog'] },
  { title: 'Scripting and functions', groups: ['scripting'] },
  { title: 'Pub/Sub', groups: ['pubsub'] },
];

/**
 * Server and connection commands (groups no family covers) that do have a method, as the
 * cluster-wide view a caller expects: DBSIZE summed, FLUSHALL on every master, INFO per node.
 */
export const SERVER_METHODS: readonly string[] = ['dbsize', 'flushall', 'flushdb', 'info', 'time', 'ping', 'echo'];

/** Commands whose method is not their camelCase name. */
export const METHOD_OVERRIDES: Readonly<Record<string, string>> = {
  // Each master has its own cursor: the iterator walks them all.
  scan: 'scanIterator',
  'xgroup|createconsumer': 'xgroupCreateConsumer',
  'xgroup|delconsumer': 'xgroupDelConsumer',
  'xgroup|setid': 'xgroupSetId',
};

/** Suffixes of a method that is a variant of its command's method (other reply shape or type). */
export const VARIANT_SUFFIXES: readonly string[] = [
  'Buffer',
  'WithScores',
  'WithValues',
  'With',
  'Count',
  'JustId',
  'Len',
  'Idx',
  'Range',
  'Iterator',
];

/**
 * Data-group commands with no method, and why. Reach them with `client.call()` (or
 * `nodes()[i].call()` for one node) where they make sense at all. `*|help` subcommands are
 * excluded as a class: they print usage text.
 */
export const EXCLUDED: Readonly<Record<string, string>> = {
  migrate: 'an administration command that moves keys between nodes (resharding tools use it), not an application one',
  move: 'moves a key to another database; a cluster has only database 0',
  wait: 'counts replicas acknowledging the writes of the connection it runs on, which a pooled client does not pin: use the waitReplicas option',
  pfdebug: 'an internal debugging command of HyperLogLog',
  pfselftest: 'an internal test of HyperLogLog',
  'script|debug': 'the Lua debugger holds the connection in a debugging session: use redis-cli --ldb',
  'function|stats': 'describes the script running on one node at this moment: ask each node with nodes()[i].call()',
};

/** `fcall_ro` fcallRo, `xinfo|stream` xinfoStream, `client|no-evict` clientNoEvict. */
export function methodNameOf(command: string): string {
  const name = command.toLowerCase();
  const override = METHOD_OVERRIDES[name];
  if (override !== undefined) return override;
  return name.replace(/[|_-]([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Whether a `*|help` subcommand or a command listed in EXCLUDED. */
export function isExcluded(command: string): boolean {
  const name = command.toLowerCase();
  return name.endsWith('|help') || Object.prototype.hasOwnProperty.call(EXCLUDED, name);
}
