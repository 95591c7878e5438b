import * as net from 'node:net';
import { inspect } from 'node:util';
import { ProtocolError } from '../../lib/core/errors/protocol-error';
import { RespDecoder } from '../../lib/core/resp/decoder';
import type { RespValue } from '../../lib/core/resp/types';
import { bulk, err, int, map, MockReply, nodeId, ok, type Protocol, type Reply, simple, STALL } from './mock-replies';

export * from './mock-replies';

/** One client connection, as a handler sees it. */
export interface MockContext {
  /** 1, 2, 3... in order of connection, per node. */
  readonly id: number;
  /** 2 until a HELLO 3; a handler that answers HELLO itself sets it. */
  protocol: Protocol;
  /** Drops the connection at once, without answering. */
  close(): void;
}

/** Sees each command, name upper-cased, arguments as UTF-8 strings; returns nothing for the default answer. */
export type MockHandler = (cmd: string[], ctx: MockContext) => Reply | void | Promise<Reply | void>;

interface Client {
  readonly ctx: MockContext;
  readonly socket: net.Socket;
  /** Replies go out in command order even when a handler is async. */
  queue: Promise<void>;
  stalled: boolean;
  /** Sent garbage: answered with a protocol error and hung up on; nothing more is read. */
  broken: boolean;
}

/**
 * A scripted Redis node on 127.0.0.1 for exact protocol scenarios (MOVED/ASK/TRYAGAIN sequences,
 * malformed replies, stalls). Commands are parsed with the library's own RespDecoder.
 */
export class MockNode {
  readonly host = '127.0.0.1';
  /** Every command received on any connection, in order of arrival (recorded even when stalled). */
  readonly received: string[][] = [];
  /**
   * Awaited before each command is answered (later commands on that connection wait too): lets a
   * spec change the world while a reply is on its way.
   */
  beforeAnswer: ((cmd: string[], ctx: MockContext) => Promise<void>) | undefined;
  private readonly clients = new Set<Client>();
  private nextId = 1;

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
    private handler: MockHandler,
  ) {}

  static async start(handler: MockHandler = () => undefined): Promise<MockNode> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const node = new MockNode(server, (server.address() as net.AddressInfo).port, handler);
    server.on('connection', (socket) => node.accept(socket));
    return node;
  }

  get address(): string {
    return `${this.host}:${this.port}`;
  }

  /** The node id CLUSTER SLOTS/SHARDS replies give for this node. */
  get id(): string {
    return nodeId(this.host, this.port);
  }

  /** Connections currently open. */
  get connections(): number {
    return this.clients.size;
  }

  /**
   * Writes `frames` to connection `id` unasked (pub/sub messages, server-side unsubscribes), rendered
   * for that connection's protocol: push frames on RESP3, plain arrays on RESP2. False when it is gone.
   */
  sendTo(id: number, ...frames: MockReply[]): boolean {
    const client = [...this.clients].find((c) => c.ctx.id === id);
    if (client === undefined || client.socket.destroyed) return false;
    // Behind any answer still being prepared, as a server writes to one socket in order.
    client.queue = client.queue.then(() => void client.socket.write(Buffer.concat(frames.map((f) => f.render(client.ctx.protocol)))));
    return true;
  }

  /** Drops connection `id` at once; false when it is already gone. */
  drop(id: number): boolean {
    const client = [...this.clients].find((c) => c.ctx.id === id);
    client?.socket.destroy();
    return client !== undefined;
  }

  setHandler(handler: MockHandler): void {
    this.handler = handler;
  }

  /** Drops every connection and stops listening. */
  async stop(): Promise<void> {
    for (const client of this.clients) client.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    socket.setNoDelay(true);
    const ctx: MockContext = { id: this.nextId++, protocol: 2, close: () => socket.destroy() };
    const client: Client = { ctx, socket, queue: Promise.resolve(), stalled: false, broken: false };
    this.clients.add(client);
    const decoder = new RespDecoder({
      onReply: (command) => this.receive(client, command),
      onPush: () => undefined,
      returnBuffers: () => false,
    });
    socket.on('data', (chunk) => {
      if (client.broken) return;
      try {
        decoder.feed(chunk);
      } catch (error) {
        // What Redis does with bytes it cannot parse: answer what came before, say so, then hang up.
        client.broken = true;
        const reason = error instanceof ProtocolError ? error.message : String(error);
        client.queue = client.queue.then(() => void (client.stalled || socket.end(`-ERR Protocol error: ${reason}\r\n`)));
      }
    });
    // A client resetting the connection is an ordinary event in these tests, not a failure.
    socket.on('error', () => undefined);
    socket.on('close', () => this.clients.delete(client));
  }

  private receive(client: Client, command: RespValue): void {
    if (!Array.isArray(command) || command.length === 0 || !command.every((a) => typeof a === 'string')) {
      throw new ProtocolError(`expected a command as a non-empty array of bulk strings, got ${inspect(command)}`);
    }
    const cmd = [(command[0] as string).toUpperCase(), ...(command.slice(1) as string[])];
    this.received.push(cmd);
    client.queue = client.queue.then(() => this.answer(client, cmd));
  }

  private async answer(client: Client, cmd: string[]): Promise<void> {
    if (client.stalled || client.socket.destroyed) return;
    let bytes: Buffer;
    try {
      if (this.beforeAnswer !== undefined) await this.beforeAnswer(cmd, client.ctx);
      const reply = (await this.handler(cmd, client.ctx)) ?? defaultReply(cmd, client.ctx);
      if (reply === STALL) {
        client.stalled = true;
        return;
      }
      const frames = reply instanceof MockReply ? [reply] : (reply ?? []);
      bytes = Buffer.concat(frames.map((frame) => frame.render(client.ctx.protocol)));
    } catch (error) {
      // Surfaces a broken script as an error reply, and keeps later commands on the connection answered.
      bytes = err(`ERR mock handler threw: ${error instanceof Error ? error.message : String(error)}`).render(client.ctx.protocol);
    }
    if (!client.socket.destroyed) client.socket.write(bytes);
  }
}

/**
 * What a Redis 7 cluster node answers when the handler does not: HELLO (switching protocol as asked),
 * PING, the connection commands the client sends, and "unknown command" for everything else.
 */
export function defaultReply(cmd: readonly string[], ctx: MockContext): Reply {
  const [name, ...args] = cmd;
  switch (name) {
    case 'HELLO': {
      if (args.length > 0) {
        if (args[0] !== '2' && args[0] !== '3') return err('NOPROTO unsupported protocol version');
        // Redis switches before answering: the HELLO 3 reply is already RESP3.
        ctx.protocol = Number(args[0]) as Protocol;
      }
      return map({ server: 'redis', version: '7.2.4', proto: ctx.protocol, id: ctx.id, mode: 'cluster', role: 'master', modules: [] });
    }
    case 'PING':
      return args.length > 0 ? bulk(args[0]) : simple('PONG');
    case 'CLIENT':
      return args[0]?.toUpperCase() === 'ID' ? int(ctx.id) : ok();
    case 'AUTH':
    case 'READONLY':
    case 'READWRITE':
    case 'ASKING':
      return ok();
    default: {
      const shown = args.map((a) => `'${a}' `).join('');
      return err(`ERR unknown command '${name}', with args beginning with: ${shown}`);
    }
  }
}

/**
 * For a handler: the node took the command (and may have run it), then the connection broke
 * before the reply went out, so the client cannot know the outcome. Returns what the handler returns.
 */
export function dropBeforeReplying(ctx: MockContext): typeof STALL {
  ctx.close();
  return STALL;
}
