import { ConnectionError } from './connection-error';

/**
 * The connection broke after a non-idempotent command was written: the server may or may not
 * have run it. Not retried, because running it twice could be wrong (INCR, LPUSH, ...).
 */
export class UnknownOutcomeError extends ConnectionError {
  override readonly name = 'UnknownOutcomeError';

  constructor(command: string, address: string, cause: unknown) {
    super(`outcome of ${command} on ${address} is unknown: the connection broke after it was sent`, address, true, {
      cause,
      code: 'ERR_UNKNOWN_OUTCOME',
    });
  }
}
