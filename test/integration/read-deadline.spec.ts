/**
 * readTimeout is a deadline per reply, counted from the moment the reply became the oldest one
 * pending, not the gap between bytes: a node that trickles a reply one byte at a time cannot hold a
 * command (or close()) forever. MockNode writes each reply in one piece, so this node is its own.
 */
import * as net from 'node:net';
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { TimeoutError } from '../../lib/core/errors/timeout-error';
import { RespDecoder } from '../../lib/core/resp/decoder';
import type { RespValue } from '../../lib/core/resp/types';
import { clusterShardsReply, defaultReply, type MockContext } from '../helpers/mock-node';
import { rejection } from '../helpers/rejection';

const TRICKLE_MS = 400;
const READ_TIMEOUT = 1000;

/** One node serving every slot; a GET is answered one byte every TRICKLE_MS, everything else at once. */
class TricklingNode {
  readonly sockets = new Set<net.Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(): Promise<TricklingNode> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const node = new TricklingNode(server, (server.address() as net.AddressInfo).port);
    server.on('connection', (socket) => node.accept(socket));
    return node;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
    const ctx: MockContext = { id: this.sockets.size, protocol: 2, close: () => socket.destroy() };
    const decoder = new RespDecoder({
      onReply: (value) => this.answer(socket, ctx, (value as RespValue[]).map(String)),
      onPush: () => undefined,
      returnBuffers: () => false,
    });
    socket.on('data', (chunk) => decoder.feed(chunk));
  }

  private answer(socket: net.Socket, ctx: MockContext, cmd: string[]): void {
    const name = cmd[0].toUpperCase();
    if (name === 'GET') return this.trickle(socket, Buffer.from('$5\r\nhello\r\n'));
    const reply =
      name === 'CLUSTER'
        ? clusterShardsReply([{ start: 0, end: 16383, master: { host: '127.0.0.1', port: this.port } }])
        : defaultReply(cmd, ctx);
    if (reply instanceof Array || typeof reply !== 'object') throw new Error(`no scripted reply for ${name}`);
    socket.write(reply.render(ctx.protocol));
  }

  private trickle(socket: net.Socket, bytes: Buffer): void {
    let sent = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || sent === bytes.length) {
        clearInterval(timer);
        return;
      }
      socket.write(bytes.subarray(sent, ++sent));
    }, TRICKLE_MS);
    this.timers.add(timer);
  }
}

let node: TricklingNode | undefined;
let client: RedisClusterClient | undefined;

afterEach(async () => {
  await client?.close();
  await node?.stop();
  client = undefined;
  node = undefined;
});

describe('a node that trickles a reply one byte every 400 ms', () => {
  it('fails the GET with ERR_READ_TIMEOUT within readTimeout + a margin, and close() then resolves promptly', async () => {
    node = await TricklingNode.start();
    client = new RedisClusterClient({
      nodes: [node.address],
      readTimeout: READ_TIMEOUT,
      maxRetries: -1,
      topologyRefreshInterval: 0,
      heartbeatInterval: 60_000,
    });
    await client.connect();

    const started = Date.now();
    const error = await rejection(client.get('k'));
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).code).toBe('ERR_READ_TIMEOUT');
    // Before the fix every byte reset the timer: the reply (11 bytes) took 4.4 s and resolved.
    expect(elapsed).toBeGreaterThanOrEqual(READ_TIMEOUT - 10);
    expect(elapsed).toBeLessThan(READ_TIMEOUT + 500);

    const closing = Date.now();
    await client.close();
    expect(Date.now() - closing).toBeLessThan(500);
    client = undefined;
  });
});
