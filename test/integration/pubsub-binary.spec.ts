/**
 * Binary pub/sub (issue 14): a listener subscribed with `{ buffers: true }` gets message, channel and
 * pattern as Buffers, byte for byte, even when they are not valid UTF-8; a string listener on the same
 * name still gets the UTF-8 text, as before. Channels, patterns and sharded channels on the real
 * cluster over RESP3 (what subscriber sockets ask for); RESP2 on a real node through a subscriber
 * Connection, and the whole client on RESP2 against mock nodes that refuse HELLO (a real server
 * cannot be made to on demand).
 */
import { commandPromise } from '../../lib/core/connection/command';
import { Connection } from '../../lib/core/connection/connection';
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import type { RespValue } from '../../lib/core/resp/types';
import { plainCluster } from '../helpers/cluster-env';
import { fakeConfig } from '../helpers/fake-connection';
import type { MockCluster } from '../helpers/mock-cluster';
import { push } from '../helpers/mock-node';
import { poll } from '../helpers/poll';
import { clientOnPubsubWithoutHello, subscriberOf } from './multi-key/mock-pubsub';

/** Not valid UTF-8: a lone 0xff, a NUL, and 0xc3 followed by a byte that cannot continue it. */
const BINARY = Buffer.from([0xff, 0x00, 0xc3, 0x28]);

interface Heard<T> {
  message: T;
  channel: T;
  pattern?: T;
}

/** What a listener got, in order, with its arguments' own types: Buffers stay Buffers, strings strings. */
class Inbox<T extends string | Buffer> {
  readonly heard: Array<Heard<T>> = [];
  readonly listener = (message: T, channel: T, pattern?: T): void => {
    this.heard.push(pattern === undefined ? { message, channel } : { message, channel, pattern });
  };

  /** Resolves with the first `count` messages; fails naming what came when they do not arrive in time. */
  async first(count: number): Promise<Array<Heard<T>>> {
    await poll(
      () => this.heard.length,
      (n) => n >= count,
      3000,
      10,
    );
    return this.heard.slice(0, count);
  }
}

const unique = (name: string): string => `${name}:${process.pid}:${Date.now()}`;

describe('on the real cluster (RESP3 subscriber sockets)', () => {
  let subscriber: RedisClusterClient;
  let publisher: RedisClusterClient;
  const errors: Error[] = [];

  beforeAll(async () => {
    subscriber = new RedisClusterClient({ nodes: plainCluster().nodes });
    publisher = new RedisClusterClient({ nodes: plainCluster().nodes });
    subscriber.on('error', (error: Error) => errors.push(error));
    await Promise.all([subscriber.connect(), publisher.connect()]);
  });

  afterAll(async () => {
    await subscriber?.close();
    await publisher?.close();
  });

  afterEach(() => expect(errors).toEqual([]));

  it('SUBSCRIBE: the Buffer listener gets the exact bytes, the string listener on the same channel their UTF-8 text', async () => {
    const channel = unique('bin:chan');
    const bytes = new Inbox<Buffer>();
    const text = new Inbox<string>();
    await subscriber.subscribe(channel, bytes.listener, { buffers: true });
    await subscriber.subscribe(channel, text.listener);
    await publisher.publish(channel, BINARY);
    await publisher.publish(channel, 'plain');

    // In this order: publish() sends both to the channel's master (multi-key/pubsub.spec.ts).
    const [first, second] = await bytes.first(2);
    expect(Buffer.isBuffer(first.message) && Buffer.isBuffer(first.channel)).toBe(true);
    expect(first.message.equals(BINARY)).toBe(true);
    expect(first.channel.equals(Buffer.from(channel))).toBe(true);
    expect(second.message.equals(Buffer.from('plain'))).toBe(true);
    expect(await text.first(2)).toEqual([
      { message: BINARY.toString('utf8'), channel },
      { message: 'plain', channel },
    ]);
    await subscriber.unsubscribe(channel);
  });

  it('PSUBSCRIBE: channel names that are not UTF-8 reach the Buffer listener intact, with the pattern as bytes', async () => {
    const pattern = `${unique('bin:pat')}.*`;
    const channel = Buffer.concat([Buffer.from(pattern.slice(0, -1)), Buffer.from([0xfe, 0xff])]);
    const bytes = new Inbox<Buffer>();
    const text = new Inbox<string>();
    await subscriber.psubscribe(pattern, bytes.listener, { buffers: true });
    await subscriber.psubscribe(pattern, text.listener);
    await publisher.publish(channel, BINARY);

    const [heard] = await bytes.first(1);
    expect(heard.message.equals(BINARY)).toBe(true);
    expect(heard.channel.equals(channel)).toBe(true);
    expect(heard.pattern?.equals(Buffer.from(pattern))).toBe(true);
    expect(await text.first(1)).toEqual([{ message: BINARY.toString(), channel: channel.toString(), pattern }]);
    await subscriber.punsubscribe(pattern);
  });

  it('SSUBSCRIBE: sharded channels of several slots deliver exact bytes from their own masters', async () => {
    const channels = [unique('{bin-a}:shard'), unique('{bin-b}:shard'), unique('{bin-c}:shard')];
    const bytes = new Inbox<Buffer>();
    const text = new Inbox<string>();
    await subscriber.ssubscribe(channels, bytes.listener, { buffers: true });
    await subscriber.ssubscribe(channels, text.listener);
    for (const [i, channel] of channels.entries()) await publisher.spublish(channel, Buffer.concat([BINARY, Buffer.from([i])]));

    const heard = await bytes.first(3);
    const byChannel = new Map(heard.map((h) => [h.channel.toString(), h.message]));
    for (const [i, channel] of channels.entries()) {
      expect(byChannel.get(channel)?.equals(Buffer.concat([BINARY, Buffer.from([i])]))).toBe(true);
    }
    const strings = new Map((await text.first(3)).map((h) => [h.channel, h.message]));
    expect(channels.map((channel) => strings.get(channel))).toEqual(
      channels.map((_, i) => Buffer.concat([BINARY, Buffer.from([i])]).toString()),
    );
    await subscriber.sunsubscribe(channels);
  });

  it('once the last Buffer listener is gone, string listeners go on hearing the same text', async () => {
    const channel = unique('bin:after');
    const bytes = new Inbox<Buffer>();
    const text = new Inbox<string>();
    await subscriber.subscribe(channel, bytes.listener, { buffers: true });
    await subscriber.subscribe(channel, text.listener);
    await subscriber.unsubscribe(channel, bytes.listener);
    await publisher.publish(channel, BINARY);
    expect(await text.first(1)).toEqual([{ message: BINARY.toString(), channel }]);
    expect(bytes.heard).toEqual([]);
    await subscriber.unsubscribe(channel);
  });

  it('types the listener from the options', () => {
    const onText = (message: string, channel: string): void => void [message, channel];
    const onBytes = (message: Buffer, channel: Buffer): void => void [message, channel];
    // Only compiled, never called: the subscriptions would otherwise outlive this test.
    const typed = (): unknown[] => [
      subscriber.subscribe('t', onText),
      subscriber.subscribe('t', onBytes, { buffers: true }),
      subscriber.psubscribe('t*', (message, channel, pattern) => [message.readUInt8(0), channel.byteLength, pattern?.byteLength], {
        buffers: true,
      }),
      subscriber.ssubscribe('t', (message) => message.toUpperCase(), { buffers: false }),
      // @ts-expect-error a string listener cannot take Buffers
      subscriber.subscribe('t', onText, { buffers: true }),
      // @ts-expect-error a Buffer listener is not given strings
      subscriber.subscribe('t', onBytes),
      subscriber.unsubscribe('t', onBytes),
    ];
    expect(typeof typed).toBe('function');
  });
});

describe('RESP2 on a real node: a subscriber Connection that asks for Buffers', () => {
  let connection: Connection;
  let publisher: RedisClusterClient;
  const frames: RespValue[][] = [];
  let buffers = true;

  beforeAll(async () => {
    const { host, port } = plainCluster().nodes[0];
    connection = await Connection.open(
      { ...fakeConfig(port), host, protocol: 2, dialTimeout: 5000, readTimeout: 10_000, writeTimeout: 5000 },
      { subscriber: true, onPush: (frame) => frames.push(frame), pushBuffers: () => buffers },
    );
    publisher = new RedisClusterClient({ nodes: plainCluster().nodes });
    await publisher.connect();
  });

  afterAll(async () => {
    connection?.destroy(new Error('test over'));
    await publisher?.close();
  });

  async function subscribe(channel: string): Promise<RespValue> {
    const { command, reply } = commandPromise(['SUBSCRIBE', channel]);
    command.expectPushes = 1;
    connection.send(command);
    return reply;
  }

  it('the confirmation reads as strings; the message keeps its bytes; without Buffers it is text again', async () => {
    expect(connection.protocol).toBe(2);
    const channel = unique('bin:resp2');
    expect(await subscribe(channel)).toEqual(['subscribe', channel, 1]);
    await publisher.publish(channel, BINARY);
    await poll(
      () => frames.length,
      (n) => n >= 1,
      3000,
      10,
    );
    expect(frames[0][0]).toBe('message');
    expect(frames[0][1]).toEqual(Buffer.from(channel));
    expect(frames[0][2]).toEqual(BINARY);

    buffers = false;
    await publisher.publish(channel, BINARY);
    await poll(
      () => frames.length,
      (n) => n >= 2,
      3000,
      10,
    );
    expect(frames[1]).toEqual(['message', channel, BINARY.toString()]);
  });
});

describe('RESP2 through the client: nodes without HELLO (mock)', () => {
  let m: MockCluster;
  let client: RedisClusterClient;
  let errors: Error[];

  beforeAll(async () => {
    ({ m, client, errors } = await clientOnPubsubWithoutHello());
  });

  afterAll(async () => {
    await client?.close();
    await m?.stop();
  });

  /** Sends a message frame (a plain array on RESP2) on the socket that subscribed `name` with `command`. */
  function send(command: string, name: string, frame: Array<string | Buffer>): void {
    const { node, conn } = subscriberOf(m, command, name);
    if (!node.sendTo(conn, push(frame))) throw new Error(`the subscriber connection of ${name} is gone`);
  }

  it('channels, patterns and sharded channels: Buffer listeners get the bytes, string listeners the text', async () => {
    const bytes = new Inbox<Buffer>();
    const text = new Inbox<string>();
    for (const [subscribe, name] of [
      ['subscribe', 'news'],
      ['psubscribe', 'alerts.*'],
      ['ssubscribe', 'orders'],
    ] as const) {
      await client[subscribe](name, bytes.listener, { buffers: true });
      await client[subscribe](name, text.listener);
    }
    const odd = Buffer.from([0x61, 0x80]);
    send('SUBSCRIBE', 'news', ['message', 'news', BINARY]);
    send('PSUBSCRIBE', 'alerts.*', ['pmessage', 'alerts.*', Buffer.concat([Buffer.from('alerts.'), odd]), BINARY]);
    send('SSUBSCRIBE', 'orders', ['smessage', 'orders', BINARY]);

    // Sharded channels have a socket of their own: across sockets, arrival order is not defined.
    const byChannel = <T extends string | Buffer>(heard: Array<Heard<T>>): Array<Heard<T>> =>
      [...heard].sort((a, b) => a.channel.toString().localeCompare(b.channel.toString()));
    expect(byChannel(await bytes.first(3))).toEqual([
      { message: BINARY, channel: Buffer.concat([Buffer.from('alerts.'), odd]), pattern: Buffer.from('alerts.*') },
      { message: BINARY, channel: Buffer.from('news') },
      { message: BINARY, channel: Buffer.from('orders') },
    ]);
    expect(byChannel(await text.first(3))).toEqual([
      { message: BINARY.toString(), channel: `alerts.${odd.toString()}`, pattern: 'alerts.*' },
      { message: BINARY.toString(), channel: 'news' },
      { message: BINARY.toString(), channel: 'orders' },
    ]);
    expect(errors).toEqual([]);
    // One SUBSCRIBE per name: the confirmations, decoded as Buffers, were still recognised as such.
    expect(['SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE'].map((c) => m.commands(c).length)).toEqual([1, 1, 1]);
  });
});
