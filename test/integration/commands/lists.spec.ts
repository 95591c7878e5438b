import type { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { ClientClosedError } from '../../../lib/core/errors/client-closed-error';
import { BINARY, connected, keyspace, PROTOCOLS } from './command-helpers';

describe.each(PROTOCOLS)('list commands over RESP%i', (protocol) => {
  let client: RedisClusterClient;
  const k = keyspace('lists', protocol);

  beforeAll(async () => {
    client = await connected(protocol);
  });
  afterAll(() => client.close());

  it('lpushx / rpushx only push onto an existing list; lset / linsert', async () => {
    await expect(client.lpushx(k('none'), 'a')).resolves.toBe(0);
    await client.rpush(k('l'), 'b');
    await expect(client.lpushx(k('l'), 'a')).resolves.toBe(2);
    await expect(client.rpushx(k('l'), 'd')).resolves.toBe(3);
    await expect(client.linsert(k('l'), 'BEFORE', 'd', 'c')).resolves.toBe(4);
    await expect(client.linsert(k('l'), 'AFTER', 'zzz', 'x')).resolves.toBe(-1);
    await expect(client.lset(k('l'), 0, 'A')).resolves.toBe('OK');
    await expect(client.lrange(k('l'), 0, -1)).resolves.toEqual(['A', 'b', 'c', 'd']);
  });

  it('lpos with RANK and MAXLEN; lposCount', async () => {
    await client.rpush(k('p'), 'a', 'b', 'c', 'b', 'b');
    await expect(client.lpos(k('p'), 'b')).resolves.toBe(1);
    await expect(client.lpos(k('p'), 'b', { RANK: -1 })).resolves.toBe(4);
    await expect(client.lpos(k('p'), 'b', { RANK: 2, MAXLEN: 2 })).resolves.toBeNull();
    await expect(client.lpos(k('p'), 'zzz')).resolves.toBeNull();
    await expect(client.lposCount(k('p'), 'b', 0)).resolves.toEqual([1, 3, 4]);
    await expect(client.lposCount(k('p'), 'b', 2, { RANK: 2 })).resolves.toEqual([3, 4]);
  });

  it('lmove / rpoplpush / lmpop', async () => {
    await client.rpush(k('src'), '1', '2', '3');
    await expect(client.lmove(k('src'), k('dst'), 'LEFT', 'RIGHT')).resolves.toBe('1');
    await expect(client.rpoplpush(k('src'), k('dst'))).resolves.toBe('3');
    await expect(client.lrange(k('dst'), 0, -1)).resolves.toEqual(['3', '1']);
    await expect(client.lmpop([k('empty'), k('dst')], 'RIGHT', { COUNT: 5 })).resolves.toEqual({ key: k('dst'), elements: ['1', '3'] });
    await expect(client.lmpop([k('empty')], 'LEFT')).resolves.toBeNull();
  });

  it('lrangeBuffer / lindexBuffer / lpopBuffer / rpopBuffer keep binary elements', async () => {
    await client.rpush(k('bin'), BINARY, BINARY, BINARY, BINARY);
    await expect(client.lrangeBuffer(k('bin'), 0, 0)).resolves.toEqual([BINARY]);
    await expect(client.lindexBuffer(k('bin'), -1)).resolves.toEqual(BINARY);
    await expect(client.lpopBuffer(k('bin'))).resolves.toEqual(BINARY);
    await expect(client.rpopBuffer(k('bin'), 2)).resolves.toEqual([BINARY, BINARY]);
  });

  it('blpop / brpop answer at once when an element is there, with the key it came from', async () => {
    await client.rpush(k('b2'), 'x', 'y');
    await expect(client.blpop([k('b1'), k('b2')], 1)).resolves.toEqual({ key: k('b2'), element: 'x' });
    await expect(client.brpop(k('b2'), 1)).resolves.toEqual({ key: k('b2'), element: 'y' });
    await client.rpush(k('b3'), BINARY);
    await expect(client.blpopBuffer(k('b3'), 1)).resolves.toEqual({ key: k('b3'), element: BINARY });
  });

  it('blpop waits on a connection of its own: a push from the same client ends the wait', async () => {
    const waiting = client.blpop(k('wait'), 5);
    // The push shares the client; were the BLPOP on a shared socket, the push would queue behind it.
    await client.rpush(k('wait'), 'v');
    await expect(waiting).resolves.toEqual({ key: k('wait'), element: 'v' });
  });

  it('blpop / blmove / blmpop time out with null, not an error', async () => {
    const started = Date.now();
    await expect(client.blpop(k('never'), 0.1)).resolves.toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    await expect(client.blmove(k('never'), k('dst2'), 'LEFT', 'LEFT', 0.1)).resolves.toBeNull();
    await expect(client.blmpop(0.1, [k('never')], 'LEFT', { COUNT: 2 })).resolves.toBeNull();
    await expect(client.brpoplpush(k('never'), k('dst2'), 0.1)).resolves.toBeNull();
  });

  it('blmpop may wait longer than readTimeout: its deadline comes from its first argument, not its COUNT', async () => {
    const short = await connected(protocol, { readTimeout: 300 });
    try {
      const waiting = short.blmpop(3, [k('late')], 'LEFT', { COUNT: 1 });
      // Past both readTimeout and the 1 s a COUNT 1 misread as the timeout would allow.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await client.rpush(k('late'), 'finally');
      await expect(waiting).resolves.toEqual({ key: k('late'), elements: ['finally'] });
      await expect(short.blmpopBuffer(0.1, [k('late')], 'LEFT')).resolves.toBeNull();
    } finally {
      await short.close();
    }
  });

  it('close() fails blocking calls in flight at once with ClientClosedError', async () => {
    const doomed = await connected(protocol);
    const calls = [
      doomed.blpop(k('closing'), 0),
      doomed.blmpop(0, [k('closing')], 'LEFT'),
      doomed.blmove(k('closing'), k('x'), 'LEFT', 'LEFT', 0),
    ];
    await doomed.get(k('closing')); // a ready client with the calls under way: close() meets them in flight
    const started = Date.now();
    await doomed.close();
    expect(Date.now() - started).toBeLessThan(1000);
    for (const call of calls) await expect(call).rejects.toBeInstanceOf(ClientClosedError);
  });
});
