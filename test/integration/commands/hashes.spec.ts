import type { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { BINARY, connected, keyspace, PROTOCOLS } from './command-helpers';

describe.each(PROTOCOLS)('hash commands over RESP%i', (protocol) => {
  let client: RedisClusterClient;
  const k = keyspace('hashes', protocol);

  beforeAll(async () => {
    client = await connected(protocol);
  });
  afterAll(() => client.close());

  it('hsetnx / hmset / hstrlen', async () => {
    await expect(client.hsetnx(k('h'), 'f', 'v')).resolves.toBe(true);
    await expect(client.hsetnx(k('h'), 'f', 'w')).resolves.toBe(false);
    await expect(client.hmset(k('h'), { a: '1', b: 'two' })).resolves.toBe('OK');
    await expect(client.hstrlen(k('h'), 'b')).resolves.toBe(3);
    await expect(client.hgetall(k('h'))).resolves.toEqual({ f: 'v', a: '1', b: 'two' });
  });

  it('hrandfield: one field, a count of them, with values', async () => {
    await client.hset(k('r'), { a: '1', b: '2', c: '3' });
    expect(['a', 'b', 'c']).toContain(await client.hrandfield(k('r')));
    await expect(client.hrandfield(k('missing'))).resolves.toBeNull();
    expect((await client.hrandfieldCount(k('r'), 2)).length).toBe(2);
    expect(await client.hrandfieldCount(k('r'), -5)).toHaveLength(5);
    const entries = await client.hrandfieldWithValues(k('r'), 3);
    expect(entries.sort((x, y) => x.field.localeCompare(y.field))).toEqual([
      { field: 'a', value: '1' },
      { field: 'b', value: '2' },
      { field: 'c', value: '3' },
    ]);
  });

  it('hscan pages and hscanIterator walks every field of a hash too large for a listpack, MATCH applied', async () => {
    const fields = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`f${i}`, `v${i}`]));
    await client.hset(k('big'), fields);
    const page = await client.hscan(k('big'), 0, { COUNT: 10 });
    expect(page.cursor).not.toBe('0');
    expect(page.items.length).toBeGreaterThan(0);
    const seen: Record<string, string> = {};
    for await (const { field, value } of client.hscanIterator(k('big'))) seen[field] = value;
    expect(seen).toEqual(fields);
    const matched: string[] = [];
    for await (const entry of client.hscanIterator(k('big'), { MATCH: 'f1?', COUNT: 50 })) matched.push(entry.field);
    expect(matched.sort()).toEqual(['f10', 'f11', 'f12', 'f13', 'f14', 'f15', 'f16', 'f17', 'f18', 'f19']);
  });

  it('hgetallBuffer / hmgetBuffer / hvalsBuffer keep binary values', async () => {
    await client.hset(k('bin'), { raw: BINARY });
    await expect(client.hgetallBuffer(k('bin'))).resolves.toEqual({ raw: BINARY });
    await expect(client.hmgetBuffer(k('bin'), 'raw', 'none')).resolves.toEqual([BINARY, null]);
    await expect(client.hvalsBuffer(k('bin'))).resolves.toEqual([BINARY]);
  });
});
