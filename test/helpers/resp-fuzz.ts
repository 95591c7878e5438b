import { ProtocolError } from '../../lib/core/errors/protocol-error';
import { ReplyError } from '../../lib/core/errors/reply-error';
import { RespDecoder } from '../../lib/core/resp/decoder';
import type { DecoderLimits, RespValue } from '../../lib/core/resp/types';

/**
 * Deterministic decoder fuzzing, shared by the unit suite and bench/fuzz-decoder.ts.
 * No jest here: the bench compiles this with plain tsc.
 */
export type Outcome = 'decoded' | 'waiting' | 'protocol-error';
export type Rand = () => number;

/** Small limits so that inputs of a few dozen bytes reach every bound. */
export const FUZZ_LIMITS: DecoderLimits = {
  maxBulkLength: 200,
  maxAggregateLength: 12,
  maxDepth: 6,
  maxLineLength: 80,
  aggregateAllowance: 6,
  minBytesPerAggregate: 5,
};

// Bound once: under Jest, code runs in a vm context where every global lookup (Math.imul) is slow.
const imul = Math.imul;

/** mulberry32: a tiny seeded PRNG, so a failing input can be reproduced from its seed and index. */
export function seeded(seed: number): Rand {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Below 2^31, so `| 0` truncates like Math.floor without the global lookup. */
const int = (rand: Rand, below: number): number => (rand() * below) | 0;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[int(rand, items.length)];
const repeat = (count: number, make: () => string): string => {
  let out = '';
  for (let i = 0; i < count; i++) out += make();
  return out;
};

const TEXTS = ['', 'OK', 'PONG', 'a', 'héllo', '😀', 'a\r\nb', '\r', '\n', 'x'.repeat(70), 'MOVED 1 127.0.0.1:7000', 'ERR no'];
const NUMBERS = ['0', '-1', '42', '+7', '9007199254740992', '9223372036854775807', '-9223372036854775808', '00012'];
const DOUBLES = ['1.5', '-0.25', '10', '1e10', '2.5E-3', 'inf', '-inf', 'nan', '+1'];
const TYPE_BYTES = '+-:$=!*~%>|_#,(';
const SPICE = ['\r', '\n', '\r\n', '-', '-1', '0', '9', '99999999999999999', ...TYPE_BYTES];

/** One valid RESP value; pushes only at top level, as servers send them. */
export function randomFrame(rand: Rand, depth = 0): string {
  const aggregate = depth < 4 && rand() < 0.35;
  if (aggregate) {
    const n = int(rand, 4);
    const items = (count: number) => repeat(count, () => randomFrame(rand, depth + 1));
    switch (int(rand, depth === 0 ? 6 : 5)) {
      case 0:
        return `*${n}\r\n${items(n)}`;
      case 1:
        return `~${n}\r\n${items(n)}`;
      case 2:
        return `%${n}\r\n${items(2 * n)}`;
      case 3:
        return `|${n}\r\n${items(2 * n)}${randomFrame(rand, depth + 1)}`;
      case 4:
        return pick(rand, ['*-1\r\n', '*0\r\n', '%0\r\n']);
      default:
        return `>${n}\r\n${items(n)}`;
    }
  }
  const text = pick(rand, TEXTS);
  const line = text.replace(/[\r\n]/g, ' ');
  switch (int(rand, 12)) {
    case 0:
      return `+${line}\r\n`;
    case 1:
      return `-${line}\r\n`;
    case 2:
      return `:${pick(rand, NUMBERS)}\r\n`;
    case 3:
      return `$${Buffer.byteLength(text)}\r\n${text}\r\n`;
    case 4:
      return '$-1\r\n';
    case 5:
      return `=${Buffer.byteLength(text) + 4}\r\ntxt:${text}\r\n`;
    case 6:
      return `!${Buffer.byteLength(text)}\r\n${text}\r\n`;
    case 7:
      return `,${pick(rand, DOUBLES)}\r\n`;
    case 8:
      return `(${pick(rand, NUMBERS)}${int(rand, 1e9)}\r\n`;
    case 9:
      return pick(rand, ['#t\r\n', '#f\r\n', '_\r\n']);
    default:
      return `$${Buffer.byteLength(text)}\r\n${text}\r\n`;
  }
}

/** Valid, truncated, mutated or random bytes: the mix that reaches both the happy paths and every check. */
export function randomInput(rand: Rand): Buffer {
  const valid = () => Buffer.from(repeat(1 + int(rand, 3), () => randomFrame(rand)));
  const roll = rand();
  if (roll < 0.2) return valid();
  if (roll < 0.4) {
    const bytes = valid();
    return bytes.subarray(0, int(rand, bytes.length));
  }
  if (roll < 0.85) {
    let bytes: Buffer = valid();
    for (let i = 1 + int(rand, 3); i > 0; i--) bytes = mutate(rand, bytes);
    return bytes;
  }
  const length = 1 + int(rand, 48);
  if (roll < 0.93) return Buffer.from(repeat(length, () => pick(rand, SPICE)));
  const bytes = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) bytes[i] = int(rand, 256);
  return bytes;
}

function mutate(rand: Rand, bytes: Buffer): Buffer {
  const at = int(rand, bytes.length + 1);
  const spice = Buffer.from(pick(rand, SPICE));
  switch (int(rand, 5)) {
    case 0:
      return Buffer.concat([bytes.subarray(0, at), spice, bytes.subarray(at)]);
    case 1:
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + int(rand, 3))]);
    case 2: {
      const copy = Buffer.from(bytes);
      if (at < copy.length) copy[at] = int(rand, 256);
      return copy;
    }
    case 3:
      return Buffer.concat([bytes.subarray(0, at), spice, bytes.subarray(at + 1)]);
    default:
      return Buffer.concat([bytes, bytes.subarray(at)]);
  }
}

export interface FuzzResult {
  outcome: Outcome;
  /** Everything the handlers saw and the error, in a canonical text form, to compare two runs. */
  trace: string;
}

/**
 * Decodes `input` fed in the given pieces. Returns the outcome; any exception other than a
 * ProtocolError propagates, because that is exactly what the fuzzing hunts for. `reuse`: each piece
 * is fed from one scratch buffer scribbled over after the feed, as a socket's shared read buffer is.
 */
export function decodePieces(pieces: Buffer[], limits: Partial<DecoderLimits>, buffers: boolean, reuse = false): FuzzResult {
  const seen: string[] = [];
  const decoder = new RespDecoder(
    {
      onReply: (value) => seen.push(canonical(value)),
      onPush: (value) => seen.push(`>${canonical(value)}`),
      returnBuffers: () => buffers,
    },
    limits,
  );
  const scratch = reuse ? Buffer.alloc(pieces.reduce((most, piece) => Math.max(most, piece.length), 1)) : undefined;
  try {
    for (const piece of pieces) {
      if (scratch === undefined) {
        decoder.feed(piece);
        continue;
      }
      piece.copy(scratch);
      try {
        decoder.feed(scratch.subarray(0, piece.length), true);
      } finally {
        scratch.fill(0x2a);
      }
    }
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    return { outcome: 'protocol-error', trace: `${seen.join(' ')} !${error.message}` };
  }
  return { outcome: seen.length > 0 ? 'decoded' : 'waiting', trace: seen.join(' ') };
}

/** Cuts `input` at random points: from one chunk to one per byte. */
export function randomPieces(rand: Rand, input: Buffer): Buffer[] {
  const pieces: Buffer[] = [];
  for (let at = 0; at < input.length;) {
    const size = rand() < 0.3 ? 1 : 1 + int(rand, input.length);
    pieces.push(input.subarray(at, at + size));
    at += size;
  }
  return pieces;
}

function canonical(value: RespValue): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Buffer.isBuffer(value)) return `<${value.toString('hex')}>`;
  if (value instanceof ReplyError) return `${value.name}(${value.code}:${JSON.stringify(value.message)})`;
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
    .join(',')}}`;
}
