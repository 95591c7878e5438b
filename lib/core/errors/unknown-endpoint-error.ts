import { RedisClusterError } from './redis-cluster-error';

/**
 * The cluster listed a node without any address a client may use (`?`, NULL or empty endpoint, and
 * neither a host name nor an IP). The node is left out of the topology rather than dialled at an
 * address the cluster did not give; reported on the client's `error` event, never thrown at a command.
 */
export class UnknownEndpointError extends RedisClusterError {
  override readonly name = 'UnknownEndpointError';

  constructor(
    readonly nodeId: string,
    readonly port: number,
  ) {
    super(
      'ERR_UNKNOWN_ENDPOINT',
      `cluster node ${nodeId || '(no id)'} (port ${port}) announced no usable endpoint, IP or host name: left out of the topology`,
    );
  }
}
