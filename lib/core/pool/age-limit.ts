import type { Connection } from '../connection/connection';

/**
 * maxConnAge per connection: each one retires at 90-100% of it, so sockets opened together
 * (minIdleConns) do not all close in one reaper tick and leave the node without a socket.
 */
export class AgeLimit {
  private readonly factors = new WeakMap<Connection, number>();

  constructor(private readonly maxConnAge: number) {}

  /** Past its (jittered) maxConnAge at `now`; never when maxConnAge is 0. */
  reached(connection: Connection, now: number): boolean {
    if (this.maxConnAge === 0) return false;
    let factor = this.factors.get(connection);
    if (factor === undefined) this.factors.set(connection, (factor = 0.9 + Math.random() * 0.1));
    return now - connection.createdAt >= this.maxConnAge * factor;
  }
}
