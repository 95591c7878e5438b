import { RedisClusterError } from './redis-cluster-error';

/** The command was redirected (MOVED/ASK) more times than maxRedirects allows. Past maxRetries, the last error is given as it came. */
export class MaxRedirectsError extends RedisClusterError {
  override readonly name = 'MaxRedirectsError';

  constructor(command: string, attempts: number, cause: unknown) {
    super('ERR_MAX_REDIRECTS', `${command} gave up after ${attempts} attempts`, { cause });
  }
}
