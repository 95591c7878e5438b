import type { ThrottlerStorage } from '@nestjs/throttler';
import { InvalidOptionError, ProtocolError, type RedisClusterClient, type RespValue, type Script } from '../client';
import { throttlerKeys } from './throttler-keys';
import { THROTTLER_LUA } from './throttler-script';
import { DEFAULT_THROTTLER_PREFIX, type RedisClusterThrottlerStorageOptions } from './throttler-storage-options';

/** What `increment` resolves to; @nestjs/throttler's `ThrottlerStorageRecord`, named here without importing its path. */
export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * A `ThrottlerStorage` for @nestjs/throttler 6 on Redis Cluster: app instances that share the cluster
 * share the limits. Hits, expiry and blocking behave as the in-memory `ThrottlerStorageService` does
 * (same numbers for the same calls), each call being one Lua script on one slot, timed by the server.
 * The caller owns the client: this storage never connects or closes it.
 */
export class RedisClusterThrottlerStorage implements ThrottlerStorage {
  private readonly script: Script;
  private readonly prefix: string;

  constructor(client: RedisClusterClient, options: RedisClusterThrottlerStorageOptions = {}) {
    const prefix = options.prefix ?? DEFAULT_THROTTLER_PREFIX;
    // A brace in the prefix would become (or break) the hash tag and could split one call over two slots.
    if (typeof prefix !== 'string' || /[{}]/.test(prefix)) {
      throw new InvalidOptionError('prefix', 'a string without "{" or "}"', prefix);
    }
    this.prefix = prefix;
    this.script = client.createScript(THROTTLER_LUA);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const keys = throttlerKeys(this.prefix, key, throttlerName);
    const reply = await this.script.run([keys.record, keys.hits], [ttl, limit, blockDuration]);
    return toRecord(reply);
  }
}

function toRecord(reply: RespValue): ThrottlerStorageRecord {
  if (!Array.isArray(reply) || reply.length !== 4 || !reply.every((n) => typeof n === 'number')) {
    throw new ProtocolError('throttler script: expected 4 integers');
  }
  const [totalHits, timeToExpire, isBlocked, timeToBlockExpire] = reply as number[];
  return { totalHits, timeToExpire, isBlocked: isBlocked === 1, timeToBlockExpire };
}
