import { type ReadRouter, usableReplicas } from './read-router';

/** readOnly: a random healthy replica, else the master (go-redis slotSlaveNode). */
export const replicaPreferred: ReadRouter = {
  pick(shard, health) {
    const replicas = usableReplicas(shard, health);
    if (replicas.length === 0) return shard.master;
    return replicas.length === 1 ? replicas[0] : replicas[Math.floor(Math.random() * replicas.length)];
  },
};
