import type { ClusterNode } from '../../topology/topology';
import { type ReadRouter, usableReplicas } from './read-router';

/** routeByLatency: the node of the slot (master or replica) with the lowest heartbeat latency. */
export const lowestLatency: ReadRouter = {
  pick(shard, health) {
    let best: ClusterNode = shard.master;
    let bestLatency = health.isUsable(shard.master.address) ? health.latency(shard.master.address) : Infinity;
    for (const replica of usableReplicas(shard, health)) {
      const latency = health.latency(replica.address);
      if (latency < bestLatency) {
        best = replica;
        bestLatency = latency;
      }
    }
    return best;
  },
};
