import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { RedisClusterClient } from '../../lib';
import { RedisClusterThrottlerStorage } from '../../lib/throttler';
import { LimitedController } from './limited.controller';

/**
 * THROTTLE_LIMIT   requests let through per client per window (default 10)
 * THROTTLE_TTL_MS  the window, in ms (default 60000)
 * THROTTLE_PREFIX  prefix of the throttler's keys (default sample:throttler:)
 * Kept out of AppModule so the rest of the sample runs without @nestjs/throttler.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ConfigService, RedisClusterClient],
      useFactory: (config: ConfigService, redis: RedisClusterClient) => ({
        throttlers: [{ ttl: Number(config.get('THROTTLE_TTL_MS') ?? 60_000), limit: Number(config.get('THROTTLE_LIMIT') ?? 10) }],
        storage: new RedisClusterThrottlerStorage(redis, { prefix: config.get<string>('THROTTLE_PREFIX') || 'sample:throttler:' }),
      }),
    }),
  ],
  controllers: [LimitedController],
})
export class RateLimitModule {}
