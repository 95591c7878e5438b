/** The three subscription families, each with its own commands and message frames. */
export interface SubscriptionKind {
  subscribe: 'SUBSCRIBE' | 'PSUBSCRIBE' | 'SSUBSCRIBE';
  unsubscribe: 'UNSUBSCRIBE' | 'PUNSUBSCRIBE' | 'SUNSUBSCRIBE';
  /** The push frame that carries a message: [kind, channel, payload] or [kind, pattern, channel, payload]. */
  message: 'message' | 'pmessage' | 'smessage';
}

export const CHANNELS: SubscriptionKind = { subscribe: 'SUBSCRIBE', unsubscribe: 'UNSUBSCRIBE', message: 'message' };
export const PATTERNS: SubscriptionKind = { subscribe: 'PSUBSCRIBE', unsubscribe: 'PUNSUBSCRIBE', message: 'pmessage' };
export const SHARDED: SubscriptionKind = { subscribe: 'SSUBSCRIBE', unsubscribe: 'SUNSUBSCRIBE', message: 'smessage' };

/** `(message, channel)`; pattern subscriptions also get the pattern that matched. */
export type MessageListener = (message: string, channel: string, pattern?: string) => void;

/** A listener subscribed with `{ buffers: true }`: the bytes exactly as published, channel and pattern included. */
export type BufferMessageListener = (message: Buffer, channel: Buffer, pattern?: Buffer) => void;

/** Either kind of listener, as unsubscribe() takes it. */
export type AnyMessageListener = MessageListener | BufferMessageListener;

/** A listener as subscribed: with whether it wants Buffers. */
export interface Subscriber {
  listener: AnyMessageListener;
  buffers: boolean;
}

/** Per subscribe() call. */
export interface SubscribeOptions {
  /** The listener gets message, channel and pattern as Buffers, byte for byte; otherwise as UTF-8 strings. @default false */
  buffers?: boolean;
}

/** Options that keep a listener on strings: what subscribe() assumes when given none. */
export interface Utf8 extends SubscribeOptions {
  buffers?: false;
}

/**
 * The listener a subscribe() call takes, from its options: Buffers with `{ buffers: true }`, strings
 * with none or `buffers` false, either when `buffers` is a boolean known only at run time.
 */
export type ListenerFor<O extends SubscribeOptions> = O extends { buffers: true }
  ? BufferMessageListener
  : O extends Utf8
    ? MessageListener
    : (message: string | Buffer, channel: string | Buffer, pattern?: string | Buffer) => void;
