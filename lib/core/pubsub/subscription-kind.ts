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
