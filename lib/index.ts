export { RedisClusterClient, type ClientStatus } from './core/cluster/cluster-client';
export type { AddressMap, NodeAddress, RedisClusterOptions, TlsOption } from './core/options/client-options';
export type {
  ClusterHealth,
  NodeHealth,
  NodeRole,
  NodeState,
  NodeStateChange,
  SlotRange,
  TopologyChange,
} from './core/cluster/health-types';
export type { PoolStats } from './core/pool/pool-stats';
export type { RespArg, RespMap, RespValue } from './core/resp/types';
export {
  AskError,
  AuthError,
  ClientClosedError,
  ClusterConnectError,
  ConnectionError,
  CrossSlotKeysError,
  InvalidArgumentError,
  InvalidOptionError,
  MaxRedirectsError,
  MovedError,
  PoolTimeoutError,
  ProtocolError,
  RedisClusterError,
  ReplicationError,
  ReplyError,
  TimeoutError,
  TlsError,
  TopologyTooLargeError,
  UnknownNodeError,
  UnknownOutcomeError,
  UnsupportedCommandError,
  UntrustedRedirectError,
  type TimeoutKind,
} from './core/errors';

// NestJS. The health indicator needs @nestjs/terminus only for its types, so this stays loadable without it.
export { RedisClusterModule } from './nest/redis-cluster.module';
export type { RedisClusterModuleExtras, RedisClusterModuleOptions } from './nest/redis-cluster.module-definition';
export { InjectRedisCluster } from './nest/inject-redis-cluster.decorator';
export { getRedisClusterToken } from './nest/redis-cluster.tokens';
export {
  RedisClusterHealthIndicator,
  type ClusterCheckOptions,
  type NodesCheckOptions,
} from './nest/health/redis-cluster.health';
export type { NodeCheckOptions, NodeDetail, NodeSummary } from './nest/health/evaluate-health';
