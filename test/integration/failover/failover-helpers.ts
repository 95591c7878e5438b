import type { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import type { RedisClusterOptions } from '../../../lib/core/options/client-options';
import type { NodeHealth } from '../../../lib/core/cluster/health/health-types';
import type { PrivateCluster } from '../../helpers/cluster-env';
import { waitFor } from '../../helpers/load';

/** Short node timeout: failovers in CI take seconds, not tens of seconds. */
export const NODE_TIMEOUT = 1000;

/** A retry budget that covers a failover (~node timeout + election): what a user would configure. */
export function failoverOptions(cluster: PrivateCluster, extra: Partial<RedisClusterOptions> = {}): RedisClusterOptions {
  return {
    nodes: cluster.nodes,
    heartbeatInterval: 200,
    heartbeatFailures: 3,
    maxRetries: 60,
    minRetryBackoff: 20,
    maxRetryBackoff: 200,
    readTimeout: 1000,
    ...extra,
  };
}

export function portOf(node: NodeHealth): number {
  return Number(node.address.slice(node.address.lastIndexOf(':') + 1));
}

export function masterServing(client: RedisClusterClient, slot: number): NodeHealth | undefined {
  return client.health().nodes.find((n) => n.role === 'master' && n.slots.some(([a, b]) => a <= slot && slot <= b));
}

/** Waits until the client routes `slot` to a master other than `old` (a replica was promoted and learned). */
export async function waitForNewMaster(
  client: RedisClusterClient,
  slot: number,
  old: string,
  timeoutMs = 20000,
): Promise<NodeHealth | undefined> {
  return waitFor(
    () => masterServing(client, slot),
    (m) => m !== undefined && m.address !== old,
    timeoutMs,
    20,
  );
}

/** `cmdstat_<name>:calls=N` from INFO commandstats, 0 when the command never ran there. */
export async function commandCalls(cluster: PrivateCluster, port: number, name: string): Promise<number> {
  const info = await cluster.cli(port, 'INFO', 'commandstats');
  const match = new RegExp(`cmdstat_${name}:calls=(\\d+)`).exec(info);
  return match ? Number(match[1]) : 0;
}
