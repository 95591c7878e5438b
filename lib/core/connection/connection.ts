import type { Socket } from 'node:net';
import { ConnectionError } from '../errors/connection-error';
import { ProtocolError } from '../errors/protocol-error';
import { ReplyError } from '../errors/reply-error';
import { TimeoutError } from '../errors/timeout-error';
import { RespDecoder } from '../resp/decoder';
import type { RespArg, RespValue } from '../resp/types';
import { Command, commandPromise, joinWritten } from './command';
import type { ConnectionConfig } from './connection-config';
import { dial } from './dial';
import { fetchCredentials, type ResolvedCredentials } from '../credentials/fetch-credentials';
import { handshake, type HandshakeAuth } from './handshake';
import { Queue } from './queue';
import { SocketInput } from './socket-input';
import { ReplicaAcks } from './replica-acks';
import { socketFailed, withWritten } from './reply-routing';
import { subscriberHandlers } from './subscriber-stream';
import { writeTiming } from './write-timing';

export interface ConnectionEvents {
  /** The socket is gone, for whatever reason; called once. */
  onClose?(connection: Connection, error: Error | undefined): void;
  /** A RESP3 push frame (pub/sub messages). */
  onPush?(frame: RespValue[]): void;
  /**
   * A subscriber socket: on RESP2 (a server without HELLO) pub/sub confirmations and messages come
   * as ordinary arrays on the reply stream, and are routed to onPush like RESP3 push frames.
   */
  subscriber?: boolean;
  /** A subscriber socket: decode the next frame's bulk strings as Buffers? Asked as each frame starts. */
  pushBuffers?(): boolean;
}

/**
 * One socket to one node. Commands are pipelined: those queued together go out in one write (when:
 * write-timing.ts), replies are matched in order. After a timeout or protocol error the reply stream can no
 * longer be trusted, so the socket is destroyed and everything pending fails with a typed error.
 */
export class Connection {
  readonly address: string;
  readonly createdAt = Date.now();
  lastUsedAt = Date.now();
  protocol: 2 | 3 = 2;
  /** Set by the pool when maxConnAge passes: no new commands, closed once drained. */
  retiring = false;

  private readonly pending = new Queue<Command>();
  private outbox: Command[] = [];
  private flushScheduled = false;
  private closed = false;
  private closeError: Error | undefined;
  private readonly decoder: RespDecoder;
  private readTimer: NodeJS.Timeout | undefined;
  private writeTimer: NodeJS.Timeout | undefined;
  /** When the last chunk arrived: a reply completed in it hands the head's deadline on from then. */
  private chunkAt = 0;
  /** When the reply now at the head of the queue became the oldest one pending: its deadline runs from here. */
  private headSince = 0;
  /** Extra time allowed for the reply at the head of the queue (blocking commands). */
  private headGraceMs = 0;
  private drainWaiters: Array<() => void> = [];
  private readonly acks: ReplicaAcks | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly config: ConnectionConfig,
    private readonly events: ConnectionEvents,
  ) {
    this.address = `${config.host}:${config.port}`;
    if (config.waitReplicas) this.acks = new ReplicaAcks(config.waitReplicas, config.waitReplicasTimeout ?? 0, this.address);
    // Chosen once per socket, so ordinary connections pay nothing per reply for subscriber mode.
    this.decoder = new RespDecoder(
      events.subscriber
        ? subscriberHandlers({
            head: () => this.pending.peek(),
            reply: (value) => this.onReply(value),
            deliver: (frame) => events.onPush?.(frame),
            wantsBuffers: () => events.pushBuffers?.() ?? false,
          })
        : {
            onReply: (value) => this.onReply(value),
            onPush: (frame) => this.events.onPush?.(frame),
            returnBuffers: () => this.pending.peek()?.buffers ?? false,
          },
    );
    socket.on('error', (error) => this.destroy(socketFailed(this.address, error)));
    socket.on('close', () => this.destroy(new ConnectionError(`connection to ${this.address} closed`, this.address, true)));
    socket.on('drain', () => this.clearWriteTimer());
  }

  /** Dials, handshakes (HELLO/AUTH/SETNAME/READONLY) and resolves a ready connection, all within dialTimeout. */
  static async open(config: ConnectionConfig, events: ConnectionEvents = {}): Promise<Connection> {
    const address = `${config.host}:${config.port}`;
    const started = Date.now();
    // Asked while the socket is dialled, so a token service's latency and the TCP/TLS setup overlap.
    const credentials = config.credentialsProvider && fetchCredentials(config.credentialsProvider, address, config.dialTimeout);
    credentials?.catch(() => undefined); // a failed dial is the error then; this one is dropped, not unhandled
    const input = new SocketInput();
    const socket = await dial(config, address, input);
    const connection = new Connection(socket, config, events);
    input.attach((chunk, transient) => connection.onData(chunk, transient));
    let auth: HandshakeAuth = config;
    if (credentials !== undefined) {
      // Bounded by dialTimeout from the start on its own, so a provider that hangs is a CredentialsError.
      try {
        auth = await credentials;
      } catch (error) {
        connection.destroy(error as Error);
        throw error;
      }
    }
    const remaining = Math.max(1, config.dialTimeout - (Date.now() - started));
    const timer = setTimeout(() => connection.destroy(new TimeoutError('dial', address, config.dialTimeout)), remaining);
    try {
      connection.protocol = await handshake((args) => connection.request(args), config, address, auth);
      return connection;
    } catch (error) {
      connection.destroy(error instanceof Error ? error : new Error(String(error)));
      throw connection.closeError ?? error;
    } finally {
      clearTimeout(timer);
    }
  }

  get inFlight(): number {
    return this.pending.length;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Queues a command; the callback runs exactly once, with the reply or a typed error. */
  send(command: Command): void {
    if (this.closed) {
      command.settle(this.closeError ?? new ConnectionError(`connection to ${this.address} is closed`, this.address), null);
      return;
    }
    command.written = false;
    if (this.pending.length === 0) this.armReadTimer();
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      writeTiming.schedule(this.flushNow);
    }
    this.pending.push(command);
    writeTiming.sent();
    this.outbox.push(command);
    this.acks?.noteSent(command);
  }

  private readonly flushNow = (): void => this.flush();

  /** A command whose reply is wanted as a promise (internal traffic: handshake, CLUSTER SHARDS, PING). */
  request(args: RespArg[], buffers = false): Promise<RespValue> {
    let created: ReturnType<typeof commandPromise>;
    try {
      created = commandPromise(args, buffers);
    } catch (error) {
      // A bad argument (InvalidArgumentError) fails this request alone, as a rejection like any other outcome.
      return Promise.reject(error as Error);
    }
    this.send(created.command);
    return created.reply;
  }

  /**
   * `AUTH` between commands, queued like any other: what is in flight is answered first, what comes
   * after runs as the new user. A failed AUTH leaves the socket authenticated as before.
   */
  reauthenticate(credentials: ResolvedCredentials): Promise<RespValue> {
    const password = credentials.password.reveal();
    return this.request(credentials.username === undefined ? ['AUTH', password] : ['AUTH', credentials.username, password]);
  }

  /** Lets a blocking command (BLPOP 5) outlive readTimeout by its own timeout. */
  extendReadDeadline(ms: number): void {
    this.headGraceMs = ms;
  }

  /** Resolves once nothing is in flight (or the connection is gone). */
  drained(): Promise<void> {
    if (this.pending.length === 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Graceful close: waits for in-flight replies, then ends the socket. */
  async close(): Promise<void> {
    await this.drained();
    if (this.closed) return;
    this.socket.end();
    this.destroy(new ConnectionError(`connection to ${this.address} closed by the client`, this.address));
  }

  /** Fails everything pending with `error` and tears the socket down; idempotent. */
  destroy(error: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.closeError = error;
    this.clearReadTimer();
    this.clearWriteTimer();
    this.socket.destroy();
    this.outbox = [];
    this.acks?.failAll(withWritten(error, true, this.address));
    const unanswered = this.pending.drain();
    writeTiming.answered(unanswered.length);
    for (const command of unanswered) {
      command.settle(withWritten(error, command.written, this.address), null);
    }
    this.notifyDrained();
    this.events.onClose?.(this, error);
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.closed || this.outbox.length === 0) return;
    const batch = this.outbox;
    this.outbox = [];
    const wait = this.acks?.takeWait();
    if (wait !== undefined) {
      this.pending.push(wait);
      writeTiming.sent();
      batch.push(wait);
    }
    const drainedToKernel = this.socket.write(joinWritten(batch));
    this.lastUsedAt = Date.now();
    if (!drainedToKernel) this.armWriteTimer();
  }

  private onData(chunk: Buffer, transient: boolean): void {
    this.chunkAt = Date.now();
    try {
      this.decoder.feed(chunk, transient);
    } catch (error) {
      const protocolError = error instanceof ProtocolError ? error : new ProtocolError(`reply handling failed: ${String(error)}`);
      this.destroy(protocolError);
    }
  }

  private onReply(value: RespValue): void {
    const command = this.pending.shift();
    if (command === undefined) throw new ProtocolError(`unexpected reply from ${this.address} with nothing in flight`);
    writeTiming.answered();
    this.headGraceMs = 0;
    // Bytes of a partial reply do not move this: a node trickling one byte at a time cannot hold a command.
    this.headSince = this.chunkAt;
    // The read timer is left to lapse rather than cleared: re-arming it for every lone command costs more than a stray wake-up.
    if (this.pending.length === 0 && this.drainWaiters.length > 0) this.notifyDrained();
    if (value instanceof ReplyError) command.settle(value, null);
    else if (this.acks === undefined || !this.acks.hold(command, value)) command.settle(null, value);
  }

  private armReadTimer(): void {
    this.headSince = Date.now();
    if (this.config.readTimeout === 0 || this.readTimer !== undefined) return;
    // A derived deadline (the heartbeat's interval x failures) may pass 2^31-1 ms, which Node would run after 1 ms.
    this.readTimer = setTimeout(this.onReadTimer, Math.min(this.config.readTimeout, 2 ** 31 - 1)).unref();
  }

  private readonly onReadTimer = (): void => this.checkReadDeadline();

  /** One timer per connection: each completed reply starts the next one's deadline, partial bytes do not. */
  private checkReadDeadline(): void {
    this.readTimer = undefined;
    if (this.closed || this.pending.length === 0) return;
    // A WAIT blocks up to its own timeout by design: that is progress, not a stalled node.
    const allowed = this.config.readTimeout + this.headGraceMs + (this.acks ? (this.config.waitReplicasTimeout ?? 0) : 0);
    const waitedFor = Date.now() - this.headSince;
    if (waitedFor >= allowed) {
      this.destroy(new TimeoutError('read', this.address, allowed, true));
      return;
    }
    // setTimeout treats anything above 2^31-1 ms as 1 ms; a forever-blocking call re-checks every ~24 days.
    this.readTimer = setTimeout(this.onReadTimer, Math.min(allowed - waitedFor, 2 ** 31 - 1)).unref();
  }

  private clearReadTimer(): void {
    if (this.readTimer !== undefined) clearTimeout(this.readTimer);
    this.readTimer = undefined;
  }

  private armWriteTimer(): void {
    if (this.config.writeTimeout === 0 || this.writeTimer !== undefined) return;
    this.writeTimer = setTimeout(
      () => this.destroy(new TimeoutError('write', this.address, this.config.writeTimeout, true)),
      this.config.writeTimeout,
    );
  }

  private clearWriteTimer(): void {
    if (this.writeTimer !== undefined) clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
  }

  private notifyDrained(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
