import { RedisClusterError } from './redis-cluster-error';

/**
 * A command was bound to an address that is neither a node of the current topology nor a seed
 * (a `nodes()` handle whose node has since left the cluster). The client never dials such an address.
 */
export class UnknownNodeError extends RedisClusterError {
  override readonly name = 'UnknownNodeError';

  constructor(readonly address: string) {
    super('ERR_UNKNOWN_NODE', `${address} is not a node of the current cluster topology nor a seed: not dialled`);
  }
}
