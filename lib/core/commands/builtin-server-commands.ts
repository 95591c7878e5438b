import { command as c, container, keysAt, NO_KEYS, numKeysSpec, READ_ONLY as RO, sub, WRITE as W } from './spec-builders';
import type { CommandFlags, CommandSpec } from './command-spec';

/**
 * Scripting, pub/sub, server, cluster and transaction commands. Fan-out routes follow Redis's
 * request/response policy tips, except where a single node's answer is what a caller wants
 * (PING, INFO, CLIENT, CONFIG GET: `any`; ask each node yourself for a per-node view).
 */

/** Reads no keyspace data: PING, TIME, CLUSTER INFO... (whether repeated: repeat-safety.ts). */
const NO_DATA: Partial<CommandFlags> = {};
const ADMIN: Partial<CommandFlags> = { admin: true };
const SCRIPT_NUMKEYS = [numKeysSpec(2)];
const NO_SCRIPT_WRITE: Partial<CommandFlags> = { ...W, noScript: true };
const NO_SCRIPT_READ: Partial<CommandFlags> = { ...RO, noScript: true };
const PUBSUB: Partial<CommandFlags> = { pubsub: true };
const TRANSACTION: Partial<CommandFlags> = { transaction: true, noScript: true };

export const SCRIPTING_COMMANDS: readonly CommandSpec[] = [
  // A script may do anything: flagged write here (Redis does not) so it never goes to a replica,
  // and never repeated after an unknown outcome. With no keys it runs on any node.
  c('EVAL', SCRIPT_NUMKEYS, NO_SCRIPT_WRITE),
  c('EVALSHA', SCRIPT_NUMKEYS, NO_SCRIPT_WRITE),
  c('EVAL_RO', SCRIPT_NUMKEYS, NO_SCRIPT_READ),
  c('EVALSHA_RO', SCRIPT_NUMKEYS, NO_SCRIPT_READ),
  c('FCALL', SCRIPT_NUMKEYS, NO_SCRIPT_WRITE),
  c('FCALL_RO', SCRIPT_NUMKEYS, NO_SCRIPT_READ),
  // Replicas get scripts too, so EVALSHA can be served by whichever node reads are routed to.
  container('SCRIPT', [
    sub('SCRIPT', 'LOAD', NO_KEYS, { ...NO_DATA, noScript: true }, { route: 'allNodes', aggregate: 'allSucceeded' }),
    sub('SCRIPT', 'FLUSH', NO_KEYS, { ...NO_DATA, noScript: true }, { route: 'allNodes', aggregate: 'allSucceeded' }),
    sub('SCRIPT', 'EXISTS', NO_KEYS, { ...NO_DATA, noScript: true }, { route: 'allMasters', aggregate: 'logicalAnd' }),
    sub('SCRIPT', 'KILL', NO_KEYS, { noScript: true }, { route: 'allMasters', aggregate: 'oneSucceeded' }),
  ]),
  container('FUNCTION', [
    sub('FUNCTION', 'LOAD', NO_KEYS, { ...W, noScript: true }, { route: 'allMasters', aggregate: 'allSucceeded' }),
    sub('FUNCTION', 'DELETE', NO_KEYS, { ...W, noScript: true }, { route: 'allMasters', aggregate: 'allSucceeded' }),
    sub('FUNCTION', 'FLUSH', NO_KEYS, { ...W, noScript: true }, { route: 'allMasters', aggregate: 'allSucceeded' }),
    sub('FUNCTION', 'RESTORE', NO_KEYS, { ...W, noScript: true }, { route: 'allMasters', aggregate: 'allSucceeded' }),
    sub('FUNCTION', 'KILL', NO_KEYS, { noScript: true }, { route: 'allMasters', aggregate: 'oneSucceeded' }),
    sub('FUNCTION', 'STATS', NO_KEYS, { ...NO_DATA, noScript: true }, { route: 'allMasters', aggregate: 'special' }),
    // Fanned out like LOAD/DELETE/FLUSH, so it fails when any master is unreachable; the first master's list is the reply.
    sub('FUNCTION', 'LIST', NO_KEYS, { ...NO_DATA, noScript: true }, { route: 'allMasters', aggregate: 'allSucceeded' }),
    sub('FUNCTION', 'DUMP', NO_KEYS, { ...NO_DATA, noScript: true }),
  ]),
];

export const PUBSUB_COMMANDS: readonly CommandSpec[] = [
  // Cluster-wide: the bus carries the message to every node. A repeat delivers it twice. Sent to the
  // channel's master, not any: from two origins, two messages can cross the bus out of order.
  c('PUBLISH', NO_KEYS, { pubsub: true }, { routeByArg: 1 }),
  // The shard channel hashes like a key: only its shard's nodes deliver it.
  c('SPUBLISH', keysAt(1), { pubsub: true }),
  c('SUBSCRIBE', NO_KEYS, { ...PUBSUB, noScript: true }),
  c('PSUBSCRIBE', NO_KEYS, { ...PUBSUB, noScript: true }),
  c('UNSUBSCRIBE', NO_KEYS, { ...PUBSUB, noScript: true }),
  c('PUNSUBSCRIBE', NO_KEYS, { ...PUBSUB, noScript: true }),
  c('SSUBSCRIBE', keysAt(1, -1), { ...PUBSUB, noScript: true }),
  c('SUNSUBSCRIBE', keysAt(1, -1), { ...PUBSUB, noScript: true }),
  container('PUBSUB', [
    sub('PUBSUB', 'CHANNELS', NO_KEYS, PUBSUB),
    sub('PUBSUB', 'NUMSUB', NO_KEYS, PUBSUB),
    sub('PUBSUB', 'NUMPAT', NO_KEYS, PUBSUB),
    sub('PUBSUB', 'SHARDCHANNELS', NO_KEYS, PUBSUB),
    sub('PUBSUB', 'SHARDNUMSUB', NO_KEYS, PUBSUB),
  ]),
];

export const SERVER_COMMANDS: readonly CommandSpec[] = [
  c('PING', NO_KEYS, NO_DATA),
  c('ECHO', NO_KEYS, NO_DATA),
  c('TIME', NO_KEYS, NO_DATA),
  c('LASTSAVE', NO_KEYS, NO_DATA),
  c('INFO', NO_KEYS, NO_DATA),
  c('DBSIZE', NO_KEYS, RO, { route: 'allMasters', aggregate: 'sum' }),
  c('FLUSHALL', NO_KEYS, W, { route: 'allMasters', aggregate: 'allSucceeded' }),
  c('FLUSHDB', NO_KEYS, W, { route: 'allMasters', aggregate: 'allSucceeded' }),
  // WAIT counts replicas acknowledging *this connection's* writes: meaningful only on a pinned one.
  // Redis does not flag it blocking, but it holds the connection until its timeout.
  c('WAIT', NO_KEYS, { blocking: true, noScript: true }),
  container(
    'COMMAND',
    ['COUNT', 'DOCS', 'GETKEYS', 'GETKEYSANDFLAGS', 'INFO', 'LIST'].map((name) => sub('COMMAND', name, NO_KEYS, NO_DATA)),
    NO_DATA,
  ),
  container('CONFIG', [
    sub('CONFIG', 'GET', NO_KEYS, { ...ADMIN, noScript: true }),
    sub('CONFIG', 'SET', NO_KEYS, { ...ADMIN, noScript: true }, { route: 'allNodes', aggregate: 'allSucceeded' }),
    sub('CONFIG', 'RESETSTAT', NO_KEYS, { ...ADMIN, noScript: true }, { route: 'allNodes', aggregate: 'allSucceeded' }),
    sub('CONFIG', 'REWRITE', NO_KEYS, { ...ADMIN, noScript: true }, { route: 'allNodes', aggregate: 'allSucceeded' }),
  ]),
  // Connection-scoped: the router sends these on whichever connection they concern.
  container('CLIENT', [
    ...['GETNAME', 'ID', 'INFO', 'SETNAME', 'SETINFO', 'TRACKINGINFO', 'GETREDIR', 'NO-TOUCH'].map((name) =>
      sub('CLIENT', name, NO_KEYS, { ...NO_DATA, noScript: true }),
    ),
    ...['LIST', 'NO-EVICT'].map((name) => sub('CLIENT', name, NO_KEYS, { ...ADMIN, noScript: true })),
    ...['KILL', 'PAUSE', 'UNPAUSE', 'UNBLOCK'].map((name) => sub('CLIENT', name, NO_KEYS, { ...ADMIN, noScript: true })),
    sub('CLIENT', 'REPLY', NO_KEYS, { noScript: true }),
    sub('CLIENT', 'TRACKING', NO_KEYS, { noScript: true }),
    sub('CLIENT', 'CACHING', NO_KEYS, { noScript: true }),
  ]),
];

// The same on every node, or about the node asked: `any`. Slot-specific ones
// (COUNTKEYSINSLOT, GETKEYSINSLOT) must be sent to the slot's owner by the caller.
const CLUSTER_READS = ['INFO', 'NODES', 'SLOTS', 'SHARDS', 'MYID', 'MYSHARDID', 'KEYSLOT', 'LINKS', 'COUNTKEYSINSLOT', 'GETKEYSINSLOT'];
const CLUSTER_ADMIN = [
  'ADDSLOTS',
  'ADDSLOTSRANGE',
  'DELSLOTS',
  'DELSLOTSRANGE',
  'FAILOVER',
  'FORGET',
  'MEET',
  'REPLICATE',
  'RESET',
  'SAVECONFIG',
  'SETSLOT',
  'FLUSHSLOTS',
  'BUMPEPOCH',
  'SET-CONFIG-EPOCH',
];

export const CLUSTER_COMMANDS: readonly CommandSpec[] = [
  container('CLUSTER', [
    ...CLUSTER_READS.map((name) => sub('CLUSTER', name, NO_KEYS, NO_DATA)),
    ...CLUSTER_ADMIN.map((name) => sub('CLUSTER', name, NO_KEYS, name === 'RESET' ? { ...ADMIN, noScript: true } : ADMIN)),
    ...['REPLICAS', 'COUNT-FAILURE-REPORTS'].map((name) => sub('CLUSTER', name, NO_KEYS, ADMIN)),
  ]),
  c('ASKING', NO_KEYS, NO_DATA),
  c('READONLY', NO_KEYS, NO_DATA),
  c('READWRITE', NO_KEYS, NO_DATA),
];

export const TRANSACTION_COMMANDS: readonly CommandSpec[] = [
  c('MULTI', NO_KEYS, TRANSACTION),
  c('EXEC', NO_KEYS, TRANSACTION),
  c('DISCARD', NO_KEYS, TRANSACTION),
  c('WATCH', keysAt(1, -1), TRANSACTION),
  c('UNWATCH', NO_KEYS, TRANSACTION),
];
