import type { ReplyError } from '../errors/reply-error';

/** An argument of a command as the caller gives it; numbers and bigints are sent as their decimal text. */
export type RespArg = string | number | bigint | Buffer;

/**
 * A decoded reply. RESP2 and RESP3 decode to the same shapes where they mean the same thing:
 * - simple, bulk and verbatim strings: `string` (or `Buffer` when the command asked for buffers);
 *   a verbatim string loses its 3-letter format prefix;
 * - integers: `number` when safe (|n| <= 2^53 - 1), else `bigint`; RESP3 big numbers: `bigint`;
 * - doubles: `number` (inf, -inf and nan included); booleans: `boolean`;
 * - RESP2 null bulk/array and RESP3 null: `null`;
 * - arrays and sets: `RespValue[]`; maps: `RespMap` (keys as strings);
 * - an error reply nested in an aggregate (EXEC, a pipeline): a `ReplyError` value, never thrown.
 */
export type RespValue = string | number | bigint | boolean | null | Buffer | ReplyError | RespValue[] | RespMap;

export interface RespMap {
  [key: string]: RespValue;
}

export interface DecoderHandlers {
  /** A complete top-level reply, in the order the server sent it. An error reply arrives as a ReplyError value. */
  onReply(value: RespValue): void;
  /** A RESP3 push frame (`>`): pub/sub messages, invalidations. Never counted as a reply. */
  onPush(value: RespValue[]): void;
  /** Asked once when a top-level reply starts: decode its bulk strings as Buffers instead of strings? */
  returnBuffers(): boolean;
  /**
   * Asked once when a push frame starts: decode its bulk strings as Buffers? Subscriber sockets ask
   * for Buffers while a Buffer subscription exists; absent, pushes decode as strings.
   */
  pushBuffers?(): boolean;
}

/** Bounds that keep a hostile or broken peer from exhausting memory; exceeding one is a ProtocolError. */
export interface DecoderLimits {
  /** Largest bulk string accepted, in bytes. Redis's own proto-max-bulk-len default is 512 MiB. */
  maxBulkLength: number;
  /** Most elements accepted in one aggregate (array, set, map pairs, push). */
  maxAggregateLength: number;
  /** Deepest nesting accepted. */
  maxDepth: number;
  /** Longest line (simple string, error, number) accepted, in bytes. */
  maxLineLength: number;
  /** Aggregates (nested ones included, empty ones too) any one reply may hold, however few its bytes. */
  aggregateAllowance: number;
  /**
   * Beyond the allowance, the bytes of a reply received so far per aggregate it opened, at least. An
   * aggregate is a heap object of 40-200 bytes even when empty, for as little as 4 bytes of input.
   */
  minBytesPerAggregate: number;
}

export const DEFAULT_DECODER_LIMITS: DecoderLimits = {
  maxBulkLength: 512 * 1024 * 1024,
  maxAggregateLength: 64 * 1024 * 1024,
  maxDepth: 64,
  maxLineLength: 64 * 1024,
  // A reply holds 64Ki aggregates (a few MB of heap) freely; beyond that each must be backed by 12 bytes,
  // which every Redis reply meets (a ZRANGE WITHSCORES pair with an empty member is 14) and which
  // refuses 8 MB of empty maps after ~5 MB of heap (they took 135 MB); the worst it lets through, an empty
  // map per 13 bytes, holds ~57 MB for 8 MB (decoder-heap.spec.ts).
  aggregateAllowance: 64 * 1024,
  minBytesPerAggregate: 12,
};
