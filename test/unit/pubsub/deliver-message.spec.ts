import { deliverMessage, parseMessage } from '../../../lib/core/pubsub/deliver-message';
import type { AnyMessageListener } from '../../../lib/core/pubsub/subscription-kind';

const BINARY = Buffer.from([0xff, 0x00, 0xc3, 0x28]);

describe('parseMessage', () => {
  it('reads message, smessage and pmessage frames by their subscribed name; other frames are not messages', () => {
    expect(parseMessage(['message', Buffer.from('ch'), BINARY])).toEqual({
      family: 'message',
      name: 'ch',
      message: BINARY,
      channel: Buffer.from('ch'),
    });
    expect(parseMessage(['smessage', 'ch', 'hi'])).toEqual({ family: 'smessage', name: 'ch', message: 'hi', channel: 'ch' });
    expect(parseMessage(['pmessage', Buffer.from('c*'), Buffer.from('cx'), BINARY])).toEqual({
      family: 'pmessage',
      name: 'c*',
      message: BINARY,
      channel: Buffer.from('cx'),
      pattern: Buffer.from('c*'),
    });
    expect(parseMessage(['subscribe', 'ch', 1])).toBeUndefined();
    expect(parseMessage(['sunsubscribe', 'ch', 0])).toBeUndefined();
  });
});

describe('deliverMessage', () => {
  const calls: unknown[][] = [];
  const record =
    (who: string): AnyMessageListener =>
    (...args: unknown[]) =>
      void calls.push([who, ...args]);
  beforeEach(() => (calls.length = 0));

  it('Buffer listeners get the bytes, string listeners the UTF-8 text of the same frame, in subscription order', () => {
    const listeners = new Map([
      [record('bytes'), true],
      [record('text'), false],
      [record('text2'), false],
    ]);
    const errors: Error[] = [];
    deliverMessage(listeners, parseMessage(['pmessage', Buffer.from('c*'), Buffer.from('cx'), BINARY])!, (e) => errors.push(e));
    expect(calls).toEqual([
      ['bytes', BINARY, Buffer.from('cx'), Buffer.from('c*')],
      ['text', BINARY.toString('utf8'), 'cx', 'c*'],
      ['text2', BINARY.toString('utf8'), 'cx', 'c*'],
    ]);
    expect(errors).toEqual([]);
  });

  it('a frame decoded as text (before any Buffer subscription) is skipped for a Buffer listener, never rebuilt from text', () => {
    deliverMessage(
      new Map([
        [record('bytes'), true],
        [record('text'), false],
      ]),
      parseMessage(['message', 'ch', 'hi'])!,
      () => undefined,
    );
    expect(calls).toEqual([['text', 'hi', 'ch', undefined]]);
  });

  it('a listener that throws is reported; the others still hear the message', () => {
    const errors: Error[] = [];
    const throwing: AnyMessageListener = () => {
      throw 'not an Error';
    };
    deliverMessage(
      new Map([
        [throwing, true],
        [record('text'), false],
      ]),
      parseMessage(['message', Buffer.from('ch'), BINARY])!,
      (e) => errors.push(e),
    );
    expect(calls).toEqual([['text', BINARY.toString(), 'ch', undefined]]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'ERR_LISTENER' });
  });
});
