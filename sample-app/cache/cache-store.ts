import type { CacheModuleAsyncOptions } from '@nestjs/cache-manager';
import Keyv from 'keyv';
import { RedisClusterClient } from '../../lib';
import { RedisClusterKeyvStore } from '../../lib/keyv';

/**
 * CacheModule's options: one Keyv store over the app's cluster client (no second Redis client).
 * Keys are `sample:cache-manager:<key>`; clear() deletes exactly those, never FLUSHALL.
 */
export const cacheModuleOptions: CacheModuleAsyncOptions = {
  inject: [RedisClusterClient],
  useFactory: (redis: RedisClusterClient) => ({
    stores: [new Keyv({ store: new RedisClusterKeyvStore(redis, { keyPrefix: 'sample:' }), namespace: 'cache-manager' })],
  }),
};
