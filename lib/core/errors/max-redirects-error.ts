import { RedisClusterError } from './redis-cluster-error';

/** The command was redirected or retried more times than maxRedirects / maxRetries allow. */
export class MaxRedirectsError extends RedisClusterError {
  override readonly name = 'MaxRedirectsError';

  constructor(command: string, attempts: number, cause: unknown) {
    super('ERR_MAX_REDIRECTS', `${command} gave up after ${attempts} attempts`, { cause });
  }
}
