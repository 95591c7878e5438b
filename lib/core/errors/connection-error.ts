import { RedisClusterError } from './redis-cluster-error';

/**
 * The socket to a node failed or closed. `written` tells whether the command had already
 * been sent: if it had, the server may have run it, so only safe commands are repeated.
 */
export class ConnectionError extends RedisClusterError {
  override readonly name: string = 'ConnectionError';

  constructor(
    message: string,
    readonly address: string,
    readonly written = false,
    options?: { cause?: unknown; code?: string },
  ) {
    super(options?.code ?? 'ERR_CONNECTION', message, options);
  }
}
