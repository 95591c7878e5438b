import { Controller, Get, Param } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { RedisClusterClient } from '../../lib';

const TTL_SECONDS = 30;

/** Cache-aside: answer from Redis when the key is there, else compute, store with a TTL, answer. */
@Controller('cache')
export class CacheController {
  constructor(private readonly redis: RedisClusterClient) {}

  @Get(':key')
  async get(@Param('key') name: string) {
    const key = `sample:cache:${name}`;
    const cached = await this.redis.get(key);
    if (cached !== null) return { key: name, value: cached, cached: true, ttl: await this.redis.ttl(key) };
    const value = await slowLookup(name);
    await this.redis.set(key, value, { EX: TTL_SECONDS });
    return { key: name, value, cached: false, ttl: TTL_SECONDS };
  }
}

/** Stands in for a database query or a remote API. */
export async function slowLookup(name: string): Promise<string> {
  await sleep(200);
  return `${name.toUpperCase()} (computed at ${new Date().toISOString()})`;
}
