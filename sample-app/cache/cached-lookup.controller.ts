import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Controller, Get, Inject, Param } from '@nestjs/common';
import type { Cache } from 'cache-manager';
import { slowLookup } from './cache.controller';

const TTL_MS = 30_000;

/**
 * The same cache-aside as /cache/:key, through @nestjs/cache-manager instead of raw commands: the
 * cache's store is Keyv over the cluster client (see cache-store.ts), so entries live in the cluster.
 */
@Controller('cached')
export class CachedLookupController {
  constructor(@Inject(CACHE_MANAGER) private readonly cache: Cache) {}

  @Get(':key')
  async get(@Param('key') name: string) {
    const cached = await this.cache.get<string>(name);
    if (cached !== undefined) return { key: name, value: cached, cached: true };
    const value = await slowLookup(name);
    await this.cache.set(name, value, TTL_MS);
    return { key: name, value, cached: false, ttlMs: TTL_MS };
  }
}
