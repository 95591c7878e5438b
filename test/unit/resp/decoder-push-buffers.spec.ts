/**
 * Push frames decoded with Buffers (binary pub/sub): the decoder asks `pushBuffers()` once as each
 * push frame starts, never for a reply, and the answer holds for the whole frame however it is cut.
 * Replies keep asking `returnBuffers()` (which is how a RESP2 subscriber socket gets Buffers).
 */
import { RespDecoder } from '../../../lib/core/resp/decoder';
import type { RespValue } from '../../../lib/core/resp/types';

/** Not valid UTF-8. */
const BINARY = Buffer.from([0xff, 0x00, 0xc3, 0x28]);
const bulk = (value: string | Buffer): Buffer =>
  Buffer.concat([Buffer.from(`$${Buffer.byteLength(value)}\r\n`), Buffer.from(value), Buffer.from('\r\n')]);
const frame = (type: '>' | '*', ...items: Array<string | Buffer>): Buffer =>
  Buffer.concat([Buffer.from(`${type}${items.length}\r\n`), ...items.map(bulk)]);

interface Seen {
  replies: RespValue[];
  pushes: RespValue[][];
  asked: { push: number; reply: number };
}

/** Every way to cut `input`: whole, byte by byte, and in two at each position. */
function cuts(input: Buffer): Buffer[][] {
  const all = [[input], [...input].map((_, i) => input.subarray(i, i + 1))];
  for (let at = 1; at < input.length; at++) all.push([input.subarray(0, at), input.subarray(at)]);
  return all;
}

/** Decodes `input` every way; `pushAnswers` are pushBuffers()'s answers in turn (undefined: no pushBuffers handler). */
function decodeEveryWay(input: Buffer, pushAnswers: boolean[] | undefined, replyBuffers = false): Seen {
  let first: Seen | undefined;
  for (const pieces of cuts(input)) {
    const seen: Seen = { replies: [], pushes: [], asked: { push: 0, reply: 0 } };
    const decoder = new RespDecoder({
      onReply: (value) => seen.replies.push(value),
      onPush: (value) => seen.pushes.push(value),
      returnBuffers: () => {
        seen.asked.reply++;
        return replyBuffers;
      },
      ...(pushAnswers && { pushBuffers: () => pushAnswers[seen.asked.push++] ?? false }),
    });
    // Copies: a piece the decoder keeps must not be a view the test could change.
    for (const piece of pieces) decoder.feed(Buffer.from(piece));
    if (first === undefined) first = seen;
    else expect(seen).toEqual(first);
  }
  return first as Seen;
}

describe('RespDecoder: push frames with Buffers', () => {
  const message = frame('>', 'message', 'chan', BINARY);

  it('decodes every bulk string of the push as a Buffer, byte for byte, when pushBuffers() says so', () => {
    const { pushes, asked } = decodeEveryWay(message, [true]);
    expect(pushes).toEqual([[Buffer.from('message'), Buffer.from('chan'), BINARY]]);
    expect(pushes[0].every((item) => Buffer.isBuffer(item))).toBe(true);
    expect(asked).toEqual({ push: 1, reply: 0 });
  });

  it('decodes strings as before when pushBuffers() says no, or is not given', () => {
    expect(decodeEveryWay(message, [false]).pushes).toEqual([['message', 'chan', BINARY.toString()]]);
    expect(decodeEveryWay(message, undefined).pushes).toEqual([['message', 'chan', BINARY.toString()]]);
  });

  it('asks once per push frame, and each frame keeps its own answer (pmessage with a nested reply between)', () => {
    const pmessage = frame('>', 'pmessage', 'p*', Buffer.from([0x70, 0xfe]), BINARY);
    const input = Buffer.concat([message, Buffer.from('+OK\r\n'), pmessage, message]);
    const { pushes, replies, asked } = decodeEveryWay(input, [true, false, true]);
    expect(pushes).toEqual([
      [Buffer.from('message'), Buffer.from('chan'), BINARY],
      ['pmessage', 'p*', Buffer.from([0x70, 0xfe]).toString(), BINARY.toString()],
      [Buffer.from('message'), Buffer.from('chan'), BINARY],
    ]);
    expect(replies).toEqual(['OK']);
    expect(asked).toEqual({ push: 3, reply: 1 });
  });

  it('a push with Buffers does not leak them into the reply after it, nor a reply with Buffers into the push', () => {
    const input = Buffer.concat([message, bulk('after'), message]);
    expect(decodeEveryWay(input, [true, true]).replies).toEqual(['after']);
    const { pushes, replies } = decodeEveryWay(input, [false, false], true);
    expect(replies).toEqual([Buffer.from('after')]);
    expect(pushes).toEqual([
      ['message', 'chan', BINARY.toString()],
      ['message', 'chan', BINARY.toString()],
    ]);
  });

  it('an empty push asks nothing of the reply side', () => {
    const { pushes, asked } = decodeEveryWay(Buffer.from('>0\r\n'), [true]);
    expect(pushes).toEqual([[]]);
    expect(asked.reply).toBe(0);
  });

  it('RESP2 subscriber mode: a message as a plain array takes returnBuffers() like any reply', () => {
    const { replies, asked } = decodeEveryWay(frame('*', 'message', 'chan', BINARY), [true], true);
    expect(replies).toEqual([[Buffer.from('message'), Buffer.from('chan'), BINARY]]);
    expect(asked).toEqual({ push: 0, reply: 1 });
  });

  it('a Buffer from a push owns its memory: changing the chunk afterwards does not change it', () => {
    const chunk = Buffer.from(message);
    const pushes: RespValue[][] = [];
    const decoder = new RespDecoder({
      onReply: () => undefined,
      onPush: (value) => pushes.push(value),
      returnBuffers: () => false,
      pushBuffers: () => true,
    });
    decoder.feed(chunk);
    chunk.fill(0);
    expect(pushes[0][2]).toEqual(BINARY);
  });
});
