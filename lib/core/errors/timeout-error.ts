import { ConnectionError } from './connection-error';

export type TimeoutKind = 'dial' | 'read' | 'write';

/** A dial, read or write deadline passed; the connection is destroyed because its reply stream is no longer trustworthy. */
export class TimeoutError extends ConnectionError {
  override readonly name = 'TimeoutError';

  constructor(
    readonly kind: TimeoutKind,
    address: string,
    readonly timeoutMs: number,
    written = false,
  ) {
    super(`${kind} timeout after ${timeoutMs} ms on ${address}`, address, written, {
      code: `ERR_${kind.toUpperCase()}_TIMEOUT`,
    });
  }
}
