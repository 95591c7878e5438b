import { RedisClusterError } from './redis-cluster-error';

/** No connection of a node's pool became free within `poolTimeout`. */
export class PoolTimeoutError extends RedisClusterError {
  override readonly name = 'PoolTimeoutError';

  constructor(
    readonly address: string,
    readonly timeoutMs: number,
  ) {
    super('ERR_POOL_TIMEOUT', `no connection to ${address} became free within poolTimeout (${timeoutMs} ms)`);
  }
}
