import { RedisClusterError } from './redis-cluster-error';

/**
 * The `credentialsProvider` rejected, threw, returned something that is not credentials, or did not
 * answer within dialTimeout; the dial it blocked fails with this, the cause kept. Like AuthError it
 * is final for the retry policy: the provider knows nothing about nodes, so a retry on another node
 * would only call it again, once per command per retry, a storm on a token service that is already
 * failing. The next new connection asks the provider afresh.
 */
export class CredentialsError extends RedisClusterError {
  override readonly name = 'CredentialsError';

  constructor(
    message: string,
    readonly address: string,
    cause?: unknown,
  ) {
    super('ERR_CREDENTIALS', message, { cause });
  }
}
