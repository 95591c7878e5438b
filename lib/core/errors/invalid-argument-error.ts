import { RedisClusterError } from './redis-cluster-error';

/**
 * A command argument the client cannot send: not a string, Buffer, finite number or bigint. Raised
 * when the command is created, so it fails that command alone, before anything is queued.
 */
export class InvalidArgumentError extends RedisClusterError {
  override readonly name = 'InvalidArgumentError';

  constructor(
    /** The command's name as given (upper case), or '' when even that is missing. */
    readonly command: string,
    /** The argument's index in the argv, the command name being 0. */
    readonly position: number,
    message: string,
  ) {
    super('ERR_INVALID_ARGUMENT', message);
  }
}
