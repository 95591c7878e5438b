export interface RedisClusterThrottlerStorageOptions {
  /**
   * Prepended to every key this storage writes. Must not contain `{` or `}`: the storage puts its own
   * hash tag after it, so that all keys of one call share one slot.
   * @default 'throttler:'
   */
  prefix?: string;
}

export const DEFAULT_THROTTLER_PREFIX = 'throttler:';
