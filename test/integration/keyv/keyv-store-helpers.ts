/**
 * A client on the shared plain cluster and a store factory for the Keyv specs. Every store of a
 * spec file writes under one key prefix of its own, which `dropPrefix` removes afterwards.
 */
import { RedisClusterClient } from '../../../lib/client';
import { RedisClusterKeyvStore, type RedisClusterKeyvStoreOptions } from '../../../lib/keyv';
import { plainCluster } from '../../helpers/cluster-env';
import { uniquePrefix } from '../../helpers/node-probe';

export async function connectClient(clientName: string): Promise<RedisClusterClient> {
  const client = new RedisClusterClient({ nodes: plainCluster().nodes, clientName });
  await client.connect();
  return client;
}

/** `client` is read when a store is made (in a test), so the factory can be built before beforeAll connects. */
export function storeFactory(client: () => RedisClusterClient, tag: string, options: RedisClusterKeyvStoreOptions = {}) {
  const keyPrefix = uniquePrefix(tag);
  return { keyPrefix, store: () => new RedisClusterKeyvStore(client(), { ...options, keyPrefix }) };
}

/** Every key under `prefix`, whatever its type, deleted (cleanup only: the store's own clear() is under test). */
export async function dropPrefix(client: RedisClusterClient, prefix: string): Promise<void> {
  const keys: string[] = [];
  for await (const key of client.scanIterator({ match: `${prefix}*` })) keys.push(key);
  if (keys.length > 0) await client.del(keys);
}
