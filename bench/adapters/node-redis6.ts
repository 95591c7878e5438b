import { createCluster } from 'redis6';
import type { BenchClient, ClientAdapter, ReadFrom, SeedAddress } from './types';

/**
 * node-redis 6 (`redis` 6, installed as the npm alias `redis6` beside 5.9, which stays because it
 * was the fastest peer), `createCluster`, defaults; `useReplicas` spreads reads over master and replicas.
 */
export const nodeRedis6Adapter: ClientAdapter = {
  id: 'node-redis6',
  label: 'node-redis 6',
  settings: { master: 'defaults', replica: '`useReplicas: true`' },
  async connect(seeds: readonly SeedAddress[], readFrom: ReadFrom): Promise<BenchClient> {
    const cluster = createCluster({
      rootNodes: seeds.map(({ host, port }) => ({ socket: { host, port } })),
      useReplicas: readFrom === 'replica',
    });
    cluster.on('error', () => undefined);
    await cluster.connect();
    return {
      get: (key) => cluster.get(key),
      set: (key, value) => cluster.set(key, value),
      mget: (keys) => cluster.mGet(keys),
      close: () => cluster.close(),
    };
  },
};
