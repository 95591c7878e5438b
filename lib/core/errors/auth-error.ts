import { RedisClusterError } from './redis-cluster-error';

/**
 * The node refused our credentials (WRONGPASS, NOAUTH, NOPERM on HELLO/AUTH).
 * Never retried: the same password will be refused again, and retrying could lock an ACL user out.
 */
export class AuthError extends RedisClusterError {
  override readonly name = 'AuthError';

  constructor(
    message: string,
    readonly address: string,
    cause?: unknown,
  ) {
    super('ERR_AUTH', message, { cause });
  }
}
