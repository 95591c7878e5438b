import { readFileSync } from 'node:fs';
import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { RedisClusterModule, type RedisClusterModuleOptions } from '../lib';
import { CacheController } from './cache/cache.controller';
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
    nodes: config.getOrThrow<string>('REDIS_CLUSTER_NODES').split(',').map((s) => s.trim()),
    username: config.get<string>('REDIS_USERNAME') || undefined,
    password: config.get<string>('REDIS_PASSWORD') || undefined,
    tls: tls && caFile ? { ca: readFileSync(caFile) } : tls,
    clientName: 'sample-app',
  };
}

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true }),
    RedisClusterModule.forRootAsync({ inject: [ConfigService], useFactory: redisOptionsFromEnv, isGlobal: true }),
    TerminusModule,
  ],
  controllers: [CounterController, CacheController, HealthController],
})
export class AppModule {}
