import type { ClientAdapter } from './types';

/**
 * Each adapter by id, loaded on demand: a process that runs one client (cell-child.ts, rss-child.ts)
 * loads that client's library alone, where a static import of ./index would load every peer's.
 */
const LOADERS: Record<string, () => Promise<ClientAdapter>> = {
  ours: async () => (await import('./ours')).oursAdapter,
  'ioredis-auto': async () => (await import('./ioredis')).ioredisAutoAdapter,
  ioredis: async () => (await import('./ioredis')).ioredisPlainAdapter,
  'node-redis': async () => (await import('./node-redis')).nodeRedisAdapter,
  'node-redis6': async () => (await import('./node-redis6')).nodeRedis6Adapter,
  glide: async () => (await import('./glide')).glideAdapter,
  'ours-otel': async () => (await import('./ours-otel')).oursOtelAdapter,
  'ours-before': async () => (await import('./ours-before')).oursBeforeAdapter,
};

export function loadAdapter(id: string): Promise<ClientAdapter> {
  const load = LOADERS[id];
  if (load === undefined) return Promise.reject(new Error(`unknown client '${id}' (${Object.keys(LOADERS).join(', ')})`));
  return load();
}
