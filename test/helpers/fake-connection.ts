import { commandPromise, type Command } from '../../lib/core/connection/command';
import type { Connection, ConnectionEvents } from '../../lib/core/connection/connection';
import type { ConnectionConfig } from '../../lib/core/connection/connection-config';
import { ConnectionError } from '../../lib/core/errors/connection-error';
import type { OpenConnection } from '../../lib/core/pool/node-pool';
import type { RespArg, RespValue } from '../../lib/core/resp/types';

/** What a fake connection answers a command with: a reply, an error, or undefined to leave it in flight. */
export type Responder = (args: RespArg[]) => RespValue | Error | undefined;

/**
 * A connection with no socket: commands wait in `pending` until the test answers them (or a
 * `responder` does), so a spec decides exactly when each reply arrives. It implements the part of
 * Connection's public surface that NodePool and Heartbeat use; `asConnection()` is the one cast.
 */
/** The members of Connection that NodePool and Heartbeat use: the fake is checked against them. */
type PoolFacing = Pick<
  Connection,
  | 'address'
  | 'createdAt'
  | 'lastUsedAt'
  | 'retiring'
  | 'inFlight'
  | 'isOpen'
  | 'send'
  | 'request'
  | 'extendReadDeadline'
  | 'drained'
  | 'close'
  | 'destroy'
>;

export class FakeConnection implements PoolFacing {
  readonly address: string;
  readonly createdAt = Date.now();
  lastUsedAt = Date.now();
  retiring = false;
  /** Every command ever sent here, oldest first. */
  readonly sent: Command[] = [];
  readonly pending: Command[] = [];
  closeCalls = 0;
  destroyedWith: Error | undefined;
  private closed = false;
  private drainWaiters: Array<() => void> = [];

  constructor(
    readonly config: ConnectionConfig,
    private readonly events: ConnectionEvents = {},
    public responder: Responder | undefined = undefined,
  ) {
    this.address = `${config.host}:${config.port}`;
  }

  get inFlight(): number {
    return this.pending.length;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  send(command: Command): void {
    if (this.closed) return command.settle(new ConnectionError(`connection to ${this.address} is closed`, this.address), null);
    this.lastUsedAt = Date.now();
    this.sent.push(command);
    const answer = this.responder?.(command.args);
    if (answer === undefined) this.pending.push(command);
    else command.settle(answer instanceof Error ? answer : null, answer instanceof Error ? null : answer);
  }

  request(args: RespArg[]): Promise<RespValue> {
    const { command, reply } = commandPromise(args);
    this.send(command);
    return reply;
  }

  /** Answers the oldest command in flight. */
  reply(value: RespValue | Error): void {
    const command = this.pending.shift();
    if (command === undefined) throw new Error(`${this.address}: nothing in flight to answer`);
    this.lastUsedAt = Date.now();
    command.settle(value instanceof Error ? value : null, value instanceof Error ? null : value);
    if (this.pending.length === 0) this.notifyDrained();
  }

  /** Answers every command in flight with `value`. */
  replyAll(value: RespValue): void {
    while (this.pending.length > 0) this.reply(value);
  }

  extendReadDeadline(): void {}

  drained(): Promise<void> {
    if (this.pending.length === 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closeCalls++;
    await this.drained();
    this.destroy(new ConnectionError(`connection to ${this.address} closed by the client`, this.address));
  }

  destroy(error: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.destroyedWith = error;
    for (const command of this.pending.splice(0)) command.settle(error, null);
    this.notifyDrained();
    this.events.onClose?.(this.asConnection(), error);
  }

  /**
   * The one cast: the pool and heartbeat only touch the members above, so a FakeConnection can
   * stand where they expect a Connection (whose constructor is private and needs a socket).
   */
  asConnection(): Connection {
    return this as unknown as Connection;
  }

  private notifyDrained(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** One call of the fake dial, settled by the test when `mode` is 'manual'. */
export interface PendingDial {
  config: ConnectionConfig;
  succeed(): FakeConnection;
  fail(error: Error): void;
}

/**
 * The injected `open` for NodePool and Heartbeat. 'open' resolves at once with a FakeConnection,
 * 'fail' rejects with `failure`, 'manual' leaves each dial in `dials` for the test to settle.
 */
export class FakeDialer {
  mode: 'open' | 'fail' | 'manual' = 'open';
  failure: Error = new ConnectionError('connect ECONNREFUSED', 'fake', false);
  /** Given to every connection this dialer makes. */
  responder: Responder | undefined;
  readonly connections: FakeConnection[] = [];
  readonly dials: PendingDial[] = [];
  calls = 0;

  readonly open: OpenConnection = (config, events) => {
    this.calls++;
    if (this.mode === 'fail') return Promise.reject(this.failure);
    return new Promise<Connection>((resolve, reject) => {
      const pending: PendingDial = {
        config,
        succeed: () => {
          const connection = new FakeConnection(config, events, this.responder);
          this.connections.push(connection);
          resolve(connection.asConnection());
          return connection;
        },
        fail: reject,
      };
      if (this.mode === 'open') pending.succeed();
      else this.dials.push(pending);
    });
  };

  /** Connections still open. */
  get live(): FakeConnection[] {
    return this.connections.filter((c) => c.isOpen);
  }
}

/** A ConnectionConfig with nothing to dial: for fakes, which never read most of it. */
export function fakeConfig(port = 7000): ConnectionConfig {
  return {
    host: '127.0.0.1',
    port,
    tls: undefined,
    username: undefined,
    password: undefined,
    clientName: undefined,
    protocol: 3,
    readOnly: false,
    dialTimeout: 1000,
    readTimeout: 1000,
    writeTimeout: 1000,
  };
}
