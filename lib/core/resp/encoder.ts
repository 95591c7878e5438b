import type { RespArg } from './types';

/**
 * Encodes a command as a RESP array of bulk strings.
 * Returns one string when every argument is text or a number (the socket encodes it as UTF-8 in one
 * write, and V8 builds it as a rope with no intermediate copies), and one Buffer as soon as an
 * argument is binary, because a Buffer cannot be spliced into a JS string without corrupting it.
 */
export function encodeCommand(args: readonly RespArg[]): string | Buffer {
  const count = args.length;
  // Redis silently skips `*0\r\n` and never replies, so the caller would wait forever.
  if (count === 0) throw new RangeError('a command needs at least one argument');
  let out = `*${count}\r\n`;
  for (let i = 0; i < count; i++) {
    const arg = args[i];
    if (typeof arg === 'string') {
      out += `$${byteLength(arg)}\r\n${arg}\r\n`;
    } else if (typeof arg === 'number' || typeof arg === 'bigint') {
      const text = numberText(arg, i);
      out += `$${text.length}\r\n${text}\r\n`;
    } else if (Buffer.isBuffer(arg)) {
      return encodeWithBuffers(args);
    } else {
      throw invalidArgument(arg, i);
    }
  }
  return out;
}

/** Sizes the whole command first so it is written into a single allocation. */
function encodeWithBuffers(args: readonly RespArg[]): Buffer {
  const count = args.length;
  let size = 3 + decimalLength(count);
  for (let i = 0; i < count; i++) {
    const arg = args[i];
    const n = Buffer.isBuffer(arg) ? arg.length : typeof arg === 'string' ? byteLength(arg) : numberText(arg, i).length;
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
      const text = typeof arg === 'string' ? arg : numberText(arg, i);
      at += out.write(`$${byteLength(text)}\r\n`, at, 'latin1');
      at += out.write(text, at, 'utf8');
    }
    at += out.write('\r\n', at, 'latin1');
  }
  // allocUnsafe memory holds old heap bytes: a sizing bug must never put them on the wire.
  if (at !== size) throw new Error(`encodeCommand sized ${size} bytes but wrote ${at}`);
  return out;
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

function numberText(arg: RespArg, index: number): string {
  if (typeof arg === 'bigint') return arg.toString();
  if (typeof arg !== 'number') throw invalidArgument(arg, index);
  if (!Number.isFinite(arg)) {
    throw new RangeError(`argument ${index} is ${arg}: numbers are sent as decimal text and must be finite`);
  }
  // String(1e21) is "1e+21", which Redis rejects as an integer; BigInt gives the exact digits.
  return Number.isInteger(arg) && Math.abs(arg) >= 1e21 ? BigInt(arg).toString() : String(arg);
}

function decimalLength(n: number): number {
  return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : String(n).length;
}

function invalidArgument(arg: unknown, index: number): TypeError {
  const what = arg === null ? 'null' : Array.isArray(arg) ? 'an array' : typeof arg;
  return new TypeError(`argument ${index} is ${what}; expected a string, number, bigint or Buffer`);
}
