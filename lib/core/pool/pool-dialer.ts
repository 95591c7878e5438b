import type { Connection, ConnectionEvents } from '../connection/connection';
import type { ConnectionConfig } from '../connection/connection-config';
import { ClientClosedError } from '../errors/client-closed-error';
import type { OpenConnection } from './pool-options';

/** A pool's dials: how many are under way (they count toward poolSize), and what close() waits for. */
export class PoolDialer {
  private count = 0;
  private readonly opening = new Set<Promise<Connection>>();

  constructor(
    private readonly open: OpenConnection,
    private readonly config: ConnectionConfig,
    private readonly events: ConnectionEvents,
    private readonly closed: () => boolean,
  ) {}

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
    try {
      const connection = await opening;
      // Closed while this dial was under way: nobody would ever close this socket.
      if (this.closed()) {
        connection.destroy(new ClientClosedError('pool'));
        throw new ClientClosedError('pool');
      }
      return connection;
    } finally {
      this.count--;
      this.opening.delete(opening);
    }
  }
}
