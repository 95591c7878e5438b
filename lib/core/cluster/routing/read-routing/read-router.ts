import type { NodeHealthView } from '../../health/node-health-view';
import type { ClusterNode, Shard } from '../../topology/topology';

export type { NodeHealthView } from '../../health/node-health-view';

/** Chooses the node of a shard that serves a read-only command. Writes always go to the master. */
export interface ReadRouter {
  pick(shard: Shard, health: NodeHealthView): ClusterNode;
}

/**
 * Replicas that may serve reads: not failed in the cluster's eyes, and answering our heartbeat.
 * CLUSTER SHARDS's `loading` is not trusted: Redis 7.0 reports it for any replica whose replication
 * offset is still 0 (a cluster that has seen no write yet). A replica that really is loading answers
 * -LOADING, and the router then skips it for a while.
 */
export function usableReplicas(shard: Shard, health: NodeHealthView): ClusterNode[] {
  return shard.replicas.filter((r) => r.health !== 'failed' && r.health !== 'fail' && health.isUsable(r.address));
}
