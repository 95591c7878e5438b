import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { CACHE_MANAGER, CacheModule } from '@nestjs/cache-manager';
import { Test } from '@nestjs/testing';
import type { Cache } from 'cache-manager';
import Keyv from 'keyv';
import { RedisClusterClient, RedisClusterModule } from '../../lib';
import { RedisClusterKeyvStore } from '../../lib/keyv';
import { plainCluster } from '../helpers/cluster-env';
import { uniquePrefix } from '../helpers/node-probe';
import { commandCalls, eventually } from './nest-e2e-helpers';

/**
 * @nestjs/cache-manager with a Keyv store over the cluster client, as an app wires it: the client
 * from RedisClusterModule injected into CacheModule.registerAsync's factory, the cache used through
 * CACHE_MANAGER. Runs on Nest 12 (ESM) and Nest 11 (CommonJS, @nestjs/cache-manager 3).
 */
describe('CacheModule with RedisClusterKeyvStore', () => {
  const keyPrefix = uniquePrefix('keyv-nest');
  let app: INestApplicationContext;
  let cache: Cache;
  let client: RedisClusterClient;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        RedisClusterModule.forRoot({ nodes: plainCluster().nodes, isGlobal: true, clientName: 'keyv-nest-spec' }),
        CacheModule.registerAsync({
          inject: [RedisClusterClient],
          useFactory: (redis: RedisClusterClient) => ({
            stores: [new Keyv({ store: new RedisClusterKeyvStore(redis, { keyPrefix }), namespace: 'nest' })],
            ttl: 60_000,
          }),
        }),
      ],
    }).compile();
    app = await moduleRef.init();
    cache = app.get<Cache>(CACHE_MANAGER);
    client = app.get(RedisClusterClient);
  });

  afterAll(async () => {
    if (client?.status === 'ready') {
      const left: string[] = [];
      for await (const key of client.scanIterator({ match: `${keyPrefix}*` })) left.push(key);
      if (left.length > 0) await client.del(left);
    }
    await app?.close();
  });

  it('set/get/del through CACHE_MANAGER land in the cluster under keyPrefix + "nest:", TTL in ms', async () => {
    await cache.set('user:1', { name: 'Ada' }, 5_000);
    expect(await cache.get('user:1')).toEqual({ name: 'Ada' });
    const pttl = Number(await client.call('PTTL', `${keyPrefix}nest:user:1`));
    expect(pttl).toBeGreaterThan(4_000);
    expect(pttl).toBeLessThanOrEqual(5_000);
    // The module's default TTL applies when none is given.
    await cache.set('user:2', 'Grace');
    expect(Number(await client.call('PTTL', `${keyPrefix}nest:user:2`))).toBeGreaterThan(50_000);
    await cache.del('user:1');
    expect(await cache.get('user:1')).toBeUndefined();
    expect(await client.exists(`${keyPrefix}nest:user:1`)).toBe(0);
  });

  it('an entry expires after its TTL', async () => {
    await cache.set('short', 'lived', 150);
    expect(await cache.get('short')).toBe('lived');
    expect(
      await eventually(
        () => cache.get('short'),
        (value) => value === undefined,
      ),
    ).toBeUndefined();
    expect(await client.exists(`${keyPrefix}nest:short`)).toBe(0);
  });

  it('mset/mget across slots, and clear() removes the namespace without FLUSHALL/FLUSHDB', async () => {
    const entries = Array.from({ length: 20 }, (_, i) => ({ key: `m${i}`, value: i }));
    await cache.mset(entries);
    expect(await cache.mget(entries.map((e) => e.key))).toEqual(entries.map((e) => e.value));
    const ports = plainCluster().ports;
    const flushes = async () => {
      const all = await Promise.all(ports.map((port) => commandCalls(port)));
      return all.reduce((sum, calls) => sum + (calls.flushall ?? 0) + (calls.flushdb ?? 0), 0);
    };
    const before = await flushes();
    await cache.clear();
    expect(await flushes()).toBe(before);
    expect(await cache.mget(entries.map((e) => e.key))).toEqual(entries.map(() => undefined));
  });
});
