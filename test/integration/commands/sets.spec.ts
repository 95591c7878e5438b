import type { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { BINARY, connected, keyspace, PROTOCOLS } from './command-helpers';

describe.each(PROTOCOLS)('set commands over RESP%i', (protocol) => {
  let client: RedisClusterClient;
  const k = keyspace('sets', protocol);

  beforeAll(async () => {
    client = await connected(protocol);
    await client.sadd(k('a'), 'x', 'y', 'z');
    await client.sadd(k('b'), 'y', 'z', 'w');
  });
  afterAll(() => client.close());

  it('smismember answers one boolean per member', async () => {
    await expect(client.smismember(k('a'), 'x', 'nope', 'z')).resolves.toEqual([true, false, true]);
  });

  it('sinter / sunion / sdiff / sintercard (LIMIT) and their stores', async () => {
    await expect(client.sinter(k('a'), k('b')).then((s) => s.sort())).resolves.toEqual(['y', 'z']);
    await expect(client.sunion([k('a'), k('b')]).then((s) => s.sort())).resolves.toEqual(['w', 'x', 'y', 'z']);
    await expect(client.sdiff(k('a'), k('b'))).resolves.toEqual(['x']);
    await expect(client.sintercard([k('a'), k('b')])).resolves.toBe(2);
    await expect(client.sintercard([k('a'), k('b')], { LIMIT: 1 })).resolves.toBe(1);
    await expect(client.sinterstore(k('i'), k('a'), k('b'))).resolves.toBe(2);
    await expect(client.sunionstore(k('u'), k('a'), k('b'))).resolves.toBe(4);
    await expect(client.sdiffstore(k('d'), k('a'), k('b'))).resolves.toBe(1);
  });

  it('spop / srandmember with and without count; smove', async () => {
    await client.sadd(k('p'), '1', '2', '3', '4');
    expect(['1', '2', '3', '4']).toContain(await client.spop(k('p')));
    expect(await client.spop(k('p'), 2)).toHaveLength(2);
    expect(await client.srandmember(k('p'), -3)).toHaveLength(3);
    expect(typeof (await client.srandmember(k('p')))).toBe('string');
    await expect(client.spop(k('missing'))).resolves.toBeNull();
    await expect(client.smove(k('a'), k('m'), 'x')).resolves.toBe(true);
    await expect(client.smove(k('a'), k('m'), 'x')).resolves.toBe(false);
  });

  it('sscan and sscanIterator walk every member', async () => {
    const members = Array.from({ length: 200 }, (_, i) => `m${i}`);
    await client.sadd(k('big'), members);
    const first = await client.sscan(k('big'), '0', { COUNT: 5 });
    expect(first.cursor).not.toBe('0');
    const seen = new Set<string>();
    for await (const member of client.sscanIterator(k('big'))) seen.add(member);
    expect([...seen].sort()).toEqual([...members].sort());
  });

  it('smembersBuffer keeps binary members', async () => {
    await client.sadd(k('bin'), BINARY);
    await expect(client.smembersBuffer(k('bin'))).resolves.toEqual([BINARY]);
  });
});
