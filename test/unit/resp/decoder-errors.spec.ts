import { InvalidOptionError, ProtocolError } from '../../../lib/core/errors';
import { RespDecoder } from '../../../lib/core/resp/decoder';
import type { RespValue } from '../../../lib/core/resp/types';
import { expectProtocolError } from '../../helpers/decode';

/** Every case must fail the same way whole, byte by byte, and cut in two at every position. */
describe('RespDecoder: malformed input', () => {
  it.each<[string, string, RegExp]>([
    ['unknown type byte', '?\r\n', /unknown RESP type byte 0x3f \('\?'\) at offset 0$/],
    ['unknown type byte after a reply', '+OK\r\n\x00', /unknown RESP type byte 0x00 at offset 5$/],
    ['inline command instead of a reply', 'PING\r\n', /unknown RESP type byte 0x50 \('P'\) at offset 0$/],
    ['LF without CR', '+OK\n', /expected CR before LF, got 0x4b \('K'\) at offset 2$/],
    ['LF right after the type byte', ':\n', /expected CR before LF, got 0x3a \(':'\) at offset 0$/],
    ['non-digit length', '$1x\r\n', /expected a digit in length, got 0x78 \('x'\) at offset 2$/],
    ['non-digit aggregate length', '*+1\r\n', /expected a digit in length, got 0x2b \('\+'\) at offset 1$/],
    ['empty length', '$\r\nab\r\n', /empty length at offset 1$/],
    ['negative length other than -1', '$-2\r\n', /negative length other than -1 at offset 1$/],
    ['negative aggregate length', '*-10\r\n', /negative length other than -1 at offset 1$/],
    ['null length on a map', '%-1\r\n', /null length is only valid for \$ and \* at offset 1$/],
    ['null length on a verbatim string', '=-1\r\n', /null length is only valid/],
    ['bulk missing CRLF', '$3\r\nabcXY', /bulk string of 3 bytes is not followed by CRLF at offset 7$/],
    ['bulk longer than declared', '$1\r\nab\r\n', /bulk string of 1 bytes is not followed by CRLF at offset 5$/],
    ['huge declared array length', '*99999999999999999999\r\n', /length of more than 15 digits at offset 1$/],
    ['integer with garbage', ':12a\r\n', /expected a digit in integer, got 0x61 \('a'\) at offset 3$/],
    ['integer without digits', ':-\r\n', /integer without digits at offset 2$/],
    ['integer beyond int64', ':9223372036854775808\r\n', /integer out of 64-bit range at offset 1$/],
    ['integer below int64', ':-9223372036854775809\r\n', /integer out of 64-bit range/],
    ['double garbage', ',1.2.3\r\n', /invalid double "1\.2\.3" at offset 1$/],
    ['double word', ',infinity\r\n', /invalid double "infinity"/],
    ['empty double', ',\r\n', /invalid double ""/],
    ['double with a trailing dot', ',1.\r\n', /invalid double "1\."/],
    ['big number garbage', '(12x\r\n', /expected a digit in big number, got 0x78 \('x'\) at offset 3$/],
    ['boolean other than t/f', '#x\r\n', /expected t or f in boolean, got 0x78 \('x'\) at offset 1$/],
    ['boolean too long', '#tt\r\n', /expected t or f in boolean/],
    ['null with content', '_x\r\n', /expected CRLF right after null, got 0x78 \('x'\) at offset 1$/],
    ['verbatim without format', '=3\r\ntxt\r\n', /verbatim string of 3 bytes has no format prefix at offset 1$/],
    ['verbatim without colon', '=8\r\ntxt-abcd\r\n', /expected ':' after the verbatim format, got 0x2d \('-'\) at offset 7$/],
    ['push inside a reply', '*2\r\n:1\r\n>1\r\n+a\r\n', /push frame nested inside a reply at offset 8$/],
  ])('%s', (_name, input, message) => {
    expectProtocolError(input, message);
  });

  describe('limits', () => {
    it('rejects a bulk string longer than maxBulkLength before buffering it', () => {
      expectProtocolError('$1001\r\n', /bulk length 1001 exceeds maxBulkLength 1000 at offset 1$/, { maxBulkLength: 1000 });
    });

    it('rejects an aggregate longer than maxAggregateLength, maps counted in pairs', () => {
      expectProtocolError('*11\r\n', /aggregate of 11 elements exceeds maxAggregateLength 10/, { maxAggregateLength: 10 });
      expectProtocolError('%11\r\n', /aggregate of 11 elements exceeds/, { maxAggregateLength: 10 });
      expect(() => decodeOne('%10\r\n', { maxAggregateLength: 10 })).not.toThrow();
    });

    it('rejects nesting deeper than maxDepth, and accepts exactly maxDepth', () => {
      expectProtocolError('*1\r\n*1\r\n*1\r\n*1\r\n:1\r\n', /nesting deeper than maxDepth 3 at offset 12$/, { maxDepth: 3 });
      expect(decodeOne('*1\r\n*1\r\n*1\r\n:1\r\n', { maxDepth: 3 })).toEqual([[[1]]]);
    });

    it('counts attributes as nesting too', () => {
      expectProtocolError('*1\r\n|1\r\n+a\r\n*1\r\n:1\r\n:2\r\n', /nesting deeper than maxDepth 2/, { maxDepth: 2 });
    });

    it('rejects a line longer than maxLineLength as soon as it is seen, without waiting for CRLF', () => {
      expectProtocolError(`+${'a'.repeat(11)}`, /line longer than maxLineLength 10 bytes at offset 0$/, { maxLineLength: 10 });
      expectProtocolError(`:1\r\n-${'e'.repeat(11)}\r\n`, /line longer than maxLineLength 10 bytes at offset 4$/, { maxLineLength: 10 });
      expect(decodeOne(`+${'a'.repeat(10)}\r\n`, { maxLineLength: 10 })).toBe('a'.repeat(10));
    });

    it('rejects a garbage length as soon as its bad byte arrives, not at CRLF', () => {
      const decoder = collecting();
      expect(() => decoder.feed(Buffer.from('*12'))).not.toThrow();
      expect(() => decoder.feed(Buffer.from('z'))).toThrow(/expected a digit in length, got 0x7a \('z'\) at offset 3$/);
    });

    it('refuses limits that would switch a bound off', () => {
      expect(() => new RespDecoder(handlers([]), { maxDepth: 0 })).toThrow(InvalidOptionError);
      expect(() => new RespDecoder(handlers([]), { maxBulkLength: Infinity })).toThrow(InvalidOptionError);
      expect(() => new RespDecoder(handlers([]), { maxLineLength: Number.NaN })).toThrow(InvalidOptionError);
    });
  });

  describe('after an error', () => {
    it('stays poisoned: every later feed throws the same error, and nothing more is delivered', () => {
      const seen: RespValue[] = [];
      const decoder = new RespDecoder(handlers(seen));
      let first: unknown;
      try {
        decoder.feed(Buffer.from('+OK\r\n$x\r\n+after\r\n'));
      } catch (error) {
        first = error;
      }
      expect(first).toBeInstanceOf(ProtocolError);
      expect(first).toMatchObject({ code: 'ERR_PROTOCOL', name: 'ProtocolError' });
      expect(seen).toEqual(['OK']);
      expect(() => decoder.feed(Buffer.from('+OK\r\n'))).toThrow(first as Error);
      expect(() => decoder.feed(Buffer.alloc(0))).toThrow(first as Error);
      expect(seen).toEqual(['OK']);
    });

    it('decodes a fresh stream after reset(), with offsets counted from zero again', () => {
      const seen: RespValue[] = [];
      const decoder = new RespDecoder(handlers(seen));
      expect(() => decoder.feed(Buffer.from('*2\r\n:1\r\n?'))).toThrow(/at offset 8$/);
      decoder.reset();
      decoder.feed(Buffer.from('*1\r\n+fresh\r\n'));
      expect(seen).toEqual([['fresh']]);
      expect(() => decoder.feed(Buffer.from('?'))).toThrow(/at offset 12$/);
    });

    it('forgets a half-read reply on reset()', () => {
      const seen: RespValue[] = [];
      const decoder = new RespDecoder(handlers(seen));
      decoder.feed(Buffer.from('*2\r\n$5\r\nab'));
      decoder.reset();
      decoder.feed(Buffer.from('+OK\r\n'));
      expect(seen).toEqual(['OK']);
    });
  });
});

function handlers(seen: RespValue[]) {
  return { onReply: (v: RespValue) => seen.push(v), onPush: () => undefined, returnBuffers: () => false };
}

function collecting(limits?: ConstructorParameters<typeof RespDecoder>[1]): RespDecoder {
  return new RespDecoder(handlers([]), limits);
}

function decodeOne(input: string, limits: ConstructorParameters<typeof RespDecoder>[1]): RespValue {
  const seen: RespValue[] = [];
  new RespDecoder(handlers(seen), limits).feed(Buffer.from(input));
  return seen[0];
}
