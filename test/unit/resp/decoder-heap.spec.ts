import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ProtocolError } from '../../../lib/core/errors/protocol-error';
import { RespDecoder } from '../../../lib/core/resp/decoder';
import { DEFAULT_DECODER_LIMITS, type RespValue } from '../../../lib/core/resp/types';
import { decodeEveryWay, expectProtocolError } from '../../helpers/decode';

/**
 * An aggregate is a heap object even when empty: 4 bytes of `%0\r\n` became ~64 bytes of heap, and
 * 8 MB of them 135 MB. The decoder refuses a reply that opens more aggregates than its bytes can
 * back (beyond an allowance), so heap stays proportionate to what was received.
 */
const MB = 1024 * 1024;
const CHUNK = 64 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Fed {
  reply: RespValue | undefined;
  error: unknown;
  /** Most heap above the starting point seen after any chunk, in MB (garbage included: an upper bound). */
  peakMb: number;
  /** Heap above the starting point once decoding is over and garbage collected, the reply still held. */
  retainedMb: number;
}

/** Feeds `input` in socket-sized chunks, sampling heapUsed after each. */
function feed(input: Buffer): Fed {
  gc();
  const before = process.memoryUsage().heapUsed;
  const fed: Fed = { reply: undefined, error: undefined, peakMb: 0, retainedMb: 0 };
  const decoder = new RespDecoder({ onReply: (v) => (fed.reply = v), onPush: () => undefined, returnBuffers: () => false });
  try {
    for (let at = 0; at < input.length; at += CHUNK) {
      decoder.feed(input.subarray(at, at + CHUNK));
      fed.peakMb = Math.max(fed.peakMb, (process.memoryUsage().heapUsed - before) / MB);
    }
  } catch (error) {
    fed.error = error;
  }
  gc();
  fed.retainedMb = (process.memoryUsage().heapUsed - before) / MB;
  return fed;
}

/** `*count` followed by `unit` repeated until the input is `bytes` long. */
function flood(unit: string, perElement: number, bytes: number): Buffer {
  const units = Math.floor(bytes / unit.length);
  return Buffer.concat([Buffer.from(`*${units * perElement}\r\n`), Buffer.from(unit.repeat(units))]);
}

describe('heap per reply is bounded by the bytes received', () => {
  it.each([
    ['empty maps', '%0\r\n', 1],
    ['maps nesting an empty map under an empty-map key', '%1\r\n%0\r\n%0\r\n', 1],
    ['arrays nesting arrays down to an empty one', '*1\r\n*1\r\n*0\r\n', 1],
  ])('8 MB of %s: ProtocolError, and under 32 MB of heap on the way (135 MB before)', (_, unit, perElement) => {
    const input = flood(unit, perElement, 8 * MB);
    const fed = feed(input);
    expect(fed.error).toBeInstanceOf(ProtocolError);
    expect((fed.error as ProtocolError).message).toMatch(/aggregates in \d+ bytes.*minBytesPerAggregate/);
    expect(fed.peakMb).toBeLessThan(32);
  });

  it('the worst the bound lets through (an empty map per 13 bytes) holds under 64 MB for 8 MB', () => {
    // Measured: ~57 MB held, about half of it the 2.5M slots of the outer array, which nulls alone would cost.
    const fed = feed(flood('%0\r\n_\r\n_\r\n_\r\n', 4, 8 * MB));
    expect(fed.error).toBeUndefined();
    expect(Array.isArray(fed.reply)).toBe(true);
    expect(fed.retainedMb).toBeLessThan(64);
  });

  it('a 1,000,000-element MGET reply decodes', () => {
    const fed = feed(flood('$10\r\nvalue-1234\r\n', 1, 17 * 1_000_000));
    expect(fed.error).toBeUndefined();
    expect((fed.reply as RespValue[]).length).toBe(1_000_000);
    expect((fed.reply as RespValue[])[999_999]).toBe('value-1234');
  });

  it('a RESP3 ZRANGE WITHSCORES of 300,000 one-byte members decodes (an aggregate per 15 bytes)', () => {
    const fed = feed(flood('*2\r\n$1\r\na\r\n,1\r\n', 1, 15 * 300_000));
    expect(fed.error).toBeUndefined();
    expect((fed.reply as RespValue[]).length).toBe(300_000);
    expect((fed.reply as RespValue[])[0]).toEqual(['a', 1]);
  });

  it('an EXEC of 60,000 empty results decodes: the allowance covers replies of few bytes', () => {
    expect(60_000).toBeLessThan(DEFAULT_DECODER_LIMITS.aggregateAllowance);
    const fed = feed(flood('*0\r\n', 1, 4 * 60_000));
    expect(fed.error).toBeUndefined();
    expect((fed.reply as RespValue[]).length).toBe(60_000);
  });

  it('is checked the same however the input is cut, counting nested and empty aggregates', () => {
    const limits = { aggregateAllowance: 2, minBytesPerAggregate: 8 };
    // Third aggregate at offset 8: 3 x 8 > 8 bytes received before it.
    expectProtocolError('*3\r\n*0\r\n*0\r\n*0\r\n', /reply opened 3 aggregates in 8 bytes, .* at offset 8$/, limits);
    // With 8 bytes before each aggregate, the same count passes.
    expect(decodeEveryWay('*6\r\n:1\r\n:1\r\n*0\r\n:1\r\n:1\r\n*0\r\n', { limits }).replies).toEqual([[1, 1, [], 1, 1, []]]);
  });

  it('starts counting afresh for each reply', () => {
    const limits = { aggregateAllowance: 2, minBytesPerAggregate: 8 };
    expect(decodeEveryWay('*1\r\n*0\r\n*1\r\n*0\r\n*1\r\n*0\r\n', { limits }).replies).toEqual([[[]], [[]], [[]]]);
  });
});
