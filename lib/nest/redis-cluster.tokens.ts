import { RedisClusterClient } from '../core/cluster/client/cluster-client';

/**
 * Token of the client registered under `name`. The default (unnamed) client's token is the class
 * itself, so it can be injected by type with no decorator; named ones get a namespaced string.
 */
export function getRedisClusterToken(name?: string): string | typeof RedisClusterClient {
  return name ? `RedisClusterClient:${name}` : RedisClusterClient;
}

/** Per-registration options token: ConfigurableModuleBuilder's own token is one for every registration. */
export function getRedisClusterOptionsToken(name?: string): string {
  return name ? `RedisClusterModuleOptions:${name}` : 'RedisClusterModuleOptions';
}

/** Token of the provider that owns the client's connect/close. */
export function getRedisClusterLifecycleToken(name?: string): string {
  return name ? `RedisClusterLifecycle:${name}` : 'RedisClusterLifecycle';
}

/** Logger context: `RedisCluster`, or `RedisCluster:<name>` for a named client. */
export function getRedisClusterLoggerContext(name?: string): string {
  return name ? `RedisCluster:${name}` : 'RedisCluster';
}
