/**
 * Base of every error this client raises. `code` is stable and safe to switch on;
 * `message` is for humans and may change between versions.
 */
export class RedisClusterError extends Error {
  override readonly name: string = 'RedisClusterError';

  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
