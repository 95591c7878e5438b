import { ConnectionError } from '../errors/connection-error';
import { TimeoutError } from '../errors/timeout-error';
import type { RespValue } from '../resp/types';
import type { Command } from './command';

/** Frame kinds a RESP2 subscriber socket receives on its reply stream instead of push frames. */
export const PUBSUB_FRAMES: ReadonlySet<string> = new Set([
  'message',
  'pmessage',
  'smessage',
  'subscribe',
  'psubscribe',
  'ssubscribe',
  'unsubscribe',
  'punsubscribe',
  'sunsubscribe',
]);

/** `subscribe` confirms SUBSCRIBE, `sunsubscribe` confirms SUNSUBSCRIBE, and so on. */
export function isConfirmationOf(frame: RespValue[], command: Command): boolean {
  const kind = frame[0];
  return typeof kind === 'string' && kind.length === String(command.args[0]).length && kind.toUpperCase() === command.name;
}

/** The socket's own error, as what every command pending on it gets. */
export function socketFailed(address: string, error: Error): ConnectionError {
  return new ConnectionError(`connection to ${address} failed: ${error.message}`, address, true, { cause: error });
}

/** Each pending command learns whether it had left the client: the retry policy depends on it. */
export function withWritten(error: Error, written: boolean, address: string): Error {
  if (!(error instanceof ConnectionError) || error.written === written) return error;
  if (error instanceof TimeoutError) return new TimeoutError(error.kind, address, error.timeoutMs, written);
  return new ConnectionError(error.message, address, written, { cause: error.cause, code: error.code });
}
