/**
 * A subscriber socket's decoder handlers: frames decoded with Buffers get their kind (and a
 * confirmation its name) back as strings, so confirmations still complete their (un)subscribe on
 * either protocol, while a message's channel and payload stay bytes.
 */
import { Command } from '../../../lib/core/connection/command';
import { subscriberHandlers } from '../../../lib/core/connection/subscriber-stream';
import type { RespValue } from '../../../lib/core/resp/types';

const BINARY = Buffer.from([0xff, 0x00, 0xc3, 0x28]);
const b = (s: string): Buffer => Buffer.from(s);

function stream(head?: Command, buffers = true) {
  const seen = { replies: [] as RespValue[], delivered: [] as RespValue[][] };
  const handlers = subscriberHandlers({
    head: () => head,
    reply: (value) => seen.replies.push(value),
    deliver: (frame) => seen.delivered.push(frame),
    wantsBuffers: () => buffers,
  });
  return { handlers, seen };
}

function subscribing(...names: string[]): Command {
  const command = new Command(['SUBSCRIBE', ...names]);
  command.expectPushes = names.length;
  return command;
}

describe('subscriberHandlers', () => {
  it('asks wantsBuffers() for pushes and, for RESP2, for replies', () => {
    expect(stream(undefined, true).handlers.pushBuffers?.()).toBe(true);
    expect(stream(undefined, true).handlers.returnBuffers()).toBe(true);
    expect(stream(undefined, false).handlers.returnBuffers()).toBe(false);
  });

  it('RESP3: Buffer confirmations complete SUBSCRIBE once all arrived, as strings', () => {
    const { handlers, seen } = stream(subscribing('a', 'b'));
    handlers.onPush([b('subscribe'), b('a'), 1]);
    expect(seen.replies).toEqual([]);
    handlers.onPush([b('subscribe'), b('b'), 2]);
    expect(seen.replies).toEqual([['subscribe', 'b', 2]]);
    expect(seen.delivered).toEqual([]);
  });

  it('RESP2: arrays naming a pub/sub frame in Buffers are frames, the rest replies', () => {
    const { handlers, seen } = stream(subscribing('a'));
    handlers.onReply([b('subscribe'), b('a'), 1]);
    handlers.onReply([b('message'), b('a'), BINARY]);
    handlers.onReply([b('pmessage'), b('a*'), b('ab'), BINARY]);
    handlers.onReply([b('not-a-frame'), BINARY]);
    handlers.onReply('OK');
    expect(seen.replies).toEqual([['subscribe', 'a', 1], [b('not-a-frame'), BINARY], 'OK']);
    expect(seen.delivered).toEqual([
      ['message', b('a'), BINARY],
      ['pmessage', b('a*'), b('ab'), BINARY],
    ]);
  });

  it('an unsubscribe the server made itself (no command waiting) is delivered with its name as a string', () => {
    const { handlers, seen } = stream();
    handlers.onPush([b('sunsubscribe'), b('orders'), 0]);
    expect(seen.delivered).toEqual([['sunsubscribe', 'orders', 0]]);
  });

  it('string frames pass through unchanged', () => {
    const { handlers, seen } = stream(undefined, false);
    handlers.onPush(['message', 'a', 'hi']);
    expect(seen.delivered).toEqual([['message', 'a', 'hi']]);
  });
});
