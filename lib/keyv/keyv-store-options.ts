import { InvalidOptionError } from '../client';

/** Options of `RedisClusterKeyvStore`. Every one has a default; `resolveKeyvStoreOptions` fills them in. */
export interface RedisClusterKeyvStoreOptions {
  /**
   * Prepended to every key this store reads or writes, before Keyv's own `namespace:` prefix. Lets
   * several applications share one cluster: `clear()` and iteration stay inside it.
   * @default '' (no prefix)
   */
  keyPrefix?: string;
  /**
   * Keys per batch when `clear()` deletes and when iteration reads values: the SCAN `COUNT` hint,
   * and the most keys sent in one UNLINK/DEL or MGET (the client splits that over slots).
   * @default 1000
   */
  clearBatchSize?: number;
  /**
   * `delete`, `deleteMany` and `clear()` use UNLINK (memory freed in the background) rather than DEL.
   * @default true
   */
  useUnlink?: boolean;
  /**
   * Reject the call on a command error, after emitting 'error'. When false the call resolves to a
   * neutral value (undefined, false, no entries), as @keyv/redis does.
   * @default false
   */
  throwOnErrors?: boolean;
}

export type ResolvedKeyvStoreOptions = Required<RedisClusterKeyvStoreOptions>;

export const KEYV_STORE_DEFAULTS: ResolvedKeyvStoreOptions = {
  keyPrefix: '',
  clearBatchSize: 1000,
  useUnlink: true,
  throwOnErrors: false,
};

export function resolveKeyvStoreOptions(options: RedisClusterKeyvStoreOptions = {}): ResolvedKeyvStoreOptions {
  const resolved = { ...KEYV_STORE_DEFAULTS };
  for (const name of Object.keys(KEYV_STORE_DEFAULTS) as (keyof ResolvedKeyvStoreOptions)[]) {
    const value = options[name];
    if (value !== undefined) (resolved as Record<string, unknown>)[name] = value;
  }
  if (typeof resolved.keyPrefix !== 'string') throw new InvalidOptionError('keyPrefix', 'a string', resolved.keyPrefix);
  if (!Number.isInteger(resolved.clearBatchSize) || resolved.clearBatchSize < 1) {
    throw new InvalidOptionError('clearBatchSize', 'a positive integer', resolved.clearBatchSize);
  }
  return resolved;
}
