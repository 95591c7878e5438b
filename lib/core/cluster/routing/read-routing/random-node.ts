import type { ClusterNode } from '../../topology/topology';
import { type ReadRouter, usableReplicas } from './read-router';

/** routeRandomly: any healthy node of the slot, master included (go-redis slotRandomNode). */
export const randomNode: ReadRouter = {
  pick(shard, health) {
    const candidates: ClusterNode[] = usableReplicas(shard, health);
    if (health.isUsable(shard.master.address) || candidates.length === 0) candidates.push(shard.master);
    return candidates[Math.floor(Math.random() * candidates.length)];
  },
};
