import { FakeClient, FakePipeline } from './fake-commands';

describe('string command methods', () => {
  it('get / getBuffer', async () => {
    const c = new FakeClient().reply('v', Buffer.from('v'));
    await expect(c.get('k')).resolves.toBe('v');
    await expect(c.getBuffer(Buffer.from('k'))).resolves.toEqual(Buffer.from('v'));
    expect(c.sent).toEqual([
      ['GET', 'k'],
      ['GET', Buffer.from('k')],
    ]);
    expect(c.buffers).toEqual([false, true]);
  });

  it('set with each option', async () => {
    const c = new FakeClient().reply('OK', null, 'old', 'OK');
    await expect(c.set('k', 'v')).resolves.toBe('OK');
    await expect(c.set('k', 1, { EX: 10, NX: true })).resolves.toBeNull();
    await expect(c.set('k', 'v', { PX: 5, XX: true, GET: true })).resolves.toBe('old');
    await c.set('k', 'v', { EXAT: 1700000000, PXAT: 1700000000000, KEEPTTL: true });
    expect(c.sent).toEqual([
      ['SET', 'k', 'v'],
      ['SET', 'k', 1, 'EX', 10, 'NX'],
      ['SET', 'k', 'v', 'PX', 5, 'XX', 'GET'],
      ['SET', 'k', 'v', 'EXAT', 1700000000, 'PXAT', 1700000000000, 'KEEPTTL'],
    ]);
  });

  it('setnx answers a boolean', async () => {
    const c = new FakeClient().reply(1, 0);
    await expect(c.setnx('k', 'v')).resolves.toBe(true);
    await expect(c.setnx('k', 'v')).resolves.toBe(false);
  });

  it('setex / psetex / getdel / getex', async () => {
    const c = new FakeClient();
    await c.setex('k', 10, 'v');
    await c.psetex('k', 100, 'v');
    await c.getdel('k');
    await c.getex('k');
    await c.getex('k', { EX: 5 });
    await c.getex('k', { PERSIST: true });
    expect(c.sent).toEqual([
      ['SETEX', 'k', 10, 'v'],
      ['PSETEX', 'k', 100, 'v'],
      ['GETDEL', 'k'],
      ['GETEX', 'k'],
      ['GETEX', 'k', 'EX', 5],
      ['GETEX', 'k', 'PERSIST'],
    ]);
  });

  it('mget / mgetBuffer take keys as arguments or arrays', async () => {
    const c = new FakeClient().reply(['1', null], [Buffer.from('1')]);
    await expect(c.mget('a', 'b')).resolves.toEqual(['1', null]);
    await expect(c.mgetBuffer(['a'])).resolves.toEqual([Buffer.from('1')]);
    await c.mget(['a', 'b'], 'c');
    expect(c.sent).toEqual([
      ['MGET', 'a', 'b'],
      ['MGET', 'a'],
      ['MGET', 'a', 'b', 'c'],
    ]);
    expect(c.buffers).toEqual([false, true, false]);
  });

  it('mset from an object, a Map, or a flat list', async () => {
    const c = new FakeClient();
    await c.mset({ a: 1, b: 'x' });
    await c.mset(new Map<string | Buffer, string>([['a', '1']]));
    await c.mset(['a', 1, 'b', 2]);
    expect(c.sent).toEqual([
      ['MSET', 'a', 1, 'b', 'x'],
      ['MSET', 'a', '1'],
      ['MSET', 'a', 1, 'b', 2],
    ]);
  });

  it('counters; incrbyfloat parses the text reply', async () => {
    const c = new FakeClient().reply(1, 5, '10.5', 0, -2, '-inf');
    await expect(c.incr('k')).resolves.toBe(1);
    await expect(c.incrby('k', 4)).resolves.toBe(5);
    await expect(c.incrbyfloat('k', 5.5)).resolves.toBe(10.5);
    await expect(c.decr('k')).resolves.toBe(0);
    await expect(c.decrby('k', 2n)).resolves.toBe(-2);
    await expect(c.incrbyfloat('k', 1)).resolves.toBe(-Infinity);
    expect(c.sent.slice(0, 5)).toEqual([
      ['INCR', 'k'],
      ['INCRBY', 'k', 4],
      ['INCRBYFLOAT', 'k', 5.5],
      ['DECR', 'k'],
      ['DECRBY', 'k', 2n],
    ]);
  });

  it('rejects a reply that is not a number where one is promised', async () => {
    await expect(new FakeClient().reply('abc').incrbyfloat('k', 1)).rejects.toThrow(TypeError);
  });

  it('append / strlen / getrange / setrange', async () => {
    const c = new FakeClient();
    await c.append('k', 'x');
    await c.strlen('k');
    await c.getrange('k', 0, -1);
    await c.setrange('k', 3, 'abc');
    expect(c.sent).toEqual([
      ['APPEND', 'k', 'x'],
      ['STRLEN', 'k'],
      ['GETRANGE', 'k', 0, -1],
      ['SETRANGE', 'k', 3, 'abc'],
    ]);
  });
});

describe('key command methods', () => {
  it('del / unlink / exists / touch take many keys', async () => {
    const c = new FakeClient().reply(2, 1, 3, 0);
    await expect(c.del('a', 'b')).resolves.toBe(2);
    await expect(c.unlink(['a'])).resolves.toBe(1);
    await expect(c.exists('a', 'a', 'b')).resolves.toBe(3);
    await expect(c.touch('a')).resolves.toBe(0);
    expect(c.sent).toEqual([
      ['DEL', 'a', 'b'],
      ['UNLINK', 'a'],
      ['EXISTS', 'a', 'a', 'b'],
      ['TOUCH', 'a'],
    ]);
  });

  it('expire family with conditions, answering booleans', async () => {
    const c = new FakeClient().reply(1, 0, 1, 1);
    await expect(c.expire('k', 10)).resolves.toBe(true);
    await expect(c.expire('k', 10, 'NX')).resolves.toBe(false);
    await expect(c.pexpire('k', 100, 'GT')).resolves.toBe(true);
    await expect(c.expireat('k', 1700000000, 'LT')).resolves.toBe(true);
    expect(c.sent).toEqual([
      ['EXPIRE', 'k', 10],
      ['EXPIRE', 'k', 10, 'NX'],
      ['PEXPIRE', 'k', 100, 'GT'],
      ['EXPIREAT', 'k', 1700000000, 'LT'],
    ]);
  });

  it('ttl / pttl / persist / type / rename', async () => {
    const c = new FakeClient().reply(-1, -2, 1, 'hash', 'OK');
    await expect(c.ttl('k')).resolves.toBe(-1);
    await expect(c.pttl('k')).resolves.toBe(-2);
    await expect(c.persist('k')).resolves.toBe(true);
    await expect(c.type('k')).resolves.toBe('hash');
    await expect(c.rename('{t}a', '{t}b')).resolves.toBe('OK');
    expect(c.sent).toEqual([
      ['TTL', 'k'],
      ['PTTL', 'k'],
      ['PERSIST', 'k'],
      ['TYPE', 'k'],
      ['RENAME', '{t}a', '{t}b'],
    ]);
  });
});

describe('reply types', () => {
  it('follow the options (checked by the compiler)', async () => {
    const c = new FakeClient().reply('old', 'OK', ['a'], null);
    const previous: string | null = await c.set('k', 'v', { GET: true });
    const ok: 'OK' | null = await c.set('k', 'v', { NX: true });
    const many: string[] | null = await c.lpop('l', 2);
    const one: string | null = await c.lpop('l');
    expect([previous, ok, many, one]).toEqual(['old', 'OK', ['a'], null]);
  });

  it("hset(key, field) without a value sends the hole, for the encoder to refuse as that call's rejection", () => {
    const c = new FakeClient();
    const untyped = c.hset.bind(c) as unknown as (key: string, field: string) => unknown;
    expect(() => untyped('h', 'f')).not.toThrow();
    expect(c.sent).toEqual([['HSET', 'h', 'f', undefined]]);
  });
});

describe('chain mode', () => {
  it('returns the pipeline itself so calls chain', () => {
    const p = new FakePipeline();
    const same: FakePipeline = p.set('a', 1).get('a').incr('n').hset('h', { f: 'v' }).zadd('z', { m: 1 }).ping();
    expect(same).toBe(p);
    expect(p.queued).toEqual([['SET', 'a', 1], ['GET', 'a'], ['INCR', 'n'], ['HSET', 'h', 'f', 'v'], ['ZADD', 'z', 1, 'm'], ['PING']]);
  });
});
