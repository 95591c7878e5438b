/**
 * Parsers for the text of one RESP line, read straight from the socket's bytes.
 * Each validates every byte and reports the first bad one through `fail`, which never returns
 * (the decoder turns the index into a stream offset and poisons itself).
 */
import { parseReplyError } from '../errors/parse-reply-error';
import type { ReplyError } from '../errors/reply-error';
import { hasLengthLine, K } from './frame';
import type { RespValue } from './types';

export type Fail = (message: string, index: number) => never;

const CR = 0x0d;
const ZERO = 0x30;
const MINUS = 0x2d;
const PLUS = 0x2b;
/** 15 decimal digits always fit a double exactly; longer numbers take the BigInt path. */
const SAFE_DIGITS = 15;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const DOUBLE = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;

export function describeByte(byte: number | undefined): string {
  if (byte === undefined) return 'end of input';
  const hex = `0x${byte.toString(16).padStart(2, '0')}`;
  return byte >= 0x20 && byte < 0x7f ? `${hex} ('${String.fromCharCode(byte)}')` : hex;
}

/**
 * Judges what can be judged of a line before its end: its length, and for a length line, that every byte
 * can belong to a number. The first violation in byte order wins, so an error is the same whether the line
 * arrived whole or a byte at a time, and garbage fails without waiting for maxLineLength bytes.
 * `contentEnd`: where the line's content stops so far (before a trailing CR).
 */
export function checkLine(b: Buffer, kind: number, start: number, contentEnd: number, max: number, fail: Fail): void {
  const content = contentEnd - start - 1;
  if (hasLengthLine(kind) && content > 0) {
    const stop = start + 1 + (content < max ? content : max);
    // A lone '-' may still become "-1".
    if (stop !== start + 2 || b[start + 1] !== MINUS) parseLength(b, start + 1, stop, fail);
  }
  if (content > max) fail(`line longer than maxLineLength ${max} bytes`, start);
}

/** A complete line without CR before its LF, or too long: reports whichever problem comes first. */
export function badLine(b: Buffer, kind: number, start: number, lf: number, max: number, fail: Fail): never {
  const end = lf - 1;
  checkLine(b, kind, start, end > start && b[end] === CR ? end : lf, max, fail);
  return fail(`expected CR before LF, got ${describeByte(b[end])}`, end);
}

/** The value of a one-line type; `start` is its type byte, `end` the index of its CR. */
export function parseLineValue(kind: number, b: Buffer, start: number, end: number, fail: Fail): RespValue {
  switch (kind) {
    case K.Simple:
      // The most common reply of all; skip the UTF-8 decoder for it.
      return end - start === 3 && b[start + 1] === 0x4f && b[start + 2] === 0x4b ? 'OK' : b.toString('utf8', start + 1, end);
    case K.Error:
      return replyError(b.toString('utf8', start + 1, end));
    case K.Integer:
      return parseInteger(b, start + 1, end, fail);
    case K.Null:
      if (end !== start + 1) fail(`expected CRLF right after null, got ${describeByte(b[start + 1])}`, start + 1);
      return null;
    case K.Boolean: {
      const flag = b[start + 1];
      if (end !== start + 2 || (flag !== 0x74 && flag !== 0x66)) {
        fail(`expected t or f in boolean, got ${describeByte(flag)}`, start + 1);
      }
      return flag === 0x74;
    }
    case K.Double:
      return parseDouble(b, start + 1, end, fail);
    default:
      return parseBigNumber(b, start + 1, end, fail);
  }
}

/**
 * A server error reply, typed. Built without a stack trace: it would only show the decoder's internals,
 * and capturing it costs more than decoding the reply (it dominates under a MOVED storm). The connection
 * layer can attach the caller's context when it rejects the command.
 */
export function replyError(text: string): ReplyError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseReplyError(text);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** A length line: digits only, or exactly "-1" (the RESP2 null); the caller decides whether null is allowed. */
export function parseLength(b: Buffer, start: number, end: number, fail: Fail): number {
  if (start === end) fail('empty length', start);
  if (b[start] === MINUS) {
    if (end - start === 2 && b[start + 1] === ZERO + 1) return -1;
    fail('negative length other than -1', start);
  }
  let n = 0;
  for (let i = start; i < end; i++) {
    const digit = b[i] - ZERO;
    if (digit < 0 || digit > 9) fail(`expected a digit in length, got ${describeByte(b[i])}`, i);
    // In byte order, so a line fails the same way however it was cut; and n never loses precision.
    if (i - start === SAFE_DIGITS) fail(`length of more than ${SAFE_DIGITS} digits`, start);
    n = n * 10 + digit;
  }
  return n;
}

/** `:` integers are signed 64-bit: a number while exact, a bigint beyond 2^53 - 1, an error beyond int64. */
export function parseInteger(b: Buffer, start: number, end: number, fail: Fail): number | bigint {
  let i = start;
  const negative = b[i] === MINUS;
  if (negative || b[i] === PLUS) i++;
  if (i === end) fail('integer without digits', i);
  const first = i;
  let n = 0;
  for (; i < end; i++) {
    const digit = b[i] - ZERO;
    if (digit < 0 || digit > 9) fail(`expected a digit in integer, got ${describeByte(b[i])}`, i);
    n = n * 10 + digit;
  }
  // `0 - n` rather than `-n`: "-0" must decode to 0, not -0.
  if (end - first <= SAFE_DIGITS) return negative ? 0 - n : n;
  return exactInteger(b, first, end, negative, fail);
}

function exactInteger(b: Buffer, first: number, end: number, negative: boolean, fail: Fail): number | bigint {
  let significant = first;
  while (significant < end - 1 && b[significant] === ZERO) significant++;
  // Beyond 20 digits the value is out of int64 range anyway; this keeps BigInt off megabyte-long lines.
  if (end - significant > 20) fail('integer out of 64-bit range', first);
  const magnitude = BigInt(b.toString('latin1', significant, end));
  const value = negative ? -magnitude : magnitude;
  if (value < INT64_MIN || value > INT64_MAX) fail('integer out of 64-bit range', first);
  return value >= -MAX_SAFE && value <= MAX_SAFE ? Number(value) : value;
}

/** `(` big numbers: any count of digits, always a bigint. */
export function parseBigNumber(b: Buffer, start: number, end: number, fail: Fail): bigint {
  let i = start;
  const negative = b[i] === MINUS;
  if (negative || b[i] === PLUS) i++;
  if (i === end) fail('big number without digits', i);
  const first = i;
  for (; i < end; i++) {
    if (b[i] < ZERO || b[i] > ZERO + 9) fail(`expected a digit in big number, got ${describeByte(b[i])}`, i);
  }
  const magnitude = BigInt(b.toString('latin1', first, end));
  return negative ? -magnitude : magnitude;
}

/** `,` doubles: the spec's grammar plus inf/-inf/nan; "-nan" too, which older servers printed on some platforms. */
export function parseDouble(b: Buffer, start: number, end: number, fail: Fail): number {
  const text = b.toString('latin1', start, end);
  switch (text) {
    case 'inf':
    case '+inf':
      return Infinity;
    case '-inf':
      return -Infinity;
    case 'nan':
    case '-nan':
      return NaN;
  }
  if (!DOUBLE.test(text)) fail(`invalid double ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}`, start);
  return Number(text);
}
