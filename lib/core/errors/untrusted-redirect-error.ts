import { RedisClusterError } from './redis-cluster-error';

/**
 * A MOVED or ASK named an address the cluster does not announce, even after a topology reload.
 * Nothing was dialled there: a node (or a Lua script's `redis.error_reply`) could otherwise send
 * the client, and its credentials, anywhere. `cause` is the MovedError / AskError itself.
 */
export class UntrustedRedirectError extends RedisClusterError {
  override readonly name = 'UntrustedRedirectError';

  constructor(
    readonly kind: 'MOVED' | 'ASK',
    readonly slot: number,
    readonly address: string,
    cause: unknown,
  ) {
    super('ERR_UNTRUSTED_REDIRECT', `${kind} for slot ${slot} to ${address}, which is not a node of the cluster topology: not followed`, {
      cause,
    });
  }
}
