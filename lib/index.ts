// Entry `slotline`: the client (everything `slotline/client` exports) plus the NestJS layer.
export * from './client';

// NestJS. The health indicator loads @nestjs/terminus on first use, so this stays loadable without it.
export { RedisClusterModule } from './nest/redis-cluster.module';
export type { RedisClusterModuleExtras, RedisClusterModuleOptions } from './nest/redis-cluster.module-definition';
export { InjectRedisCluster } from './nest/inject-redis-cluster.decorator';
export { getRedisClusterToken } from './nest/redis-cluster.tokens';
export { RedisClusterHealthIndicator, type ClusterCheckOptions, type NodesCheckOptions } from './nest/health/redis-cluster.health';
export type { NodeCheckOptions, NodeDetail, NodeSummary } from './nest/health/evaluate-health';
