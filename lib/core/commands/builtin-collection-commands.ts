import {
  command as c,
  container,
  keysAt,
  keywordSpec,
  NO_KEYS,
  numKeysSpec,
  rangeSpec,
  READ_ONLY as RO,
  sub,
  WRITE as W,
} from './spec-builders';
import type { CommandSpec } from './command-spec';

/** Lists, sets, sorted sets, streams and geo. Key positions as Redis 7's COMMAND INFO reports them. */

const ONE = keysAt(1);
const ALL = keysAt(1, -1);
const TWO = keysAt(1, 2);
/** BLPOP k1 k2 ... timeout: every argument but the last. */
const ALL_BUT_TIMEOUT = keysAt(1, -2);
const BLOCKING_WRITE = { write: true, blocking: true };
/** Redis 7.0 still flags the older blocking pops noscript (BLMPOP/BZMPOP it does not). */
const BLOCKING_WRITE_NO_SCRIPT = { ...BLOCKING_WRITE, noScript: true };
/** ZUNIONSTORE dest numkeys k1 k2 ...: a destination, then counted sources. */
const STORE_WITH_NUMKEYS = [rangeSpec(1), numKeysSpec(2)];

export const LIST_COMMANDS: readonly CommandSpec[] = [
  c('LPUSH', ONE, W),
  c('RPUSH', ONE, W),
  c('LPUSHX', ONE, W),
  c('RPUSHX', ONE, W),
  c('LPOP', ONE, W),
  c('RPOP', ONE, W),
  c('LRANGE', ONE, RO),
  c('LLEN', ONE, RO),
  c('LINDEX', ONE, RO),
  c('LSET', ONE, W),
  // LREM with a positive count removes that many more on a repeat.
  c('LREM', ONE, W),
  c('LTRIM', ONE, W),
  c('LINSERT', ONE, W),
  c('LPOS', ONE, RO),
  c('LMOVE', TWO, W),
  c('RPOPLPUSH', TWO, W),
  c('LMPOP', [numKeysSpec(1)], W),
  c('BLPOP', ALL_BUT_TIMEOUT, BLOCKING_WRITE_NO_SCRIPT),
  c('BRPOP', ALL_BUT_TIMEOUT, BLOCKING_WRITE_NO_SCRIPT),
  c('BLMOVE', TWO, BLOCKING_WRITE_NO_SCRIPT),
  c('BRPOPLPUSH', TWO, BLOCKING_WRITE_NO_SCRIPT),
  c('BLMPOP', [numKeysSpec(2)], BLOCKING_WRITE),
];

export const SET_COMMANDS: readonly CommandSpec[] = [
  c('SADD', ONE, W),
  c('SREM', ONE, W),
  c('SMEMBERS', ONE, RO),
  c('SISMEMBER', ONE, RO),
  c('SMISMEMBER', ONE, RO),
  c('SCARD', ONE, RO),
  c('SPOP', ONE, W),
  c('SRANDMEMBER', ONE, RO),
  c('SINTER', ALL, RO),
  c('SUNION', ALL, RO),
  c('SDIFF', ALL, RO),
  c('SINTERCARD', [numKeysSpec(1)], RO),
  c('SINTERSTORE', ALL, W),
  c('SUNIONSTORE', ALL, W),
  c('SDIFFSTORE', ALL, W),
  c('SMOVE', TWO, W),
  c('SSCAN', ONE, RO),
];

export const SORTED_SET_COMMANDS: readonly CommandSpec[] = [
  c('ZADD', ONE, W),
  c('ZREM', ONE, W),
  c('ZRANGE', ONE, RO),
  c('ZREVRANGE', ONE, RO),
  c('ZRANGEBYSCORE', ONE, RO),
  c('ZREVRANGEBYSCORE', ONE, RO),
  c('ZRANGEBYLEX', ONE, RO),
  c('ZREVRANGEBYLEX', ONE, RO),
  c('ZSCORE', ONE, RO),
  c('ZMSCORE', ONE, RO),
  c('ZINCRBY', ONE, W),
  c('ZCARD', ONE, RO),
  c('ZCOUNT', ONE, RO),
  c('ZLEXCOUNT', ONE, RO),
  c('ZRANK', ONE, RO),
  c('ZREVRANK', ONE, RO),
  c('ZRANDMEMBER', ONE, RO),
  c('ZSCAN', ONE, RO),
  c('ZPOPMIN', ONE, W),
  c('ZPOPMAX', ONE, W),
  c('BZPOPMIN', ALL_BUT_TIMEOUT, BLOCKING_WRITE_NO_SCRIPT),
  c('BZPOPMAX', ALL_BUT_TIMEOUT, BLOCKING_WRITE_NO_SCRIPT),
  c('ZMPOP', [numKeysSpec(1)], W),
  c('BZMPOP', [numKeysSpec(2)], BLOCKING_WRITE),
  c('ZUNION', [numKeysSpec(1)], RO),
  c('ZINTER', [numKeysSpec(1)], RO),
  c('ZDIFF', [numKeysSpec(1)], RO),
  c('ZINTERCARD', [numKeysSpec(1)], RO),
  c('ZUNIONSTORE', STORE_WITH_NUMKEYS, W),
  c('ZINTERSTORE', STORE_WITH_NUMKEYS, W),
  c('ZDIFFSTORE', STORE_WITH_NUMKEYS, W),
  c('ZRANGESTORE', TWO, W),
  c('ZREMRANGEBYSCORE', ONE, W),
  c('ZREMRANGEBYLEX', ONE, W),
  // By rank, a repeat removes whatever slid into the range.
  c('ZREMRANGEBYRANK', ONE, W),
];

export const STREAM_COMMANDS: readonly CommandSpec[] = [
  c('XADD', ONE, W),
  c('XRANGE', ONE, RO),
  c('XREVRANGE', ONE, RO),
  c('XLEN', ONE, RO),
  // XREAD [COUNT n] [BLOCK ms] STREAMS k1 k2 id1 id2: the keys are the first half after STREAMS.
  c('XREAD', [keywordSpec('STREAMS', 1, 2)], { readonly: true, blocking: true }, { blockingOption: 'BLOCK' }),
  // With '>' it hands out new entries and records them as pending: a repeat reads different ones.
  c('XREADGROUP', [keywordSpec('STREAMS', 4, 2)], { write: true, blocking: true }, { blockingOption: 'BLOCK' }),
  c('XACK', ONE, W),
  c('XDEL', ONE, W),
  c('XTRIM', ONE, W),
  c('XSETID', ONE, W),
  c('XPENDING', ONE, RO),
  // Both bump delivery counts (and XAUTOCLAIM advances its cursor).
  c('XCLAIM', ONE, W),
  c('XAUTOCLAIM', ONE, W),
  container('XGROUP', [
    sub('XGROUP', 'CREATE', keysAt(2), W),
    sub('XGROUP', 'SETID', keysAt(2), W),
    sub('XGROUP', 'DESTROY', keysAt(2), W),
    sub('XGROUP', 'CREATECONSUMER', keysAt(2), W),
    sub('XGROUP', 'DELCONSUMER', keysAt(2), W),
    sub('XGROUP', 'HELP', NO_KEYS, {}),
  ]),
  container('XINFO', [
    sub('XINFO', 'STREAM', keysAt(2), RO),
    sub('XINFO', 'GROUPS', keysAt(2), RO),
    sub('XINFO', 'CONSUMERS', keysAt(2), RO),
    sub('XINFO', 'HELP', NO_KEYS, {}),
  ]),
];

export const GEO_COMMANDS: readonly CommandSpec[] = [
  c('GEOADD', ONE, W),
  c('GEODIST', ONE, RO),
  c('GEOHASH', ONE, RO),
  c('GEOPOS', ONE, RO),
  c('GEOSEARCH', ONE, RO),
  c('GEOSEARCHSTORE', TWO, W),
  // STORE / STOREDIST name a second key, searched from the first optional argument on.
  c('GEORADIUS', [rangeSpec(1), keywordSpec('STORE', 6, 0, 0), keywordSpec('STOREDIST', 6, 0, 0)], W),
  c('GEORADIUSBYMEMBER', [rangeSpec(1), keywordSpec('STORE', 5, 0, 0), keywordSpec('STOREDIST', 5, 0, 0)], W),
  c('GEORADIUS_RO', ONE, RO),
  c('GEORADIUSBYMEMBER_RO', ONE, RO),
];
