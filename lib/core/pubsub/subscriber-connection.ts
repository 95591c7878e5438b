import { commandPromise } from '../connection/command';
import { Connection } from '../connection/connection';
import type { ConnectionConfig } from '../connection/connection-config';
import type { ReauthTarget } from '../connection/reauth';
import { ClientClosedError } from '../errors/client-closed-error';
import { ConnectionError } from '../errors/connection-error';
import type { RespValue } from '../resp/types';
import type { SubscriptionKind } from './subscription-kind';

/**
 * One socket in subscriber mode. RESP3 is asked for, so messages arrive as push frames beside
 * ordinary replies; a server without HELLO stays on RESP2, where the connection's subscriber mode
 * sorts the same frames out of the reply stream. A (un)subscribe resolves once the server has
 * confirmed every name, and rejects with the server's error or the dial's. When an established
 * socket dies, `onLost` lets the owner subscribe again wherever the names live now; a dial that
 * fails is only the failure of the call that needed it.
 */
export class SubscriberConnection {
  private connection: Promise<Connection> | undefined;
  private closed = false;
  /** The socket once its handshake is done, for reauthInterval. */
  private established: Connection | undefined;

  constructor(
    readonly address: string,
    private readonly config: ConnectionConfig,
    private readonly decoding: { wantsBuffers(): boolean },
    private readonly onPush: (frame: RespValue[]) => void,
    private readonly onLost: (self: SubscriberConnection, error: Error) => void,
  ) {}

  subscribe(kind: SubscriptionKind, names: readonly string[]): Promise<void> {
    return this.send(kind.subscribe, names);
  }

  unsubscribe(kind: SubscriptionKind, names: readonly string[]): Promise<void> {
    return this.send(kind.unsubscribe, names);
  }

  /** Whether a socket is open or being opened. */
  get connected(): boolean {
    return this.connection !== undefined;
  }

  /** Retiring it ends it like a lost socket: the owner subscribes again, on a fresh, authenticated one. */
  reauthTarget(): ReauthTarget | undefined {
    const connection = this.established;
    return connection?.isOpen ? { connection, subscriber: true, retire: () => void connection.close() } : undefined;
  }

  /**
   * Ends the socket without waiting for replies: a subscriber socket holds no caller's command worth
   * draining, and a frozen node must not hold up the client's close(). Resolves once a dial under
   * way has settled and its socket is gone.
   */
  close(): Promise<void> {
    this.closed = true;
    return (
      this.connection?.then(
        (c) => c.destroy(new ClientClosedError('subscriber connection')),
        () => undefined,
      ) ?? Promise.resolve()
    );
  }

  private async send(command: string, names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    if (this.closed) throw new ClientClosedError(`subscriber connection to ${this.address}`);
    const connection = await this.open();
    const { command: cmd, reply } = commandPromise([command, ...names]);
    cmd.expectPushes = names.length;
    connection.send(cmd);
    await reply;
  }

  private open(): Promise<Connection> {
    if (this.connection === undefined) {
      let established = false;
      const opening = Connection.open(
        { ...this.config, protocol: 3 },
        {
          subscriber: true,
          onPush: this.onPush,
          pushBuffers: () => this.decoding.wantsBuffers(),
          onClose: (_connection, error) => {
            if (this.connection === opening) this.connection = undefined;
            if (this.established === _connection) this.established = undefined;
            if (established && !this.closed) {
              this.onLost(this, error ?? new ConnectionError(`subscriber connection to ${this.address} closed`, this.address, true));
            }
          },
        },
      );
      this.connection = opening;
      opening.then(
        (connection) => {
          established = true;
          if (this.connection === opening) this.established = connection;
        },
        () => {
          if (this.connection === opening) this.connection = undefined;
        },
      );
    }
    return this.connection;
  }
}
