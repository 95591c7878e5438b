import type { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { ClientClosedError } from '../../../lib/core/errors/client-closed-error';
import { BINARY, connected, keyspace, PROTOCOLS } from './command-helpers';

describe.each(PROTOCOLS)('sorted-set commands over RESP%i', (protocol) => {
  let client: RedisClusterClient;
  const k = keyspace('zsets', protocol);

  beforeAll(async () => {
    client = await connected(protocol);
    await client.zadd(k('z'), { a: 1, b: 2, c: 3, d: 4.5 });
  });
  afterAll(() => client.close());

  it('zrange BY SCORE / LEX with REV and LIMIT, scores as numbers; the deprecated range commands', async () => {
    await expect(client.zrangeWithScores(k('z'), '(1', Infinity, { BY: 'SCORE', LIMIT: { offset: 0, count: 2 } })).resolves.toEqual([
      { member: 'b', score: 2 },
      { member: 'c', score: 3 },
    ]);
    await expect(client.zrange(k('z'), Infinity, 3, { BY: 'SCORE', REV: true })).resolves.toEqual(['d', 'c']);
    await expect(client.zrevrange(k('z'), 0, 1)).resolves.toEqual(['d', 'c']);
    await expect(client.zrangebyscore(k('z'), 2, '+inf', { LIMIT: { offset: 1, count: 5 } })).resolves.toEqual(['c', 'd']);
    await expect(client.zrevrangebyscore(k('z'), 3, -Infinity)).resolves.toEqual(['c', 'b', 'a']);
    await client.zadd(k('lex'), { a: 0, b: 0, c: 0 });
    await expect(client.zrangebylex(k('lex'), '[b', '+')).resolves.toEqual(['b', 'c']);
    await expect(client.zrevrangebylex(k('lex'), '+', '(a')).resolves.toEqual(['c', 'b']);
    await expect(client.zlexcount(k('lex'), '-', '(c')).resolves.toBe(2);
    await expect(client.zrevrank(k('z'), 'a')).resolves.toBe(3);
  });

  it('zmscore (null for a missing member), zrandmember with and without scores', async () => {
    await expect(client.zmscore(k('z'), 'a', 'nope', 'd')).resolves.toEqual([1, null, 4.5]);
    expect(['a', 'b', 'c', 'd']).toContain(await client.zrandmember(k('z')));
    expect(await client.zrandmemberCount(k('z'), -6)).toHaveLength(6);
    const all = await client.zrandmemberWithScores(k('z'), 4);
    expect(all.sort((x, y) => x.score - y.score)).toEqual([
      { member: 'a', score: 1 },
      { member: 'b', score: 2 },
      { member: 'c', score: 3 },
      { member: 'd', score: 4.5 },
    ]);
  });

  it('zpopmin / zpopmax answer scored members, one or `count`', async () => {
    await client.zadd(k('pop'), { x: 1, y: 2, z: 3 });
    await expect(client.zpopmin(k('pop'))).resolves.toEqual([{ member: 'x', score: 1 }]);
    await expect(client.zpopmax(k('pop'), 5)).resolves.toEqual([
      { member: 'z', score: 3 },
      { member: 'y', score: 2 },
    ]);
    await expect(client.zpopmin(k('pop'))).resolves.toEqual([]);
  });

  it('zunion / zinter / zdiff with WEIGHTS and AGGREGATE, their stores, zintercard, zrangestore', async () => {
    await client.zadd(k('u1'), { a: 1, b: 2 });
    await client.zadd(k('u2'), { b: 10, c: 20 });
    await expect(client.zunionWithScores([k('u1'), k('u2')], { WEIGHTS: [2, 1] })).resolves.toEqual([
      { member: 'a', score: 2 },
      { member: 'b', score: 14 },
      { member: 'c', score: 20 },
    ]);
    await expect(client.zinterWithScores([k('u1'), k('u2')], { AGGREGATE: 'MAX' })).resolves.toEqual([{ member: 'b', score: 10 }]);
    await expect(client.zunion([k('u1'), k('u2')])).resolves.toEqual(['a', 'b', 'c']);
    await expect(client.zinter([k('u1'), k('u2')])).resolves.toEqual(['b']);
    await expect(client.zdiff([k('u1'), k('u2')])).resolves.toEqual(['a']);
    await expect(client.zdiffWithScores([k('u2'), k('u1')])).resolves.toEqual([{ member: 'c', score: 20 }]);
    await expect(client.zintercard([k('u1'), k('u2')], { LIMIT: 5 })).resolves.toBe(1);
    await expect(client.zunionstore(k('us'), [k('u1'), k('u2')], { AGGREGATE: 'MIN' })).resolves.toBe(3);
    await expect(client.zscore(k('us'), 'b')).resolves.toBe(2);
    await expect(client.zinterstore(k('is'), [k('u1'), k('u2')])).resolves.toBe(1);
    await expect(client.zdiffstore(k('ds'), [k('u1'), k('u2')])).resolves.toBe(1);
    await expect(client.zrangestore(k('rs'), k('z'), 2, 4, { BY: 'SCORE' })).resolves.toBe(2);
    await expect(client.zrange(k('rs'), 0, -1)).resolves.toEqual(['b', 'c']);
  });

  it('zremrangebyscore / bylex / byrank count what they removed', async () => {
    await client.zadd(k('rm'), { a: 1, b: 2, c: 3, d: 4, e: 5 });
    await expect(client.zremrangebyscore(k('rm'), -Infinity, '(2')).resolves.toBe(1);
    await expect(client.zremrangebyrank(k('rm'), -1, -1)).resolves.toBe(1);
    await client.zadd(k('rml'), { a: 0, b: 0, c: 0 });
    await expect(client.zremrangebylex(k('rml'), '[a', '[b')).resolves.toBe(2);
  });

  it('zmpop and the blocking bzpopmin / bzpopmax / bzmpop, null on a timeout', async () => {
    await client.zadd(k('mp'), { a: 1, b: 2, c: 3 });
    await expect(client.zmpop([k('none'), k('mp')], 'MAX', { COUNT: 2 })).resolves.toEqual({
      key: k('mp'),
      members: [
        { member: 'c', score: 3 },
        { member: 'b', score: 2 },
      ],
    });
    await expect(client.zmpop([k('none')], 'MIN')).resolves.toBeNull();
    await expect(client.bzpopmin([k('none'), k('mp')], 1)).resolves.toEqual({ key: k('mp'), member: 'a', score: 1 });
    await client.zadd(k('mp'), { y: 7.5, z: 8 });
    await expect(client.bzpopmax(k('mp'), 1)).resolves.toEqual({ key: k('mp'), member: 'z', score: 8 });
    await expect(client.bzmpop(1, [k('mp')], 'MIN')).resolves.toEqual({ key: k('mp'), members: [{ member: 'y', score: 7.5 }] });
    await expect(client.bzpopmin(k('none'), 0.1)).resolves.toBeNull();
    await expect(client.bzmpop(0.1, [k('none')], 'MAX', { COUNT: 3 })).resolves.toBeNull();
  });

  it('bzpopmin waits on a connection of its own; close() fails a blocked bzmpop with ClientClosedError', async () => {
    const waiting = client.bzpopmin(k('wait'), 5);
    await client.zadd(k('wait'), { m: 42 });
    await expect(waiting).resolves.toEqual({ key: k('wait'), member: 'm', score: 42 });
    const doomed = await connected(protocol);
    const blocked = doomed.bzmpop(0, [k('never')], 'MIN');
    await doomed.get(k('never'));
    await doomed.close();
    await expect(blocked).rejects.toBeInstanceOf(ClientClosedError);
  });

  it('zscan and zscanIterator walk every member with its score; zrangeBuffer keeps binary members', async () => {
    const members = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`m${i}`, i / 2]));
    await client.zadd(k('big'), members);
    const page = await client.zscan(k('big'), 0, { COUNT: 5 });
    expect(page.cursor).not.toBe('0');
    const seen: Record<string, number> = {};
    for await (const { member, score } of client.zscanIterator(k('big'))) seen[member] = score;
    expect(seen).toEqual(members);
    await client.zadd(k('bin'), { score: 1, member: BINARY });
    await expect(client.zrangeBuffer(k('bin'), 0, -1)).resolves.toEqual([BINARY]);
  });
});
