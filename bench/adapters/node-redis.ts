import { createCluster } from 'redis';
import type { BenchClient, ClientAdapter, ReadFrom, SeedAddress } from './types';

/** node-redis 5 (`redis` 5.9, the fastest peer of the last run) `createCluster`, defaults; `useReplicas` spreads reads over master and replicas. */
export const nodeRedisAdapter: ClientAdapter = {
  id: 'node-redis',
  label: 'node-redis',
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
