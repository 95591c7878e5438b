import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import type { RedisClusterOptions } from '../../../lib/core/options/client-options';
import { plainCluster } from '../../helpers/cluster-env';

/** Both protocols: the same assertions hold for RESP2 flat arrays and RESP3 maps, pairs and doubles. */
export const PROTOCOLS = [2, 3] as const;

/** A connected client on the shared plain cluster. */
export async function connected(protocol: 2 | 3, options: Partial<RedisClusterOptions> = {}): Promise<RedisClusterClient> {
  const client = new RedisClusterClient({ nodes: plainCluster().nodes, protocol, ...options });
  await client.connect();
  return client;
}

/** Keys of one slot (a hash tag), unique to this run, family and protocol. */
export function keyspace(family: string, protocol: 2 | 3): (name: string) => string {
  const tag = `${family}:${protocol}:${process.pid}:${Date.now()}`;
  return (name) => `{${tag}}:${name}`;
}

/** Bytes that are not valid UTF-8: a string reply would mangle them. */
export const BINARY = Buffer.from([0xff, 0x00, 0xfe, 0x80, 0x0a]);
