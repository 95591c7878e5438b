import { command as c, container, keysAt, NO_KEYS, READ_ONLY as RO, sub, WRITE as W } from './spec-builders';
import type { CommandSpec } from './command-spec';

/**
 * Strings, generic key commands, hashes, bitmaps and HyperLogLog. Key positions and read/write
 * flags match Redis 7's COMMAND INFO (checked against a live server); repeat safety is in repeat-safety.ts.
 */

const ONE = keysAt(1);
const ALL = keysAt(1, -1);
const PAIRS = keysAt(1, -1, 2);

export const STRING_COMMANDS: readonly CommandSpec[] = [
  c('GET', ONE, RO),
  c('SET', ONE, W),
  c('SETNX', ONE, W),
  c('SETEX', ONE, W),
  c('PSETEX', ONE, W),
  c('GETSET', ONE, W),
  c('GETDEL', ONE, W),
  c('GETEX', ONE, W),
  c('MGET', ALL, RO, { multiKey: 'mget' }),
  c('MSET', PAIRS, W, { multiKey: 'mset' }),
  // All-or-nothing across keys: splitting it per slot would break that promise.
  c('MSETNX', PAIRS, W),
  c('INCR', ONE, W),
  c('INCRBY', ONE, W),
  c('INCRBYFLOAT', ONE, W),
  c('DECR', ONE, W),
  c('DECRBY', ONE, W),
  c('APPEND', ONE, W),
  c('STRLEN', ONE, RO),
  c('GETRANGE', ONE, RO),
  c('SUBSTR', ONE, RO),
  c('SETRANGE', ONE, W),
  c('LCS', keysAt(1, 2), RO),
];

export const KEY_COMMANDS: readonly CommandSpec[] = [
  c('DEL', ALL, W, { multiKey: 'count' }),
  c('UNLINK', ALL, W, { multiKey: 'count' }),
  c('EXISTS', ALL, RO, { multiKey: 'count' }),
  c('TOUCH', ALL, RO, { multiKey: 'count' }),
  c('EXPIRE', ONE, W),
  c('PEXPIRE', ONE, W),
  c('EXPIREAT', ONE, W),
  c('PEXPIREAT', ONE, W),
  c('EXPIRETIME', ONE, RO),
  c('PEXPIRETIME', ONE, RO),
  c('TTL', ONE, RO),
  c('PTTL', ONE, RO),
  c('PERSIST', ONE, W),
  c('TYPE', ONE, RO),
  c('RENAME', keysAt(1, 2), W),
  c('RENAMENX', keysAt(1, 2), W),
  c('COPY', keysAt(1, 2), W),
  c('DUMP', ONE, RO),
  c('RESTORE', ONE, W),
  // BY/GET patterns and STORE name keys the arguments cannot reveal; only the sorted key routes.
  c('SORT', ONE, W, { incompleteKeys: true }),
  c('SORT_RO', ONE, RO, { incompleteKeys: true }),
  c('KEYS', NO_KEYS, RO, { route: 'allMasters', aggregate: 'concat' }),
  // Each master has its own cursor: the client's scan iterator drives SCAN master by master.
  c('SCAN', NO_KEYS, RO, { route: 'allMasters', aggregate: 'special' }),
  c('RANDOMKEY', NO_KEYS, RO),
  container('OBJECT', [
    sub('OBJECT', 'ENCODING', keysAt(2), RO),
    sub('OBJECT', 'FREQ', keysAt(2), RO),
    sub('OBJECT', 'IDLETIME', keysAt(2), RO),
    sub('OBJECT', 'REFCOUNT', keysAt(2), RO),
    sub('OBJECT', 'HELP', NO_KEYS, {}),
  ]),
  container('MEMORY', [sub('MEMORY', 'USAGE', keysAt(2), RO), sub('MEMORY', 'STATS', NO_KEYS, {}), sub('MEMORY', 'DOCTOR', NO_KEYS, {})]),
];

export const HASH_COMMANDS: readonly CommandSpec[] = [
  c('HSET', ONE, W),
  c('HSETNX', ONE, W),
  c('HGET', ONE, RO),
  c('HMGET', ONE, RO),
  c('HMSET', ONE, W),
  c('HGETALL', ONE, RO),
  c('HDEL', ONE, W),
  c('HEXISTS', ONE, RO),
  c('HINCRBY', ONE, W),
  c('HINCRBYFLOAT', ONE, W),
  c('HKEYS', ONE, RO),
  c('HVALS', ONE, RO),
  c('HLEN', ONE, RO),
  c('HSCAN', ONE, RO),
  c('HSTRLEN', ONE, RO),
  c('HRANDFIELD', ONE, RO),
];

export const BITMAP_COMMANDS: readonly CommandSpec[] = [
  c('SETBIT', ONE, W),
  c('GETBIT', ONE, RO),
  c('BITCOUNT', ONE, RO),
  c('BITPOS', ONE, RO),
  c('BITFIELD', ONE, W),
  c('BITFIELD_RO', ONE, RO),
  c('BITOP', keysAt(2, -1), W),
];

export const HYPERLOGLOG_COMMANDS: readonly CommandSpec[] = [
  c('PFADD', ONE, W),
  // Its key spec says RW (it may rewrite the cached cardinality) but Redis flags it readonly, so replicas serve it.
  c('PFCOUNT', ALL, RO),
  c('PFMERGE', ALL, W),
];
