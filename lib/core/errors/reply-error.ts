import { RedisClusterError } from './redis-cluster-error';

/**
 * An error reply from the server (`-PREFIX message`). `code` is the server's prefix
 * (ERR, WRONGTYPE, MOVED, ...), so callers can switch on it without parsing text.
 */
export class ReplyError extends RedisClusterError {
  override readonly name: string = 'ReplyError';

  constructor(code: string, message: string) {
    super(code, message);
  }
}
