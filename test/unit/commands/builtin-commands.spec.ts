import { BUILTIN_COMMANDS } from '../../../lib/core/commands/builtin-commands';
import { CommandRegistry } from '../../../lib/core/commands/command-registry';
import { isBlockingCall, type CommandSpec } from '../../../lib/core/commands/command-spec';

const registry = new CommandRegistry();
const spec = (...args: string[]): CommandSpec => {
  const found = registry.resolve(args);
  if (!found) throw new Error(`no spec for ${args.join(' ')}`);
  return found;
};

const REQUIRED = `
GET SET SETNX SETEX PSETEX GETSET GETDEL GETEX MGET MSET MSETNX INCR INCRBY INCRBYFLOAT DECR DECRBY APPEND STRLEN GETRANGE SETRANGE
DEL UNLINK EXISTS TOUCH EXPIRE PEXPIRE EXPIREAT PEXPIREAT TTL PTTL PERSIST TYPE RENAME RENAMENX COPY DUMP RESTORE OBJECT
HSET HSETNX HGET HMGET HMSET HGETALL HDEL HEXISTS HINCRBY HINCRBYFLOAT HKEYS HVALS HLEN HSCAN HSTRLEN HRANDFIELD
LPUSH RPUSH LPUSHX RPUSHX LPOP RPOP LRANGE LLEN LINDEX LSET LREM LTRIM LINSERT LPOS LMOVE BLPOP BRPOP BLMOVE BRPOPLPUSH RPOPLPUSH
SADD SREM SMEMBERS SISMEMBER SMISMEMBER SCARD SPOP SRANDMEMBER SINTER SUNION SDIFF SINTERSTORE SUNIONSTORE SDIFFSTORE SMOVE SSCAN
ZADD ZREM ZRANGE ZREVRANGE ZRANGEBYSCORE ZREVRANGEBYSCORE ZSCORE ZMSCORE ZINCRBY ZCARD ZCOUNT ZRANK ZREVRANK ZPOPMIN ZPOPMAX
BZPOPMIN BZPOPMAX ZUNIONSTORE ZINTERSTORE ZRANGESTORE ZSCAN ZLEXCOUNT ZREMRANGEBYSCORE ZREMRANGEBYRANK
XADD XRANGE XREVRANGE XLEN XREAD XREADGROUP XGROUP XACK XDEL XTRIM XINFO XPENDING XCLAIM XAUTOCLAIM
PFADD PFCOUNT PFMERGE GEOADD GEODIST GEOPOS GEOSEARCH SETBIT GETBIT BITCOUNT BITPOS BITFIELD BITOP
EVAL EVALSHA EVAL_RO EVALSHA_RO FCALL FCALL_RO SCRIPT PUBLISH SPUBLISH SUBSCRIBE SSUBSCRIBE PSUBSCRIBE UNSUBSCRIBE
PING ECHO INFO DBSIZE FLUSHALL FLUSHDB TIME CLUSTER COMMAND CLIENT CONFIG WAIT MULTI EXEC DISCARD WATCH UNWATCH
`
  .trim()
  .split(/\s+/);

describe('built-in command table', () => {
  it.each(REQUIRED)('knows %s', (name) => {
    expect(registry.get(name)).toBeDefined();
  });

  it('has no duplicate names and only upper-case ones', () => {
    const names = BUILTIN_COMMANDS.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => n !== n.toUpperCase())).toEqual([]);
  });

  it('PUBLISH has no keys (no cross-slot check) but is routed by its channel; nothing else is', () => {
    expect(spec('PUBLISH', 'c', 'm')).toMatchObject({ keys: [], route: 'any', routeByArg: 1 });
    const all = BUILTIN_COMMANDS.flatMap((s) => [s, ...(s.subcommands?.values() ?? [])]);
    expect(all.filter((s) => s.routeByArg !== undefined).map((s) => s.name)).toEqual(['PUBLISH']);
  });

  it('never calls a command both read-only and a write', () => {
    const all = BUILTIN_COMMANDS.flatMap((s) => [s, ...(s.subcommands?.values() ?? [])]);
    expect(all.filter((s) => s.flags.readonly && s.flags.write).map((s) => s.name)).toEqual([]);
  });

  it('marks what may block, and XREAD only with BLOCK', () => {
    expect(isBlockingCall(spec('BLPOP'), ['BLPOP', 'a', 0])).toBe(true);
    expect(isBlockingCall(spec('XREAD'), ['XREAD', 'STREAMS', 'a', '0'])).toBe(false);
    expect(isBlockingCall(spec('XREAD'), ['XREAD', 'block', 0, 'STREAMS', 'a', '0'])).toBe(true);
    expect(isBlockingCall(spec('GET'), ['GET', 'a'])).toBe(false);
  });

  it('routes keyless commands: one node, every master, or every node', () => {
    expect(spec('PING').route).toBe('any');
    expect(spec('ECHO').route).toBe('any');
    expect(spec('TIME').route).toBe('any');
    expect(spec('FLUSHALL')).toMatchObject({ route: 'allMasters', aggregate: 'allSucceeded' });
    expect(spec('DBSIZE')).toMatchObject({ route: 'allMasters', aggregate: 'sum' });
    expect(spec('KEYS')).toMatchObject({ route: 'allMasters', aggregate: 'concat' });
    expect(spec('SCAN')).toMatchObject({ route: 'allMasters', aggregate: 'special' });
    expect(spec('SCRIPT', 'LOAD')).toMatchObject({ route: 'allNodes', aggregate: 'allSucceeded' });
    expect(spec('SCRIPT', 'FLUSH').route).toBe('allNodes');
    expect(spec('GET').route).toBe('key');
  });

  it('splits only what can be split', () => {
    expect(spec('MGET').multiKey).toBe('mget');
    expect(spec('MSET').multiKey).toBe('mset');
    for (const name of ['DEL', 'UNLINK', 'EXISTS', 'TOUCH']) expect(spec(name).multiKey).toBe('count');
    for (const name of ['MSETNX', 'SUNIONSTORE', 'RENAME', 'EVAL', 'WATCH']) expect(spec(name).multiKey).toBeUndefined();
  });

  it('flags transactions, pub/sub and scripts', () => {
    for (const name of ['MULTI', 'EXEC', 'DISCARD', 'WATCH', 'UNWATCH']) expect(spec(name).flags.transaction).toBe(true);
    for (const name of ['SUBSCRIBE', 'SSUBSCRIBE', 'PUBLISH', 'SPUBLISH']) expect(spec(name).flags.pubsub).toBe(true);
    expect(spec('EVAL').flags.noScript).toBe(true);
    expect(spec('EVAL_RO').flags.readonly).toBe(true);
  });
});
