import * as net from 'node:net';
import { MovedError, ReplyError } from '../../lib/core/errors';
import { encodeCommand } from '../../lib/core/resp/encoder';
import { RespDecoder } from '../../lib/core/resp/decoder';
import type { RespValue } from '../../lib/core/resp/types';
import {
  arr,
  bulk,
  clusterShardsReply,
  clusterSlotsReply,
  err,
  int,
  map,
  MockNode,
  ok,
  push,
  raw,
  simple,
  STALL,
} from '../helpers/mock-node';

/** A bare socket speaking RESP through the library's decoder: no Connection, no client logic. */
interface RawClient {
  send(...commands: string[][]): void;
  /** Resolves once `count` replies in total have arrived. */
  replies(count: number): Promise<RespValue[]>;
  /** Every reply so far. */
  all: RespValue[];
  pushes: RespValue[][];
  closed: Promise<void>;
  socket: net.Socket;
}

async function connect(node: MockNode): Promise<RawClient> {
  const socket = net.connect(node.port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  const received: RespValue[] = [];
  const pushes: RespValue[][] = [];
  let wake = () => undefined as void;
  const decoder = new RespDecoder({
    onReply: (v) => (received.push(v), wake()),
    onPush: (v) => (pushes.push(v), wake()),
    returnBuffers: () => false,
  });
  socket.on('data', (chunk) => decoder.feed(chunk));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    socket,
    all: received,
    pushes,
    closed,
    // All commands in one write, to prove the node handles pipelined commands arriving in one chunk.
    send: (...commands) => socket.write(commands.map((c) => encodeCommand(c)).join('')),
    replies: (count) =>
      new Promise((resolve) => {
        wake = () => void (received.length >= count && resolve(received.slice(0, count)));
        wake();
      }),
  };
}

const nodes: MockNode[] = [];
const start = async (...args: Parameters<typeof MockNode.start>) => {
  const node = await MockNode.start(...args);
  nodes.push(node);
  return node;
};
afterEach(async () => {
  await Promise.all(nodes.splice(0).map((n) => n.stop()));
});

describe('MockNode', () => {
  it('answers like a Redis 7 node by default, and records every command in order', async () => {
    const node = await start();
    const client = await connect(node);
    client.send(['ping'], ['PING', 'hi'], ['READONLY'], ['client', 'id'], ['GET', 'k']);
    const [pong, hi, readonly, id, unknown] = await client.replies(5);
    expect([pong, hi, readonly, id]).toEqual(['PONG', 'hi', 'OK', 1]);
    expect(unknown).toBeInstanceOf(ReplyError);
    expect((unknown as ReplyError).message).toBe("ERR unknown command 'GET', with args beginning with: 'k' ");
    expect(node.received).toEqual([['PING'], ['PING', 'hi'], ['READONLY'], ['CLIENT', 'id'], ['GET', 'k']]);
    expect(node.address).toBe(`127.0.0.1:${node.port}`);
    expect(node.id).toMatch(/^[0-9a-f]{40}$/);
  });

  it('switches a connection to RESP3 on HELLO 3, and renders maps and nulls for it', async () => {
    const node = await start((cmd) => (cmd[0] === 'INFO' ? [map({ a: 1 }), bulk(null), push(['invalidate', ['k']])] : undefined));
    const client = await connect(node);
    client.send(['INFO'], ['HELLO', '3'], ['INFO']);
    const [flat, none, pushedAsArray, hello, asMap, nullValue] = await client.replies(6);
    expect([flat, none, pushedAsArray]).toEqual([['a', 1], null, ['invalidate', ['k']]]);
    expect(hello).toEqual({ server: 'redis', version: '7.2.4', proto: 3, id: 1, mode: 'cluster', role: 'master', modules: [] });
    expect([asMap, nullValue]).toEqual([{ a: 1 }, null]);
    expect(client.pushes).toEqual([['invalidate', ['k']]]);
  });

  it('keeps replies in command order, even when a handler is slow, and scripts sequences per call', async () => {
    let calls = 0;
    const node = await start(async (cmd) => {
      if (cmd[0] !== 'GET') return undefined;
      calls++;
      if (calls === 1) return err('MOVED 3999 127.0.0.1:7001');
      if (calls === 2) return err('TRYAGAIN Multiple keys request during rehashing of slot');
      await new Promise((resolve) => setTimeout(resolve, 30));
      return [bulk('v'), int(7), simple('extra')];
    });
    const client = await connect(node);
    client.send(['GET', 'k'], ['GET', 'k'], ['GET', 'k'], ['PING']);
    const replies = await client.replies(6);
    expect(replies[0]).toBeInstanceOf(MovedError);
    expect(replies[1]).toMatchObject({ code: 'TRYAGAIN' });
    expect(replies.slice(2)).toEqual(['v', 7, 'extra', 'PONG']);
  });

  it('sends raw bytes untouched, stalls on request, and drops a connection on ctx.close()', async () => {
    const node = await start((cmd, ctx) => {
      if (cmd[0] === 'BROKEN') return raw('$5\r\nab');
      if (cmd[0] === 'SLOW') return STALL;
      if (cmd[0] === 'BYE') return ctx.close();
      return undefined;
    });
    const garbage = await connect(node);
    const bytes: Buffer[] = [];
    garbage.socket.prependListener('data', (chunk) => bytes.push(chunk));
    garbage.send(['BROKEN']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(Buffer.concat(bytes).toString()).toBe('$5\r\nab');

    const stalled = await connect(node);
    stalled.send(['PING'], ['SLOW'], ['PING']);
    await stalled.replies(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(node.received.slice(-2)).toEqual([['SLOW'], ['PING']]);
    expect(stalled.all).toEqual(['PONG']);

    const dropped = await connect(node);
    expect(node.connections).toBe(3);
    dropped.send(['BYE']);
    await dropped.closed;
    await new Promise((resolve) => setImmediate(resolve));
    expect(node.connections).toBe(2);
  });

  it('answers bytes it cannot parse with a protocol error and hangs up, as Redis does', async () => {
    const node = await start();
    const client = await connect(node);
    client.socket.write('*1\r\n$4\r\nPING\r\n*1\r\n?oops\r\n');
    const [pong, error] = await client.replies(2);
    expect(pong).toBe('PONG');
    expect((error as ReplyError).message).toMatch(/^ERR Protocol error: unknown RESP type byte 0x3f/);
    await client.closed;
  });

  it('builds CLUSTER SLOTS and CLUSTER SHARDS replies in the Redis 7 formats', async () => {
    const [a, b] = [await start(), await start()];
    const replica = { host: '127.0.0.1', port: 7005, hostname: 'replica-1' };
    const ranges = [
      { start: 0, end: 8191, master: a, replicas: [replica] },
      { start: 8192, end: 16000, master: b },
      { start: 16001, end: 16383, master: a, replicas: [replica] },
    ];
    a.setHandler((cmd) => (cmd[1] === 'SLOTS' ? clusterSlotsReply(ranges) : cmd[1] === 'SHARDS' ? clusterShardsReply(ranges) : undefined));
    const client = await connect(a);
    client.send(['CLUSTER', 'SLOTS'], ['CLUSTER', 'SHARDS'], ['HELLO', '3'], ['CLUSTER', 'SHARDS']);
    const [slots, flatShards, , shards] = await client.replies(4);
    const replicaId = (slots as RespValue[][])[0][3] as RespValue[];
    expect(slots).toEqual([
      [0, 8191, ['127.0.0.1', a.port, a.id, []], ['127.0.0.1', 7005, replicaId[2], ['hostname', 'replica-1']]],
      [8192, 16000, ['127.0.0.1', b.port, b.id, []]],
      [16001, 16383, ['127.0.0.1', a.port, a.id, []], replicaId],
    ]);
    expect(replicaId[2]).toMatch(/^[0-9a-f]{40}$/);
    const nodeOf = (id: RespValue, port: number, role: string, extra = {}) => ({
      id,
      port,
      ip: '127.0.0.1',
      endpoint: '127.0.0.1',
      ...extra,
      role,
      'replication-offset': 72156,
      health: 'online',
    });
    expect(shards).toEqual([
      {
        slots: [0, 8191, 16001, 16383],
        nodes: [nodeOf(a.id, a.port, 'master'), nodeOf(replicaId[2], 7005, 'replica', { hostname: 'replica-1' })],
      },
      { slots: [8192, 16000], nodes: [nodeOf(b.id, b.port, 'master')] },
    ]);
    // On RESP2 each shard and node is a flat key/value array, as Redis sends it.
    expect((flatShards as RespValue[][])[1]).toEqual([
      'slots',
      [8192, 16000],
      'nodes',
      [Object.entries(nodeOf(b.id, b.port, 'master')).flat()],
    ]);
  });

  it('closes its clients on stop()', async () => {
    const node = await MockNode.start(() => arr([ok(), 1, 'two', null, [3n]]));
    const client = await connect(node);
    client.send(['ANY']);
    expect(await client.replies(1)).toEqual([['OK', 1, 'two', null, [3]]]);
    await node.stop();
    await client.closed;
    expect(node.connections).toBe(0);
  });
});
