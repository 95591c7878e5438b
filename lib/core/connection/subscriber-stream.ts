import type { DecoderHandlers, RespValue } from '../resp/types';
import type { Command } from './command';
import { isConfirmationOf, PUBSUB_FRAMES } from './reply-routing';

/** What a subscriber socket's decoder handlers reach of their connection. */
export interface SubscriberStream {
  /** The oldest command awaiting its reply. */
  head(): Command | undefined;
  /** Completes the head command with `value`. */
  reply(value: RespValue): void;
  /** A pub/sub frame that answers no command: a message, or an unsubscribe the server made itself. */
  deliver(frame: RespValue[]): void;
  /** Decode bulk strings as Buffers? Asked as each push (RESP3) or reply (RESP2) starts. */
  wantsBuffers(): boolean;
}

/**
 * Decoder handlers of a subscriber socket. On RESP2 pub/sub frames arrive as ordinary arrays on the
 * reply stream and are sorted out here; on both protocols a frame decoded with Buffers gets its kind
 * (and a confirmation its name) back as strings, so only a message's channel and payload stay bytes.
 * Ordinary sockets never use these: their replies pay nothing for subscriber mode.
 */
export function subscriberHandlers(stream: SubscriberStream): DecoderHandlers {
  const onPush = (frame: RespValue[]): void => {
    const kind = textOf(frame[0]);
    if (kind !== undefined) frame[0] = kind;
    // Names in confirmations are the client's own strings echoed back; messages keep their bytes.
    if (kind !== undefined && !kind.endsWith('message') && Buffer.isBuffer(frame[1])) frame[1] = frame[1].toString();
    const head = stream.head();
    if (head !== undefined && head.expectPushes > 0 && isConfirmationOf(frame, head)) {
      if (--head.expectPushes === 0) stream.reply(frame);
      return;
    }
    stream.deliver(frame);
  };
  const wantsBuffers = (): boolean => stream.wantsBuffers();
  return {
    onReply: (value) => {
      if (Array.isArray(value) && PUBSUB_FRAMES.has(textOf(value[0]) ?? '')) onPush(value);
      else stream.reply(value);
    },
    onPush,
    // The socket's own commands ((un)subscribe, the handshake) read nothing of their replies' strings.
    returnBuffers: wantsBuffers,
    pushBuffers: wantsBuffers,
  };
}

function textOf(value: RespValue): string | undefined {
  if (typeof value === 'string') return value;
  return Buffer.isBuffer(value) ? value.toString() : undefined;
}
