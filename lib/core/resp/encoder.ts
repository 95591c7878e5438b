import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { RespArg } from './types';

/**
 * Encodes a command as a RESP array of bulk strings, and is the one place arguments are checked:
 * a string, Buffer, finite number or bigint is sent; anything else (undefined, null, NaN, booleans,
 * objects, Symbols ...) throws InvalidArgumentError naming the command and the argument's position.
 * Commands are encoded once, when they are created, so the throw reaches the caller's own promise.
 *
 * Returns one string when every argument is text or a number (the socket encodes it as UTF-8 in one
 * write, and V8 builds it as a rope with no intermediate copies), and one Buffer as soon as an
 * argument is binary, because a Buffer cannot be spliced into a JS string without corrupting it.
 */
export function encodeCommand(args: readonly RespArg[]): string | Buffer {
  const count = args.length;
  // Redis silently skips `*0\r\n` and never replies, so the caller would wait forever.
  if (count === 0) throw emptyCommand();
  let out = count < ARRAY_HEADERS.length ? ARRAY_HEADERS[count] : `*${count}\r\n`;
  for (let i = 0; i < count; i++) {
    const arg = args[i];
    if (typeof arg === 'string') {
      // Appended piece by piece onto `out` (a left-leaning rope, which V8 flattens in one pass).
      out = out + bulkHeader(byteLength(arg)) + arg + '\r\n';
    } else if (typeof arg === 'number' || typeof arg === 'bigint') {
      const text = numberText(args, i);
      out = out + bulkHeader(text.length) + text + '\r\n';
    } else if (Buffer.isBuffer(arg)) {
      return encodeWithBuffers(args);
    } else {
      throw invalidArgument(args, i);
    }
  }
  return out;
}

/**
 * The same check as encodeCommand without building the bytes: for the paths that must look at keys
 * (hash slots, cross-slot splits, transactions) before the command itself is created.
 */
export function checkArguments(args: readonly RespArg[]): void {
  if (args.length === 0) throw emptyCommand();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (typeof arg === 'string' || typeof arg === 'bigint' || (typeof arg === 'number' && Number.isFinite(arg))) continue;
    if (!Buffer.isBuffer(arg)) throw invalidArgument(args, i);
  }
}

/** Sizes the whole command first so it is written into a single allocation. */
function encodeWithBuffers(args: readonly RespArg[]): Buffer {
  const count = args.length;
  let size = 3 + decimalLength(count);
  for (let i = 0; i < count; i++) {
    const arg = args[i];
    const n = Buffer.isBuffer(arg) ? arg.length : typeof arg === 'string' ? byteLength(arg) : numberText(args, i).length;
    size += 5 + decimalLength(n) + n;
  }
  const out = Buffer.allocUnsafe(size);
  let at = out.write(`*${count}\r\n`, 0, 'latin1');
  for (let i = 0; i < count; i++) {
    const arg = args[i];
    if (Buffer.isBuffer(arg)) {
      at += out.write(`$${arg.length}\r\n`, at, 'latin1');
      at += arg.copy(out, at);
    } else {
      const text = typeof arg === 'string' ? arg : numberText(args, i);
      at += out.write(`$${byteLength(text)}\r\n`, at, 'latin1');
      at += out.write(text, at, 'utf8');
    }
    at += out.write('\r\n', at, 'latin1');
  }
  // allocUnsafe memory holds old heap bytes: a sizing bug must never put them on the wire.
  if (at !== size) throw new Error(`encodeCommand sized ${size} bytes but wrote ${at}`);
  return out;
}

/** `*N\r\n` and `$N\r\n` for the common small N, made once: no number formatting per argument. */
const ARRAY_HEADERS = Array.from({ length: 16 }, (_, n) => `*${n}\r\n`);
const BULK_HEADERS = Array.from({ length: 1024 }, (_, n) => `$${n}\r\n`);

function bulkHeader(n: number): string {
  return n < BULK_HEADERS.length ? BULK_HEADERS[n] : `$${n}\r\n`;
}

/** Most arguments are short ASCII keys; scanning them in JS is cheaper than the native UTF-8 count. */
function byteLength(s: string): number {
  const n = s.length;
  if (n > 32) return Buffer.byteLength(s, 'utf8');
  for (let i = 0; i < n; i++) {
    if (s.charCodeAt(i) > 0x7f) return Buffer.byteLength(s, 'utf8');
  }
  return n;
}

function numberText(args: readonly RespArg[], index: number): string {
  const arg = args[index];
  if (typeof arg === 'bigint') return arg.toString();
  // NaN and the infinities would go out as "NaN"/"Infinity", which Redis reads as text, not a number.
  if (typeof arg !== 'number' || !Number.isFinite(arg)) throw invalidArgument(args, index);
  return decimalText(arg);
}

/** The text a finite number is sent as; the slot of a numeric key is hashed from the same text. */
export function decimalText(n: number | bigint): string {
  // String(1e21) is "1e+21", which Redis rejects as an integer; BigInt gives the exact digits.
  if (typeof n === 'bigint') return n.toString();
  return Number.isInteger(n) && Math.abs(n) >= 1e21 ? BigInt(n).toString() : String(n);
}

function decimalLength(n: number): number {
  return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : String(n).length;
}

function emptyCommand(): InvalidArgumentError {
  return new InvalidArgumentError('', 0, 'a command needs at least one argument');
}

function invalidArgument(args: readonly RespArg[], index: number): InvalidArgumentError {
  const command = commandName(args[0]);
  const subject = command === '' ? `argument ${index}` : `${command} argument ${index}`;
  return new InvalidArgumentError(
    command,
    index,
    `${subject} is ${describe(args[index])}; expected a string, Buffer, finite number or bigint`,
  );
}

/** Never calls the value's own methods: a hostile toString() must not throw from here. */
function commandName(head: unknown): string {
  const name = typeof head === 'string' ? head : Buffer.isBuffer(head) ? head.toString('latin1') : '';
  return (name.length > 40 ? `${name.slice(0, 40)}…` : name).toUpperCase();
}

function describe(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'number':
      return String(value);
    case 'boolean':
      return `a boolean (${value})`;
    case 'symbol':
      return 'a Symbol';
    case 'function':
      return 'a function';
    case 'object':
      return value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object';
    default:
      return typeof value;
  }
}
