import { InvalidArgumentError } from '../../../lib/core/errors/invalid-argument-error';
import { RedisClusterError } from '../../../lib/core/errors/redis-cluster-error';
import { checkArguments, encodeCommand } from '../../../lib/core/resp/encoder';
import type { RespArg } from '../../../lib/core/resp/types';
import { decodeAs } from '../../helpers/decode';

const bulk = (text: string): string => `$${Buffer.byteLength(text)}\r\n${text}\r\n`;

describe('encodeCommand', () => {
  it('encodes text arguments as one string of bulk strings', () => {
    const encoded = encodeCommand(['SET', 'key', 'value']);
    expect(typeof encoded).toBe('string');
    expect(encoded).toBe('*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n');
  });

  it('encodes the empty string', () => {
    expect(encodeCommand(['GET', ''])).toBe('*2\r\n$3\r\nGET\r\n$0\r\n\r\n');
  });

  it.each([
    ['é', 2],
    ['héllo', 6],
    ['😀', 4],
    ['日本語', 9],
    ['a😀b', 6],
    [`${'ü'.repeat(40)}`, 80],
    [`${'x'.repeat(40)}é`, 42],
    ['\ud800', 3],
  ])('counts UTF-8 bytes, not UTF-16 units, for %j', (text, bytes) => {
    const encoded = encodeCommand(['SET', text]) as string;
    expect(encoded).toBe(`*2\r\n$3\r\nSET\r\n$${bytes}\r\n${text}\r\n`);
    // The header must match what the socket will actually write.
    expect(Buffer.byteLength(text)).toBe(bytes);
  });

  it('writes lengths and counts right on both sides of the precomputed headers (15-17 arguments, 1023-1025 bytes)', () => {
    for (const count of [1, 15, 16, 17, 40]) {
      const args = Array.from({ length: count }, (_, i) => `a${i}`);
      expect(encodeCommand(args)).toBe(`*${count}\r\n${args.map(bulk).join('')}`);
    }
    for (const size of [1023, 1024, 1025, 70_000]) {
      const value = 'v'.repeat(size);
      expect(encodeCommand(['SET', 'k', value])).toBe(`*3\r\n${bulk('SET')}${bulk('k')}$${size}\r\n${value}\r\n`);
      expect(encodeCommand(['SET', 'k', 'é'.repeat(size)])).toBe(`*3\r\n${bulk('SET')}${bulk('k')}${bulk('é'.repeat(size))}`);
    }
    expect(encodeCommand(['INCRBY', 'k', 12345])).toBe(`*3\r\n${bulk('INCRBY')}${bulk('k')}${bulk('12345')}`);
  });

  it('keeps CR and LF inside an argument as payload', () => {
    expect(encodeCommand(['SET', 'k', 'a\r\nb'])).toBe(`*3\r\n${bulk('SET')}${bulk('k')}$4\r\na\r\nb\r\n`);
  });

  it.each<[RespArg, string]>([
    [0, '0'],
    [-0, '0'],
    [42, '42'],
    [-7, '-7'],
    [1.5, '1.5'],
    [1e21, '1000000000000000000000'],
    [-2e25, '-20000000000000001811939328'],
    [9007199254740993n, '9007199254740993'],
    [-(2n ** 64n), '-18446744073709551616'],
  ])('sends the number %p as the decimal text %j', (arg, text) => {
    expect(encodeCommand(['INCRBY', 'k', arg])).toBe(`*3\r\n${bulk('INCRBY')}${bulk('k')}${bulk(text)}`);
  });

  const EXPECTED = 'expected a string, Buffer, finite number or bigint';
  const sym = Symbol('s');
  const badArguments: Array<[string, unknown, string]> = [
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['NaN', NaN, 'NaN'],
    ['Infinity', Infinity, 'Infinity'],
    ['-Infinity', -Infinity, '-Infinity'],
    ['true', true, 'a boolean (true)'],
    ['false', false, 'a boolean (false)'],
    ['an object', { a: 1 }, 'an object'],
    ['an array', ['x'], 'an array'],
    ['a Symbol', sym, 'a Symbol'],
    ['a function', () => 'x', 'a function'],
    ['a Uint8Array (not a Buffer)', new Uint8Array([1]), 'an object'],
    ['a Date', new Date(0), 'an object'],
  ];

  describe.each(badArguments)('refuses %s', (_label, value, described) => {
    it.each([1, 2, 4])('at position %i, naming the command, the position and the type', (position) => {
      const args = ['SET', 'k', 'v', 'EX', 10] as unknown[];
      args[position] = value;
      const attempt = (): unknown => encodeCommand(args as RespArg[]);
      expect(attempt).toThrow(InvalidArgumentError);
      expect(attempt).toThrow(`SET argument ${position} is ${described}; ${EXPECTED}`);
      const error = catchError(attempt) as InvalidArgumentError;
      expect(error.code).toBe('ERR_INVALID_ARGUMENT');
      expect(error.name).toBe('InvalidArgumentError');
      expect(error).toBeInstanceOf(RedisClusterError);
      expect([error.command, error.position]).toEqual(['SET', position]);
    });

    it('after a Buffer argument too (the binary encoding path)', () => {
      const args = ['HSET', Buffer.from([0xff]), 'f', value] as unknown as RespArg[];
      expect(() => encodeCommand(args)).toThrow(`HSET argument 3 is ${described}; ${EXPECTED}`);
    });

    it('in checkArguments with the same error', () => {
      const args = ['set', 'k', value] as unknown as RespArg[];
      expect(catchError(() => checkArguments(args))).toEqual(catchError(() => encodeCommand(args)));
      expect(() => checkArguments(args)).toThrow(`SET argument 2 is ${described}`);
    });
  });

  it('names the command from a Buffer, and never calls a hostile toString()', () => {
    const hostile = {
      toString: () => {
        throw new Error('boom');
      },
    };
    expect(() => encodeCommand([Buffer.from('get'), hostile] as unknown as RespArg[])).toThrow(`GET argument 1 is an object; ${EXPECTED}`);
    expect(() => encodeCommand([hostile, 'k'] as unknown as RespArg[])).toThrow(`argument 0 is an object; ${EXPECTED}`);
  });

  it('accepts every sendable type in checkArguments', () => {
    expect(() => checkArguments(['SET', Buffer.from('k'), 1.5, -0, 10n ** 30n, 1e21, ''])).not.toThrow();
  });

  it('sends bigints and 1e21 with their exact digits', () => {
    expect(encodeCommand(['SET', 'k', 10n ** 30n])).toBe(`*3\r\n${bulk('SET')}${bulk('k')}${bulk('1' + '0'.repeat(30))}`);
    expect(encodeCommand(['SET', Buffer.from('k'), 1e21])).toEqual(
      Buffer.from(`*3\r\n${bulk('SET')}${bulk('k')}${bulk('1' + '0'.repeat(21))}`),
    );
  });

  it('rejects an empty command, which Redis would silently never answer', () => {
    expect(() => encodeCommand([])).toThrow(InvalidArgumentError);
    expect(() => checkArguments([])).toThrow('a command needs at least one argument');
  });

  describe('with Buffer arguments', () => {
    it('returns one Buffer holding the exact bytes', () => {
      const binary = Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x80]);
      const encoded = encodeCommand(['SET', binary, 'héllo', 12, 3n]);
      expect(Buffer.isBuffer(encoded)).toBe(true);
      const expected = Buffer.concat([
        Buffer.from(`*5\r\n${bulk('SET')}$5\r\n`),
        binary,
        Buffer.from(`\r\n${bulk('héllo')}${bulk('12')}${bulk('3')}`),
      ]);
      expect(encoded).toEqual(expected);
    });

    it('handles a Buffer first, last, empty, and several of them', () => {
      const encoded = encodeCommand([Buffer.from('MSET'), 'a', Buffer.alloc(0), 'b', Buffer.from('😀')]);
      expect((encoded as Buffer).toString()).toBe(`*5\r\n${bulk('MSET')}${bulk('a')}${bulk('')}${bulk('b')}${bulk('😀')}`);
    });

    it('encodes a large binary value', () => {
      const big = Buffer.alloc(100_000, 0xab);
      const encoded = encodeCommand(['SET', 'k', big]) as Buffer;
      expect(encoded.length).toBe(`*3\r\n${bulk('SET')}${bulk('k')}$100000\r\n`.length + 100_000 + 2);
      expect(encoded.subarray(-4)).toEqual(Buffer.from([0xab, 0xab, 0x0d, 0x0a]));
    });
  });

  it('round-trips through the decoder', () => {
    const args: RespArg[] = ['HSET', 'h😀', 'field', 'a\r\nb', 1.25, -3n, Buffer.from('bin')];
    const { replies } = decodeAs(encodeCommand(args) as Buffer, 'bytes');
    expect(replies).toEqual([['HSET', 'h😀', 'field', 'a\r\nb', '1.25', '-3', 'bin']]);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
