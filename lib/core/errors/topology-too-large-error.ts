import { RedisClusterError } from './redis-cluster-error';

/**
 * A node reported a topology beyond what a Redis Cluster can be (at most 1,000 nodes; at most
 * 16,384 slot ranges). Refused before any pool or heartbeat exists for it: a hostile or broken node
 * must not make the client open thousands of sockets. A reload keeps the previous topology.
 */
export class TopologyTooLargeError extends RedisClusterError {
  override readonly name = 'TopologyTooLargeError';

  constructor(
    readonly what: 'nodes' | 'slot ranges',
    readonly count: number,
    readonly limit: number,
  ) {
    super('ERR_TOPOLOGY_TOO_LARGE', `cluster topology lists at least ${count} ${what}; at most ${limit} are accepted`);
  }
}
