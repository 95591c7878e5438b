import type { ClusterNode, Shard } from '../topology';

/** What read routing may know about nodes: the heartbeat's view, no I/O. */
export interface NodeHealthView {
  /** Not down, not loading, not recently failing. */
  isUsable(address: string): boolean;
  /** Smoothed heartbeat latency in ms; Infinity before the first answer. */
  latency(address: string): number;
}

/** Chooses the node of a shard that serves a read-only command. Writes always go to the master. */
export interface ReadRouter {
  pick(shard: Shard, health: NodeHealthView): ClusterNode;
}

export function usableReplicas(shard: Shard, health: NodeHealthView): ClusterNode[] {
  return shard.replicas.filter((r) => r.health === 'online' && health.isUsable(r.address));
}
