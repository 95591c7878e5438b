// Entry `slotline/keyv`: a Keyv store over the cluster client. `keyv` is an optional peer of this
// entry alone, and nothing here imports it, not even its types: the store only has Keyv's shape.
export { RedisClusterKeyvStore, type KeyvStoreOpts } from './redis-cluster-keyv-store';
export { KEYV_STORE_DEFAULTS, type RedisClusterKeyvStoreOptions, type ResolvedKeyvStoreOptions } from './keyv-store-options';
