import { ProtocolError } from '../../lib/core/errors/protocol-error';
import { RespDecoder } from '../../lib/core/resp/decoder';
import type { DecoderLimits, RespValue } from '../../lib/core/resp/types';

export interface Decoded {
  replies: RespValue[];
  pushes: RespValue[][];
  /** How many times the decoder asked returnBuffers(): once per top-level reply. */
  asked: number;
}

export interface DecodeOptions {
  /** The answer to returnBuffers(), or one answer per reply in order. */
  buffers?: boolean | boolean[];
  limits?: Partial<DecoderLimits>;
  /**
   * Feed every piece through one reused scratch buffer, as a plain TCP socket's shared read buffer
   * does, scribbling over it after each feed: anything the decoder kept without copying is corrupted.
   */
  reuse?: boolean;
}

/** One chunk, one chunk per byte, or two chunks cut before the byte at that index. */
export type Split = 'whole' | 'bytes' | number;

function splits(length: number): Split[] {
  const all: Split[] = ['whole', 'bytes'];
  for (let at = 1; at < length; at++) all.push(at);
  return all;
}

/** Feeds `input` cut as `split` says and collects what the handlers saw. */
export function decodeAs(input: string | Buffer, split: Split, options: DecodeOptions = {}): Decoded {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  const out: Decoded = { replies: [], pushes: [], asked: 0 };
  const decoder = new RespDecoder(
    {
      onReply: (value) => out.replies.push(value),
      onPush: (value) => out.pushes.push(value),
      returnBuffers: () => {
        const answer = Array.isArray(options.buffers) ? options.buffers[out.asked] : options.buffers;
        out.asked++;
        return answer ?? false;
      },
    },
    options.limits,
  );
  if (!options.reuse) {
    for (const piece of cut(bytes, split)) decoder.feed(piece);
    return out;
  }
  const scratch = Buffer.alloc(Math.max(1, bytes.length));
  for (const piece of cut(bytes, split)) {
    piece.copy(scratch);
    try {
      decoder.feed(scratch.subarray(0, piece.length), true);
    } finally {
      scratch.fill(0x2a);
    }
  }
  return out;
}

/**
 * Decodes `input` as one chunk, byte by byte, and cut in two at every position; all must agree.
 * Returns what the single chunk gave.
 */
export function decodeEveryWay(input: string | Buffer, options: DecodeOptions = {}): Decoded {
  const whole = decodeAs(input, 'whole', options);
  for (const split of splits(Buffer.byteLength(input))) {
    if (split !== 'whole') expect(decodeAs(input, split, options)).toEqual(whole);
    expect(decodeAs(input, split, { ...options, reuse: true })).toEqual(whole);
  }
  return whole;
}

/** `input` must raise a ProtocolError matching `message` however it is cut; returns the error. */
export function expectProtocolError(input: string | Buffer, message: RegExp, limits?: Partial<DecoderLimits>): ProtocolError {
  let first: ProtocolError | undefined;
  for (const split of splits(Buffer.byteLength(input))) {
    let caught: unknown;
    try {
      decodeAs(input, split, { limits });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProtocolError);
    expect((caught as ProtocolError).message).toMatch(message);
    first ??= caught as ProtocolError;
  }
  return first as ProtocolError;
}

function* cut(bytes: Buffer, split: Split): Generator<Buffer> {
  if (split === 'whole') {
    yield bytes;
  } else if (split === 'bytes') {
    for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
  } else {
    yield bytes.subarray(0, split);
    yield bytes.subarray(split);
  }
}
