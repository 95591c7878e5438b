import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import type { BenchClient, ClientAdapter, ReadFrom, SeedAddress } from './types';

/** This project's client, default options; the core only (no Nest layer loaded). */
export const oursAdapter: ClientAdapter = {
  id: 'ours',
  label: 'slotline',
  settings: { master: 'defaults', replica: '`readOnly: true`' },
  connect: (seeds, readFrom) => connectWith(RedisClusterClient, seeds, readFrom),
};

/** A client of `Client` (this build's class, or another build's) as every workload drives it. */
export async function connectWith(
  Client: typeof RedisClusterClient,
  seeds: readonly SeedAddress[],
  readFrom: ReadFrom,
): Promise<BenchClient> {
  const client = new Client({ nodes: [...seeds], readOnly: readFrom === 'replica' });
  await client.connect();
  return {
    get: (key) => client.get(key),
    set: (key, value) => client.set(key, value),
    mget: (keys) => client.mget(keys),
    close: () => client.close(),
  };
}
