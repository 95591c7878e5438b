/**
 * Keyv's compliance cases, ported to Jest and run through `new Keyv({ store })` against the real
 * plain cluster. The reference is @keyv/test-suite 2.1.2 (keyvApiTests, keyvValueTests,
 * keyvNamespaceTests, keyvIteratorTests): every one of its cases is here, one test each, in the same
 * order and under the same titles, with the same inputs and expectations. What differs is only how
 * time passes: where the suite freezes the clock (timekeeper) we move Keyv's clock with a spy on
 * Date.now; where it sleeps for a TTL we wait for the cluster to have expired the keys. The suite is
 * not a dependency because it installs Vitest, Vite and sqlite3, and Vite's lock entry breaks `npm ci`.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import Keyv, { type KeyvStoreAdapter } from 'keyv';
import type { RedisClusterClient } from '../../../lib/client';
import { connectClient, dropPrefix, storeFactory } from './keyv-store-helpers';

let client: RedisClusterClient;
const { keyPrefix, store } = storeFactory(() => client, 'keyv-compliance');
const keyvOf = (namespace?: string) => new Keyv({ store: store(), ...(namespace === undefined ? {} : { namespace }) });

// The store has KeyvStoreAdapter's shape (type check only), but for setMany's result: see the class comment.
export type StoreHasKeyvShape = ReturnType<typeof store> extends Omit<KeyvStoreAdapter, 'setMany'> ? true : never;
const storeHasKeyvShape: StoreHasKeyvShape = true;
void storeHasKeyvShape;

beforeAll(async () => {
  client = await connectClient('keyv-compliance-spec');
});

afterAll(async () => {
  if (client?.status === 'ready') await dropPrefix(client, keyPrefix);
  await client?.close();
});

/** Keyv's clock moved `ms` ahead (Keyv decides expiry itself from the `expires` it stored). */
function clockAhead(ms: number): void {
  const now = Date.now();
  jest.spyOn(Date, 'now').mockReturnValue(now + ms);
}

/** Waits until the cluster has expired every one of `keys` (bounded: fails rather than hangs). */
async function expiredInCluster(namespace: string, keys: string[], timeoutMs = 5_000): Promise<void> {
  const redisKeys = keys.map((key) => `${keyPrefix}${namespace}:${key}`);
  const deadline = Date.now() + timeoutMs;
  while ((await client.exists(redisKeys)) > 0) {
    if (Date.now() > deadline) throw new Error(`keys still present after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('keyvApiTests', () => {
  beforeEach(async () => {
    await keyvOf().clear();
  });

  it('.set(key, value) returns a Promise', async () => {
    const pending = keyvOf().set('foo', 'bar');
    expect(pending).toBeInstanceOf(Promise);
    await pending;
  });

  it('.set(key, value) resolves to true', async () => {
    expect(await keyvOf().set('foo', 'bar')).toBe(true);
  });

  it('.set(key, value) sets a value', async () => {
    const keyv = keyvOf();
    await keyv.set('foo', 'bar');
    expect(await keyv.get('foo')).toBe('bar');
  });

  it('.set(key, value, ttl) sets a value that expires', async () => {
    const keyv = keyvOf();
    await keyv.set('foo', 'bar', 1000);
    expect(await keyv.get('foo')).toBe('bar');
    clockAhead(1001);
    expect(await keyv.get('foo')).toBeUndefined();
  });

  it('.get(key) returns a Promise', async () => {
    const pending = keyvOf().get('foo');
    expect(pending).toBeInstanceOf(Promise);
    await pending;
  });

  it('.get(key) resolves to value', async () => {
    const keyv = keyvOf();
    await keyv.set('foo', 'bar');
    expect(await keyv.get('foo')).toBe('bar');
  });

  it('.get(key) with nonexistent key resolves to undefined', async () => {
    expect(await keyvOf().get('foo')).toBeUndefined();
  });

  it('.get([keys]) should return array values', async () => {
    const keyv = keyvOf();
    await keyv.set('foo', 'bar', 3000);
    await keyv.set('foo1', 'bar1', 3000);
    await keyv.set('foo2', 'bar2', 3000);
    expect(await keyv.get(['foo', 'foo1', 'foo2'])).toEqual(['bar', 'bar1', 'bar2']);
  });

  it('.get([keys]) should return array value undefined when expires', async () => {
    const keyv = keyvOf();
    await keyv.set('foo', 'bar');
    await keyv.set('foo1', 'bar1', 1);
    await keyv.set('foo2', 'bar2');
    clockAhead(30);
    expect(await keyv.get(['foo', 'foo1', 'foo2'])).toEqual(['bar', undefined, 'bar2']);
  });

  it('.get([keys]) should return array values with undefined', async () => {
    const keyv = keyvOf();
    await keyv.set('foo', 'bar', 3000);
    await keyv.set('foo2', 'bar2', 3000);
    expect(await keyv.get(['foo', 'foo1', 'foo2'])).toEqual(['bar', undefined, 'bar2']);
  });

  it('.get([keys]) should return undefined array for all no existent keys', async () => {
    expect(await keyvOf().get(['foo', 'foo1', 'foo2'])).toEqual([undefined, undefined, undefined]);
  });

  it('.delete(key) returns a Promise', async () => {
    const pending = keyvOf().delete('foo');
    expect(pending).toBeInstanceOf(Promise);
    await pending;
  });

  it('.delete([key]) returns a Promise', async () => {
    const pending = keyvOf().delete(['foo']);
    expect(pending).toBeInstanceOf(Promise);
    await pending;
  });

  it('.delete(key) resolves to true', async () => {
    const keyv = keyvOf();
    await keyv.set('foo', 'bar');
    expect(await keyv.delete('foo')).toBe(true);
  });

  it('.delete(key) with nonexistent key resolves to false', async () => {
    expect(await keyvOf().delete('foo')).toBe(false);
  });

  it('.delete(key) deletes a key', async () => {
    const keyv = keyvOf();
    await keyv.set('foo', 'bar');
    expect(await keyv.delete('foo')).toBe(true);
    expect(await keyv.get('foo')).toBeUndefined();
  });

  it('.deleteMany([keys]) should delete multiple key', async () => {
    const keyv = keyvOf();
    await keyv.set('foo', 'bar');
    await keyv.set('foo1', 'bar1');
    await keyv.set('foo2', 'bar2');
    expect(await keyv.delete(['foo', 'foo1', 'foo2'])).toBe(true);
    expect(await keyv.get(['foo', 'foo1', 'foo2'])).toEqual([undefined, undefined, undefined]);
  });

  it('.deleteMany([keys]) with nonexistent keys resolves to false', async () => {
    expect(await keyvOf().delete(['foo', 'foo1', 'foo2'])).toBe(false);
  });

  it('.clear() returns a Promise', async () => {
    const pending = keyvOf().clear();
    expect(pending).toBeInstanceOf(Promise);
    await pending;
  });

  it('.clear() resolves to undefined', async () => {
    const keyv = keyvOf();
    expect(await keyv.clear()).toBeUndefined();
    await keyv.set('foo', 'bar');
    expect(await keyv.clear()).toBeUndefined();
  });

  it('.clear() deletes all key/value pairs', async () => {
    const keyv = keyvOf();
    await keyv.set('foo', 'bar');
    await keyv.set('fizz', 'buzz');
    await keyv.clear();
    expect(await keyv.get('foo')).toBeUndefined();
    expect(await keyv.get('fizz')).toBeUndefined();
  });

  it('.has(key) where key is the key we are looking for', async () => {
    const keyv = keyvOf();
    await keyv.set('foo', 'bar');
    expect(await keyv.has('foo')).toBe(true);
    expect(await keyv.has('fizz')).toBe(false);
  });
});

describe('keyvValueTests', () => {
  beforeEach(async () => {
    await keyvOf().clear();
  });

  it.each([
    ['false', false],
    ['null', null],
    ['a number', 0],
    ['an object', { fizz: 'buzz' }],
    ['an object containing a buffer', { buff: Buffer.from('buzz') }],
    ['a string containing quotes', '"'],
    ['a string', 'bar'],
  ])('value can be %s', async (_, value) => {
    const keyv = keyvOf();
    await keyv.set('foo', value);
    expect(await keyv.get('foo')).toEqual(value);
  });

  it('value can be undefined', async () => {
    const keyv = keyvOf();
    await keyv.set('foo', undefined);
    expect(await keyv.get('foo')).toBeUndefined();
  });

  it('value can be a buffer', async () => {
    const keyv = keyvOf();
    const buffer = Buffer.from('bar');
    await keyv.set('foo', buffer);
    const read = await keyv.get('foo');
    expect(Buffer.isBuffer(read) && buffer.equals(read)).toBe(true);
  });

  it('value can not be symbol', async () => {
    const keyv = keyvOf();
    keyv.on('error', () => undefined);
    await expect(keyv.set('foo', Symbol('value'))).rejects.toThrow('symbol cannot be serialized');
  });

  it('value can be BigInt using other serializer/deserializer', async () => {
    // A serializer that keeps BigInt exact (the suite uses json-bigint; any lossless one shows the same).
    const serialize = (data: unknown) => JSON.stringify(data, (_, v) => (typeof v === 'bigint' ? { $bigint: v.toString() } : v));
    const deserialize = <T>(text: string) =>
      JSON.parse(text, (_, v) => (v !== null && typeof v === 'object' && typeof v.$bigint === 'string' ? BigInt(v.$bigint) : v)) as T;
    const keyv = new Keyv({ store: store(), serialize, deserialize });
    const value = BigInt('9223372036854775807');
    await keyv.set('foo', value);
    expect(await keyv.get('foo')).toBe(value);
  });

  it('single quotes value should be saved', async () => {
    const keyv = keyvOf();
    for (const [key, value] of [
      ['key', "'"],
      ['key1', "''"],
      ['key2', '"'],
    ]) {
      await keyv.set(key, value);
      expect(await keyv.get(key)).toBe(value);
    }
  });

  it('single quotes key should be saved', async () => {
    const keyv = keyvOf();
    await keyv.set("'", "'");
    expect(await keyv.get("'")).toBe("'");
  });
});

describe('keyvNamespaceTests', () => {
  const clearBoth = async () => {
    await keyvOf('keyv1').clear();
    await keyvOf('keyv2').clear();
  };
  beforeEach(clearBoth);
  afterEach(clearBoth);

  it("namespaced set/get don't collide", async () => {
    const [keyv1, keyv2] = [keyvOf('keyv1'), keyvOf('keyv2')];
    await keyv1.set('foo', 'keyv1');
    await keyv2.set('foo', 'keyv2');
    expect(await keyv1.get('foo')).toBe('keyv1');
    expect(await keyv2.get('foo')).toBe('keyv2');
  });

  it('namespaced delete only deletes from current namespace', async () => {
    const [keyv1, keyv2] = [keyvOf('keyv1'), keyvOf('keyv2')];
    await keyv1.set('foo', 'keyv1');
    await keyv2.set('foo', 'keyv2');
    expect(await keyv1.delete('foo')).toBe(true);
    expect(await keyv1.get('foo')).toBeUndefined();
    expect(await keyv2.get('foo')).toBe('keyv2');
  });

  it('namespaced clear only clears current namespace', async () => {
    const [keyv1, keyv2] = [keyvOf('keyv1'), keyvOf('keyv2')];
    for (const key of ['foo', 'bar']) {
      await keyv1.set(key, 'keyv1');
      await keyv2.set(key, 'keyv2');
    }
    await keyv1.clear();
    expect(await keyv1.get(['foo', 'bar'])).toEqual([undefined, undefined]);
    expect(await keyv2.get(['foo', 'bar'])).toEqual(['keyv2', 'keyv2']);
  });
});

describe('keyvIteratorTests', () => {
  const entries = (offset: number) => new Map(Array.from({ length: 5 }, (_, i) => [String(i), String(i + offset)]));
  async function collect(keyv: Keyv): Promise<Map<string, unknown>> {
    if (!keyv.iterator) throw new Error('Keyv built no iterator for the store');
    const seen = new Map<string, unknown>();
    for await (const [key, value] of keyv.iterator(keyv.namespace)) seen.set(key as string, value);
    return seen;
  }

  beforeEach(async () => {
    await keyvOf().clear();
  });

  it('.iterator() returns an asyncIterator', () => {
    const keyv = keyvOf();
    expect(typeof keyv.iterator?.(keyv.namespace)[Symbol.asyncIterator]).toBe('function');
  });

  it('iterator() iterates over all values', async () => {
    const keyv = keyvOf();
    const map = entries(10);
    await Promise.all([...map].map(([key, value]) => keyv.set(key, value)));
    expect(await collect(keyv)).toEqual(map);
  });

  it("iterator() doesn't yield values from other namespaces", async () => {
    // One store for both, as in the suite: Keyv sets the store's namespace to the last one built.
    const shared = store();
    const keyv1 = new Keyv({ store: shared, namespace: 'keyv1' });
    await Promise.all([...entries(10)].map(([key, value]) => keyv1.set(key, value)));
    const keyv2 = new Keyv({ store: shared, namespace: 'keyv2' });
    const map2 = entries(11);
    await Promise.all([...map2].map(([key, value]) => keyv2.set(key, value)));
    expect(await collect(keyv2)).toEqual(map2);
  });

  it("iterator() doesn't yield expired values, and deletes them", async () => {
    const keyv = keyvOf();
    const map = entries(10);
    await Promise.all([...map].map(([key, value]) => keyv.set(key, value, 200)));
    await keyv.set('foo', 'bar');
    await expiredInCluster('keyv', [...map.keys()]);
    expect(await collect(keyv)).toEqual(new Map([['foo', 'bar']]));
  });
});
