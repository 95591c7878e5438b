import type { Connection, ConnectionEvents } from '../connection/connection';
import type { ConnectionConfig } from '../connection/connection-config';
import { publishConnection } from '../diagnostics/publish-events';
import { ClientClosedError } from '../errors/client-closed-error';
import type { OpenConnection } from './pool-options';

/** A pool's dials: how many are under way (they count toward poolSize), and what close() waits for. */
export class PoolDialer {
  private count = 0;
  private readonly opening = new Set<Promise<Connection>>();
  private readonly events: ConnectionEvents;

  constructor(
    private readonly open: OpenConnection,
    private readonly config: ConnectionConfig,
    events: ConnectionEvents,
    private readonly closed: () => boolean,
  ) {
    // Every socket's close is also a `slotline:connection` message (published only when subscribed).
    this.events = {
      ...events,
      onClose: (connection, error) => {
        events.onClose?.(connection, error);
        publishConnection('close', connection.address, error);
      },
    };
  }

  get inProgress(): number {
    return this.count;
  }

  /** The dials under way; close() waits for them, so no socket opens after it resolves. */
  underway(): Promise<Connection>[] {
    return [...this.opening];
  }

  async dial(): Promise<Connection> {
    this.count++;
    const opening = this.open(this.config, this.events);
    this.opening.add(opening);
    opening.catch((error: Error) => publishConnection('dialFailed', `${this.config.host}:${this.config.port}`, error));
    try {
      const connection = await opening;
      // Closed while this dial was under way: nobody would ever close this socket.
      if (this.closed()) {
        connection.destroy(new ClientClosedError('pool'));
        throw new ClientClosedError('pool');
      }
      publishConnection('connect', connection.address, undefined);
      return connection;
    } finally {
      this.count--;
      this.opening.delete(opening);
    }
  }
}
