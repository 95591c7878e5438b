import { Module } from '@nestjs/common';
import { RedisClusterConfigurableModule } from './redis-cluster.module-definition';

/**
 * `RedisClusterModule.forRoot({ nodes, ... })` or `.forRootAsync({ useFactory, inject, imports })`,
 * with `name` for more than one cluster and `isGlobal` to skip importing it everywhere. Each
 * registration exports its client and `RedisClusterHealthIndicator`.
 */
@Module({})
export class RedisClusterModule extends RedisClusterConfigurableModule {}
