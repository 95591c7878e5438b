/**
 * What RedisClusterKeyvStore adds to Keyv's contract, on the real plain cluster: where keys land
 * (keyPrefix + Keyv's `namespace:key`, no hash tag, so over many slots), PX in milliseconds, and
 * what clear() and iteration cover (every master, this store's keys only, in batches).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Keyv from 'keyv';
import type { RedisClusterClient } from '../../../lib/client';
import { RedisClusterKeyvStore } from '../../../lib/keyv';
import { connectClient, dropPrefix, storeFactory } from './keyv-store-helpers';

let client: RedisClusterClient;
const { keyPrefix, store } = storeFactory(() => client, 'keyv-store', { clearBatchSize: 7 });

beforeAll(async () => {
  client = await connectClient('keyv-store-spec');
});

afterAll(async () => {
  if (client?.status === 'ready') await dropPrefix(client, keyPrefix);
  await client?.close();
});

async function keysUnder(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of client.scanIterator({ match: `${prefix}*` })) keys.push(key);
  return keys.sort();
}

/** How many masters hold a key matching `pattern` (KEYS per node: test data only). */
async function mastersHolding(pattern: string): Promise<number> {
  const counts = await Promise.all(client.nodes('master').map((node) => node.call('KEYS', pattern)));
  return counts.filter((keys) => Array.isArray(keys) && keys.length > 0).length;
}

describe('keys and TTL', () => {
  it('writes keyPrefix + "namespace:key" as given, values as Keyv serialized them', async () => {
    const keyv = new Keyv({ store: store(), namespace: 'users' });
    await keyv.set('42', { name: 'Ada' });
    const raw = await client.get(`${keyPrefix}users:42`);
    expect(JSON.parse(raw ?? 'null')).toEqual({ value: { name: 'Ada' } });
  });

  it('spreads a namespace over many slots (no hash tag) and reads them back in one getMany', async () => {
    const keyv = new Keyv({ store: store(), namespace: 'spread' });
    const names = Array.from({ length: 50 }, (_, i) => `k${i}`);
    await keyv.setMany(names.map((key) => ({ key, value: key.toUpperCase() })));
    // The server's own slot function (CLUSTER KEYSLOT), so this spec needs no lib/core internals.
    const slots = new Set(await Promise.all(names.map((key) => client.call('CLUSTER', 'KEYSLOT', `${keyPrefix}spread:${key}`))));
    expect(slots.size).toBeGreaterThan(40);
    expect(await mastersHolding(`${keyPrefix}spread:*`)).toBeGreaterThan(1);
    expect(await keyv.get(names)).toEqual(names.map((key) => key.toUpperCase()));
    expect(await keyv.has(['k1', 'nope', 'k2'])).toEqual([true, false, true]);
  });

  it('sets the TTL in milliseconds with PX (fractions rounded up) and none without a TTL', async () => {
    const raw = store();
    await raw.set('ttl:a', 'x', 1500.2);
    await raw.set('ttl:b', 'y');
    const pttl = Number(await client.call('PTTL', `${keyPrefix}ttl:a`));
    expect(pttl).toBeGreaterThan(1000);
    expect(pttl).toBeLessThanOrEqual(1501);
    expect(await client.call('PTTL', `${keyPrefix}ttl:b`)).toBe(-1);
  });
});

describe('clear()', () => {
  it('deletes every key of its namespace on every master, in batches, and nothing else', async () => {
    const mine = new Keyv({ store: store(), namespace: 'mine' });
    const theirs = new Keyv({ store: store(), namespace: 'theirs' });
    const names = Array.from({ length: 60 }, (_, i) => `n${i}`);
    await mine.setMany(names.map((key) => ({ key, value: 1 })));
    await theirs.set('n1', 2);
    // A key of another type under the same name pattern, and one outside this store's prefix.
    await client.hset(`${keyPrefix}mine:hash`, 'f', 'v');
    const outside = `${keyPrefix.slice(0, -1)}-other:mine:n1`;
    await client.set(outside, 'stays');
    try {
      expect(await mastersHolding(`${keyPrefix}mine:n*`)).toBeGreaterThan(1);
      await mine.clear();
      expect(await keysUnder(`${keyPrefix}mine:`)).toEqual([`${keyPrefix}mine:hash`]);
      expect(await theirs.get('n1')).toBe(2);
      expect(await client.get(outside)).toBe('stays');
    } finally {
      await client.del(outside);
    }
  });

  it('without a namespace deletes only keys with no ":" after the prefix', async () => {
    const bare = store();
    bare.namespace = undefined;
    await bare.set('plain', 'a');
    await bare.set('ns:kept', 'b');
    await bare.clear();
    expect(await bare.get('plain')).toBeUndefined();
    expect(await bare.get('ns:kept')).toBe('b');
  });

  it('escapes glob characters of the namespace', async () => {
    const starry = new Keyv({ store: store(), namespace: 'a*' });
    const other = new Keyv({ store: store(), namespace: 'ab' });
    await starry.set('x', 1);
    await other.set('x', 2);
    await starry.clear();
    expect(await starry.get('x')).toBeUndefined();
    expect(await other.get('x')).toBe(2);
  });
});

describe('iterator()', () => {
  it('yields every entry of the namespace across masters, batch by batch', async () => {
    const keyv = new Keyv({ store: store(), namespace: 'walk' });
    const names = Array.from({ length: 30 }, (_, i) => `w${i}`);
    await keyv.setMany(names.map((key) => ({ key, value: `v-${key}` })));
    const seen = new Map<string, unknown>();
    if (!keyv.iterator) throw new Error('Keyv built no iterator for the store');
    for await (const [key, value] of keyv.iterator(keyv.namespace)) seen.set(key as string, value);
    expect([...seen.keys()].sort()).toEqual([...names].sort());
    expect(seen.get('w7')).toBe('v-w7');
  });
});

describe('errors', () => {
  it("emits 'error' and resolves to a neutral value; rejects with throwOnErrors or when nobody listens", async () => {
    const closed = await connectClient('keyv-store-closed');
    await closed.close();
    const quiet = new RedisClusterKeyvStore(closed);
    const heard: unknown[] = [];
    quiet.on('error', (error) => heard.push(error));
    expect(await quiet.get('k')).toBeUndefined();
    expect(await quiet.set('k', 'v')).toBe(false);
    expect(await quiet.delete('k')).toBe(false);
    expect(await quiet.has('k')).toBe(false);
    await expect(quiet.clear()).resolves.toBeUndefined();
    expect(heard).toHaveLength(5);
    expect((heard[0] as Error).name).toBe('ClientClosedError');

    const strict = new RedisClusterKeyvStore(closed, { throwOnErrors: true });
    strict.on('error', () => undefined);
    await expect(strict.get('k')).rejects.toMatchObject({ name: 'ClientClosedError' });
    await expect(new RedisClusterKeyvStore(closed).set('k', 'v')).rejects.toMatchObject({ name: 'ClientClosedError' });
  });
});
