import { RedisClusterError } from './redis-cluster-error';

/**
 * A command that would change the state of a connection other callers share (MULTI, CLIENT REPLY,
 * SELECT, HELLO, SUBSCRIBE ...): refused before it is sent. The message names the API to use instead.
 */
export class UnsupportedCommandError extends RedisClusterError {
  override readonly name = 'UnsupportedCommandError';

  constructor(
    /** As the table names it: `MULTI`, `CLIENT REPLY`. */
    readonly command: string,
    /** What to do instead, e.g. "use client.multi()". */
    readonly instead: string,
  ) {
    super(
      'ERR_UNSUPPORTED_COMMAND',
      `${command} changes the state of a connection other callers share, so the cluster client does not send it: ${instead}`,
    );
  }
}
