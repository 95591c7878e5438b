import {
  command as c,
  container,
  IDEMPOTENT_WRITE as IW,
  keysAt,
  NO_KEYS,
  READ_ONLY as RO,
  sub,
  WRITE as W,
} from './spec-builders';
import type { CommandSpec } from './command-spec';

/**
 * Strings, generic key commands, hashes, bitmaps and HyperLogLog. Key positions and read/write
 * flags match Redis 7's COMMAND INFO (checked against a live server); idempotency is ours.
 */

const ONE = keysAt(1);
const ALL = keysAt(1, -1);
const PAIRS = keysAt(1, -1, 2);

export const STRING_COMMANDS: readonly CommandSpec[] = [
  c('GET', ONE, RO),
  c('SET', ONE, IW),
  c('SETNX', ONE, IW),
  c('SETEX', ONE, IW),
  c('PSETEX', ONE, IW),
  c('GETSET', ONE, IW),
  // The repeat of a GETDEL that ran answers nil: the data is the same, the value is lost to the caller.
  c('GETDEL', ONE, IW),
  c('GETEX', ONE, IW),
  c('MGET', ALL, RO, { multiKey: 'mget' }),
  c('MSET', PAIRS, IW, { multiKey: 'mset' }),
  // All-or-nothing across keys: splitting it per slot would break that promise.
  c('MSETNX', PAIRS, IW),
  c('INCR', ONE, W),
  c('INCRBY', ONE, W),
  c('INCRBYFLOAT', ONE, W),
  c('DECR', ONE, W),
  c('DECRBY', ONE, W),
  c('APPEND', ONE, W),
  c('STRLEN', ONE, RO),
  c('GETRANGE', ONE, RO),
  c('SUBSTR', ONE, RO),
  c('SETRANGE', ONE, IW),
  c('LCS', keysAt(1, 2), RO),
];

export const KEY_COMMANDS: readonly CommandSpec[] = [
  c('DEL', ALL, IW, { multiKey: 'count' }),
  c('UNLINK', ALL, IW, { multiKey: 'count' }),
  c('EXISTS', ALL, RO, { multiKey: 'count' }),
  c('TOUCH', ALL, RO, { multiKey: 'count' }),
  c('EXPIRE', ONE, IW),
  c('PEXPIRE', ONE, IW),
  c('EXPIREAT', ONE, IW),
  c('PEXPIREAT', ONE, IW),
  c('EXPIRETIME', ONE, RO),
  c('PEXPIRETIME', ONE, RO),
  c('TTL', ONE, RO),
  c('PTTL', ONE, RO),
  c('PERSIST', ONE, IW),
  c('TYPE', ONE, RO),
  c('RENAME', keysAt(1, 2), IW),
  c('RENAMENX', keysAt(1, 2), IW),
  c('COPY', keysAt(1, 2), IW),
  c('DUMP', ONE, RO),
  c('RESTORE', ONE, IW),
  // BY/GET patterns and STORE name keys the arguments cannot reveal; only the sorted key routes.
  c('SORT', ONE, IW, { incompleteKeys: true }),
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
    sub('OBJECT', 'HELP', NO_KEYS, { idempotent: true }),
  ]),
  container('MEMORY', [
    sub('MEMORY', 'USAGE', keysAt(2), RO),
    sub('MEMORY', 'STATS', NO_KEYS, { idempotent: true }),
    sub('MEMORY', 'DOCTOR', NO_KEYS, { idempotent: true }),
  ]),
];

export const HASH_COMMANDS: readonly CommandSpec[] = [
  c('HSET', ONE, IW),
  c('HSETNX', ONE, IW),
  c('HGET', ONE, RO),
  c('HMGET', ONE, RO),
  c('HMSET', ONE, IW),
  c('HGETALL', ONE, RO),
  c('HDEL', ONE, IW),
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
  c('SETBIT', ONE, IW),
  c('GETBIT', ONE, RO),
  c('BITCOUNT', ONE, RO),
  c('BITPOS', ONE, RO),
  c('BITFIELD', ONE, IW, { unsafeToRepeatWith: ['INCRBY'] }),
  c('BITFIELD_RO', ONE, RO),
  c('BITOP', keysAt(2, -1), IW),
];

export const HYPERLOGLOG_COMMANDS: readonly CommandSpec[] = [
  c('PFADD', ONE, IW),
  // Its key spec says RW (it may rewrite the cached cardinality) but Redis flags it readonly, so replicas serve it.
  c('PFCOUNT', ALL, RO),
  c('PFMERGE', ALL, IW),
];
