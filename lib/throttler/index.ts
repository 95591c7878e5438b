// Entry `slotline/throttler`: loads no @nestjs/* at run time (the storage only implements a type).
export { RedisClusterThrottlerStorage, type ThrottlerStorageRecord } from './redis-cluster-throttler-storage';
export type { RedisClusterThrottlerStorageOptions } from './throttler-storage-options';
