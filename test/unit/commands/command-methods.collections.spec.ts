import { FakeClient } from './fake-commands';

describe('hash command methods', () => {
  it('hset with a field/value, an object, or a Map', async () => {
    const c = new FakeClient().reply(1, 2, 1);
    await expect(c.hset('h', 'f', 'v')).resolves.toBe(1);
    await expect(c.hset('h', { a: 1, b: 'x' })).resolves.toBe(2);
    await expect(c.hset('h', new Map([['a', 1]]))).resolves.toBe(1);
    expect(c.sent).toEqual([
      ['HSET', 'h', 'f', 'v'],
      ['HSET', 'h', 'a', 1, 'b', 'x'],
      ['HSET', 'h', 'a', 1],
    ]);
  });

  it('hget / hgetBuffer / hmget', async () => {
    const c = new FakeClient().reply('v', Buffer.from('v'), ['1', null]);
    await expect(c.hget('h', 'f')).resolves.toBe('v');
    await expect(c.hgetBuffer('h', 'f')).resolves.toEqual(Buffer.from('v'));
    await expect(c.hmget('h', 'a', ['b'])).resolves.toEqual(['1', null]);
    expect(c.sent[2]).toEqual(['HMGET', 'h', 'a', 'b']);
    expect(c.buffers).toEqual([false, true, false]);
  });

  it('hgetall reads a RESP2 flat array and a RESP3 map alike', async () => {
    const c = new FakeClient().reply(['a', '1', 'b', '2'], { a: '1', b: '2' }, [], {});
    await expect(c.hgetall('h')).resolves.toEqual({ a: '1', b: '2' });
    await expect(c.hgetall('h')).resolves.toEqual({ a: '1', b: '2' });
    await expect(c.hgetall('missing')).resolves.toEqual({});
    await expect(c.hgetall('missing')).resolves.toEqual({});
  });

  it('hgetall keeps a field named __proto__ as data', async () => {
    const all = await new FakeClient().reply(['__proto__', 'x', 'a', '1']).hgetall('h');
    expect(Object.keys(all)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(all)).toBe(Object.prototype);
  });

  it('hdel / hexists / hincrby / hincrbyfloat / hkeys / hvals / hlen', async () => {
    const c = new FakeClient().reply(2, 1, 0, 5, '1.5', ['a'], ['1'], 1);
    await expect(c.hdel('h', 'a', 'b')).resolves.toBe(2);
    await expect(c.hexists('h', 'a')).resolves.toBe(true);
    await expect(c.hexists('h', 'z')).resolves.toBe(false);
    await expect(c.hincrby('h', 'n', 5)).resolves.toBe(5);
    await expect(c.hincrbyfloat('h', 'f', 1.5)).resolves.toBe(1.5);
    await expect(c.hkeys('h')).resolves.toEqual(['a']);
    await expect(c.hvals('h')).resolves.toEqual(['1']);
    await expect(c.hlen('h')).resolves.toBe(1);
    expect(c.sent[0]).toEqual(['HDEL', 'h', 'a', 'b']);
  });
});

describe('list and set command methods', () => {
  it('push many, pop one or a count', async () => {
    const c = new FakeClient().reply(3, 4, 'a', ['a', 'b'], null, null);
    await expect(c.lpush('l', 'a', 'b', 'c')).resolves.toBe(3);
    await expect(c.rpush('l', ['d'])).resolves.toBe(4);
    await expect(c.lpop('l')).resolves.toBe('a');
    await expect(c.rpop('l', 2)).resolves.toEqual(['a', 'b']);
    await expect(c.lpop('l', 1)).resolves.toBeNull();
    await expect(c.rpop('l')).resolves.toBeNull();
    expect(c.sent).toEqual([
      ['LPUSH', 'l', 'a', 'b', 'c'],
      ['RPUSH', 'l', 'd'],
      ['LPOP', 'l'],
      ['RPOP', 'l', 2],
      ['LPOP', 'l', 1],
      ['RPOP', 'l'],
    ]);
  });

  it('lrange / llen / lindex / lrem / ltrim', async () => {
    const c = new FakeClient();
    await c.lrange('l', 0, -1);
    await c.llen('l');
    await c.lindex('l', -1);
    await c.lrem('l', -2, 'x');
    await c.ltrim('l', 0, 99);
    expect(c.sent).toEqual([
      ['LRANGE', 'l', 0, -1],
      ['LLEN', 'l'],
      ['LINDEX', 'l', -1],
      ['LREM', 'l', -2, 'x'],
      ['LTRIM', 'l', 0, 99],
    ]);
  });

  it('sadd / srem / smembers / sismember / scard', async () => {
    const c = new FakeClient().reply(2, 1, ['a'], 1, 0, 1);
    await expect(c.sadd('s', 'a', 'b')).resolves.toBe(2);
    await expect(c.srem('s', ['b'])).resolves.toBe(1);
    await expect(c.smembers('s')).resolves.toEqual(['a']);
    await expect(c.sismember('s', 'a')).resolves.toBe(true);
    await expect(c.sismember('s', 'z')).resolves.toBe(false);
    await expect(c.scard('s')).resolves.toBe(1);
  });
});

describe('sorted set command methods', () => {
  it('zadd from an object, pairs, or one member, with options', async () => {
    const c = new FakeClient();
    await c.zadd('z', { a: 1, b: 2.5 });
    await c.zadd(
      'z',
      [
        { score: 1, member: 'a' },
        { score: -Infinity, member: 'low' },
      ],
      { NX: true, CH: true },
    );
    await c.zadd('z', { score: Infinity, member: 'top' }, { XX: true, GT: true });
    await c.zadd('z', { m: 1 }, { LT: true });
    expect(c.sent).toEqual([
      ['ZADD', 'z', 1, 'a', 2.5, 'b'],
      ['ZADD', 'z', 'NX', 'CH', 1, 'a', '-inf', 'low'],
      ['ZADD', 'z', 'XX', 'GT', '+inf', 'top'],
      ['ZADD', 'z', 'LT', 1, 'm'],
    ]);
  });

  it('zrange by rank, score and lex, reversed and limited', async () => {
    const c = new FakeClient();
    await c.zrange('z', 0, -1);
    await c.zrange('z', '(1', Infinity, { BY: 'SCORE', LIMIT: { offset: 0, count: 10 } });
    await c.zrange('z', '[b', '[a', { BY: 'LEX', REV: true });
    expect(c.sent).toEqual([
      ['ZRANGE', 'z', 0, -1],
      ['ZRANGE', 'z', '(1', '+inf', 'BYSCORE', 'LIMIT', 0, 10],
      ['ZRANGE', 'z', '[b', '[a', 'BYLEX', 'REV'],
    ]);
  });

  it('zrangeWithScores reads RESP2 flat and RESP3 paired replies alike', async () => {
    const expected = [
      { member: 'a', score: 1 },
      { member: 'b', score: Infinity },
    ];
    const c = new FakeClient().reply(
      ['a', '1', 'b', 'inf'],
      [
        ['a', 1],
        ['b', Infinity],
      ],
      [],
    );
    await expect(c.zrangeWithScores('z', 0, -1)).resolves.toEqual(expected);
    await expect(c.zrangeWithScores('z', 0, -1)).resolves.toEqual(expected);
    await expect(c.zrangeWithScores('z', 0, -1)).resolves.toEqual([]);
    expect(c.sent[0]).toEqual(['ZRANGE', 'z', 0, -1, 'WITHSCORES']);
  });

  it('zscore / zincrby read a RESP3 double or RESP2 text; null stays null', async () => {
    const c = new FakeClient().reply('1.5', 1.5, null, '-inf', '3', 3);
    await expect(c.zscore('z', 'a')).resolves.toBe(1.5);
    await expect(c.zscore('z', 'a')).resolves.toBe(1.5);
    await expect(c.zscore('z', 'missing')).resolves.toBeNull();
    await expect(c.zscore('z', 'low')).resolves.toBe(-Infinity);
    await expect(c.zincrby('z', 2, 'a')).resolves.toBe(3);
    await expect(c.zincrby('z', 2, 'a')).resolves.toBe(3);
    expect(c.sent[4]).toEqual(['ZINCRBY', 'z', 2, 'a']);
  });

  it('zrem / zcard / zcount / zrank', async () => {
    const c = new FakeClient().reply(1, 2, 2, 0, null);
    await expect(c.zrem('z', 'a')).resolves.toBe(1);
    await expect(c.zcard('z')).resolves.toBe(2);
    await expect(c.zcount('z', -Infinity, '(5')).resolves.toBe(2);
    await expect(c.zrank('z', 'a')).resolves.toBe(0);
    await expect(c.zrank('z', 'missing')).resolves.toBeNull();
    expect(c.sent[2]).toEqual(['ZCOUNT', 'z', '-inf', '(5']);
  });
});

describe('pub/sub, scripting and server methods', () => {
  it('publish / spublish', async () => {
    const c = new FakeClient().reply(2, 1);
    await expect(c.publish('ch', 'hi')).resolves.toBe(2);
    await expect(c.spublish('{s}ch', 'hi')).resolves.toBe(1);
    expect(c.sent).toEqual([
      ['PUBLISH', 'ch', 'hi'],
      ['SPUBLISH', '{s}ch', 'hi'],
    ]);
  });

  it('eval / evalsha put the key count before the keys', async () => {
    const c = new FakeClient().reply(['x', 1], 'ok');
    await expect(c.eval<[string, number]>('return {KEYS[1], 1}', ['{t}a', '{t}b'], ['x'])).resolves.toEqual(['x', 1]);
    await expect(c.evalsha('abc')).resolves.toBe('ok');
    expect(c.sent).toEqual([
      ['EVAL', 'return {KEYS[1], 1}', 2, '{t}a', '{t}b', 'x'],
      ['EVALSHA', 'abc', 0],
    ]);
  });

  it('ping / echo', async () => {
    const c = new FakeClient().reply('PONG', 'hi', 'hi');
    await expect(c.ping()).resolves.toBe('PONG');
    await expect(c.ping('hi')).resolves.toBe('hi');
    await expect(c.echo('hi')).resolves.toBe('hi');
    expect(c.sent).toEqual([['PING'], ['PING', 'hi'], ['ECHO', 'hi']]);
  });
});
