import { readFileSync } from 'node:fs';
import { CacheModule } from '@nestjs/cache-manager';
import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { RedisClusterModule, type RedisClusterModuleOptions } from '../lib';
import { CacheController } from './cache/cache.controller';
import { cacheModuleOptions } from './cache/cache-store';
import { CachedLookupController } from './cache/cached-lookup.controller';
import { CounterController } from './counter/counter.controller';
import { HealthController } from './health/health.controller';

/**
 * REDIS_CLUSTER_NODES  comma-separated seeds, e.g. 127.0.0.1:7000,127.0.0.1:7001 (required)
 * REDIS_USERNAME / REDIS_PASSWORD  ACL user and password (optional)
 * REDIS_TLS            "true" to use TLS; REDIS_TLS_CA_FILE adds a CA (e.g. the local cluster's)
 */
export function redisOptionsFromEnv(config: ConfigService): RedisClusterModuleOptions {
  const caFile = config.get<string>('REDIS_TLS_CA_FILE');
  const tls = config.get<string>('REDIS_TLS') === 'true';
  return {
    nodes: config
      .getOrThrow<string>('REDIS_CLUSTER_NODES')
      .split(',')
      .map((s) => s.trim()),
    username: config.get<string>('REDIS_USERNAME') || undefined,
    password: config.get<string>('REDIS_PASSWORD') || undefined,
    tls: tls && caFile ? { ca: readFileSync(caFile) } : tls,
    clientName: 'sample-app',
  };
}

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true }),
    // Global, so that CacheModule's factory (cache/cache-store.ts) can inject the client.
    RedisClusterModule.forRootAsync({ isGlobal: true, inject: [ConfigService], useFactory: redisOptionsFromEnv }),
    CacheModule.registerAsync(cacheModuleOptions),
    TerminusModule,
  ],
  controllers: [CounterController, CacheController, CachedLookupController, HealthController],
})
export class AppModule {}
