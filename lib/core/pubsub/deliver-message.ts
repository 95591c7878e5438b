import { RedisClusterError } from '../errors/redis-cluster-error';
import type { RespValue } from '../resp/types';
import type { BufferMessageListener, MessageListener, SubscriptionKind } from './subscription-kind';
import type { Listeners } from './subscription-table';

/** A message frame's parts as the socket decoded them: Buffers while a Buffer subscription exists, strings otherwise. */
export interface IncomingMessage {
  family: SubscriptionKind['message'];
  /** The subscribed name the frame is for (the pattern of a pmessage), as the caller's string. */
  name: string;
  message: RespValue;
  channel: RespValue;
  pattern?: RespValue;
}

/** The parts of `message`, `smessage` and `pmessage` frames; undefined for any other frame. */
export function parseMessage(frame: RespValue[]): IncomingMessage | undefined {
  const family = frame[0];
  // Names are the caller's strings; a frame decoded with Buffers finds them by its bytes read as UTF-8.
  if (family === 'message' || family === 'smessage') return { family, name: textOf(frame[1]), message: frame[2], channel: frame[1] };
  if (family === 'pmessage') return { family, name: textOf(frame[1]), message: frame[3], channel: frame[2], pattern: frame[1] };
  return undefined;
}

/**
 * Hands one message to every listener of its name: Buffer listeners the bytes as received, string
 * listeners their UTF-8 text, converted once per message. A listener that throws is reported through
 * `report` and the others still hear the message.
 */
export function deliverMessage(listeners: Listeners | undefined, incoming: IncomingMessage, report: (error: Error) => void): void {
  if (listeners === undefined) return;
  let text: [string, string, string | undefined] | undefined;
  for (const [listener, buffers] of listeners) {
    try {
      if (buffers) {
        const { message, channel, pattern } = incoming;
        // Decoded as strings: the frame started arriving before this listener's subscribe() was called,
        // and bytes rebuilt from text may not be the ones published. At-most-once allows skipping it.
        if (!Buffer.isBuffer(message) || !Buffer.isBuffer(channel)) continue;
        (listener as BufferMessageListener)(message, channel, Buffer.isBuffer(pattern) ? pattern : undefined);
      } else {
        text ??= [
          textOf(incoming.message),
          textOf(incoming.channel),
          incoming.pattern === undefined ? undefined : textOf(incoming.pattern),
        ];
        (listener as MessageListener)(text[0], text[1], text[2]);
      }
    } catch (error) {
      report(
        error instanceof Error
          ? error
          : new RedisClusterError('ERR_LISTENER', `a message listener threw ${String(error)}`, { cause: error }),
      );
    }
  }
}

/** As a string listener has always had it: the bytes read as UTF-8. */
function textOf(value: RespValue): string {
  return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
}
