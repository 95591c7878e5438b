import { RedisClusterError } from './redis-cluster-error';

/** A write was acknowledged by the master but did not reach `waitReplicas` replicas in time. */
export class ReplicationError extends RedisClusterError {
  override readonly name = 'ReplicationError';

  constructor(
    readonly address: string,
    readonly wanted: number,
    readonly reached: number,
    cause?: unknown,
  ) {
    super('ERR_REPLICATION', `write reached ${reached} of ${wanted} replicas of ${address} in time; it may be lost on failover`, { cause });
  }
}
