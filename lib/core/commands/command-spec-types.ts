// The shape of a command spec, apart from the functions on it (command-spec.ts): key-positions.ts
// and repeat-verdict.ts read specs, and command-spec.ts calls them, so the types live below all three.

/**
 * What the router needs to know about a command: where its keys are, whether it reads or writes,
 * and where to send it when it has no key (whether a repeat is safe: repeat-safety.ts). Built-in
 * specs and specs learned from the server's COMMAND reply share this one shape.
 */

/** Where the search for keys starts (Redis 7 key specs' `begin_search`). Indices count the command name as 0. */
export type BeginSearch =
  | { readonly type: 'index'; readonly index: number }
  /** Keys start right after `keyword`, searched from `startFrom` onwards (negative: backwards from the end). */
  | { readonly type: 'keyword'; readonly keyword: string; readonly startFrom: number };

/** How keys continue from where the search began (Redis 7 key specs' `find_keys`). */
export type FindKeys =
  /**
   * `lastKey` >= 0: the last key is that far after the start; -1: up to the last argument, -2: the one
   * before, ... `limit` > 1 with lastKey -1 keeps only the first 1/limit of the rest (XREAD's streams
   * are followed by as many IDs).
   */
  | { readonly type: 'range'; readonly lastKey: number; readonly step: number; readonly limit: number }
  /** The argument at start + `numKeysAt` holds the key count; keys start at start + `firstKey`. */
  | { readonly type: 'keynum'; readonly numKeysAt: number; readonly firstKey: number; readonly step: number };

export interface KeySpec {
  readonly begin: BeginSearch;
  readonly find: FindKeys;
}

/** All the rules that together find a command's keys, in order; empty when it takes none. */
export type KeyLocator = readonly KeySpec[];

/**
 * Where a command goes:
 * - `key`: the node serving its first key's slot (a command with keys but none given goes to any node);
 * - `any`: any one node, e.g. PING, ECHO, TIME, CLUSTER INFO (same answer everywhere);
 * - `allMasters`: every master, e.g. FLUSHALL, KEYS, DBSIZE, SCAN — see `aggregate` for the reply;
 * - `allNodes`: every node, replicas too, e.g. SCRIPT LOAD/FLUSH, so a replica read can run the script.
 */
export type CommandRoute = 'key' | 'any' | 'allMasters' | 'allNodes';

/**
 * How replies from several nodes become one (Redis's `response_policy` tips):
 * `allSucceeded` first reply when all succeed; `oneSucceeded` first success; `sum`/`min`/`max` over
 * integers; `logicalAnd`/`logicalOr` over 0/1 arrays; `concat` one array of all; `special` the router
 * must not fan the command out by itself (SCAN: each master has its own cursor).
 */
export type ReplyAggregate = 'allSucceeded' | 'oneSucceeded' | 'sum' | 'min' | 'max' | 'logicalAnd' | 'logicalOr' | 'concat' | 'special';

/**
 * How a multi-key command is split over slots and its replies merged: `mget` one reply per key in
 * the caller's order, `mset` 'OK' once all parts are, `count` the parts' integers summed.
 */
export type MultiKeyKind = 'mget' | 'mset' | 'count';

export interface CommandFlags {
  readonly readonly: boolean;
  readonly write: boolean;
  /** May block the connection (BLPOP, XREAD BLOCK, WAIT): needs a connection of its own. */
  readonly blocking: boolean;
  /** Pub/Sub: (un)subscribe commands put the connection into subscriber mode. */
  readonly pubsub: boolean;
  /** Cannot run inside scripts or functions. */
  readonly noScript: boolean;
  readonly admin: boolean;
  /** MULTI/EXEC/DISCARD/WATCH/UNWATCH: connection state; never retried or rerouted alone. */
  readonly transaction: boolean;
}

export interface CommandSpec {
  /** Upper case; a subcommand is `PARENT|SUB`, as COMMAND names them (`OBJECT|ENCODING`). */
  readonly name: string;
  readonly keys: KeyLocator;
  readonly flags: CommandFlags;
  readonly route: CommandRoute;
  readonly aggregate?: ReplyAggregate;
  readonly multiKey?: MultiKeyKind;
  /**
   * For commands flagged blocking that block only with an option (XREAD/XREADGROUP BLOCK): without
   * it they are ordinary reads that can share a pipelined connection. See isBlockingCall.
   */
  readonly blockingOption?: string;
  /**
   * A keyless command that still names something (PUBLISH's channel): the index of that argument,
   * whose slot picks the master instead of a random one. One publisher's messages on one channel then
   * leave from one node and arrive in order; the name is never a key (no cross-slot check).
   */
  readonly routeByArg?: number;
  /** Some keys cannot be found from the arguments alone (SORT BY/GET/STORE, a server spec of type unknown). */
  readonly incompleteKeys?: boolean;
  /** COMMAND's arity when learned from the server: n exactly, -n at least n (the name included). */
  readonly arity?: number;
  /** By upper- and lower-case subcommand name; resolved by CommandRegistry.resolve. */
  readonly subcommands?: ReadonlyMap<string, CommandSpec>;
  /**
   * Precomputed: the argv index of the only key when the command always has exactly one key at a
   * fixed position (GET, HSET, ...), else 0. Lets the router skip the general key search.
   */
  readonly singleKeyAt: number;
  /**
   * Set for commands that change the state of a shared connection (MULTI, CLIENT REPLY, ...): what
   * to use instead. Such a command is refused before it is created; see connection-state-commands.
   */
  readonly useInstead?: string;
}

export type CommandSpecInput = Omit<CommandSpec, 'flags' | 'singleKeyAt' | 'route' | 'name'> & {
  readonly name: string;
  readonly flags?: Partial<CommandFlags>;
  readonly route?: CommandRoute;
};
