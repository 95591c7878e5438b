import { Command } from '../connection/command';
import { Connection } from '../connection/connection';
import type { ConnectionConfig } from '../connection/connection-config';
import type { ReauthTarget } from '../connection/reauth';
import { ClientClosedError } from '../errors/client-closed-error';
import { PoolTimeoutError } from '../errors/pool-timeout-error';
import { AgeLimit } from './age-limit';
import { PoolDialer } from './pool-dialer';
import { planReaping } from './reaping';
import { PIPELINE_DEPTH_PER_CONNECTION, type NodePoolOptions } from './pool-options';
import type { PoolStats } from './pool-stats';
import { settleWithin } from './settle-within';
import { WaiterQueue, withTimeout } from './waiter-queue';
import { WaitingCommands } from './waiting-commands';

export type { NodePoolOptions, OpenConnection } from './pool-options';

/**
 * The connections to one node. Ordinary commands share connections and are pipelined (most traffic
 * never owns a socket); exclusive work (WATCH/MULTI, blocking commands, subscriptions) checks one
 * out. `poolSize` bounds both together, as in go-redis.
 */
export class NodePool {
  private readonly shared: Connection[] = [];
  private readonly checkedOut = new Set<Connection>();
  private readonly dialer: PoolDialer;
  private sharedDialInFlight = false;
  private readonly waiting: WaitingCommands;
  private readonly exclusiveWaiters = new WaiterQueue<Connection>();
  private readonly counters = { hits: 0, misses: 0, timeouts: 0, staleConns: 0 };
  private readonly reaper: NodeJS.Timeout;
  private closed = false;
  private readonly ageLimit: AgeLimit;
  /** The socket this synchronous run sends on; see pickShared. */
  private sticky: Connection | undefined;

  constructor(
    readonly address: string,
    config: ConnectionConfig,
    private readonly options: NodePoolOptions,
  ) {
    this.ageLimit = new AgeLimit(options.maxConnAge);
    this.waiting = new WaitingCommands(options.poolTimeout, () => this.timeoutError());
    const events = { onClose: (connection: Connection) => this.forget(connection) };
    this.dialer = new PoolDialer(options.open ?? Connection.open, config, events, () => this.closed);
    this.reaper = setInterval(() => this.reap(), options.idleCheckFrequency);
    this.reaper.unref();
  }

  /** Opens minIdleConns connections; resolves when they are up, rejects with the first dial error. */
  async start(): Promise<void> {
    const missing = this.options.minIdleConns - this.total;
    const dials: Promise<void>[] = [];
    for (let i = 0; i < missing; i++) dials.push(this.dialer.dial().then((c) => this.addShared(c)));
    await Promise.all(dials);
  }

  /** Sends an ordinary (pipelined) command on the fullest connection that still has room. */
  send(command: Command): void {
    if (this.closed) return command.settle(new ClientClosedError('pool'), null);
    const connection = this.pickShared();
    if (connection !== undefined) {
      this.counters.hits++;
      // pickShared only returns a connection this deep when every shared one is: time for another.
      if (connection.inFlight >= PIPELINE_DEPTH_PER_CONNECTION) this.growShared();
      connection.send(command);
      return;
    }
    this.waiting.push(command);
    this.growShared();
    // A dial under way settles within dialTimeout and then serves or fails the waiting commands with
    // its own error; poolTimeout only bounds a wait for sockets held by others (all checked out).
    if (!this.sharedDialInFlight) this.waiting.armTimeout();
  }

  /**
   * Sends `commands` back to back on one connection, with nothing in between: ASKING applies to the
   * next command on its own connection, and MULTI ... EXEC must not interleave with other traffic.
   */
  sendGroup(commands: readonly Command[]): void {
    const connection = this.closed ? undefined : this.pickShared();
    if (connection === undefined) {
      // No socket yet: they queue in order and are flushed in order to the first one that opens.
      for (const command of commands) this.send(command);
      return;
    }
    this.counters.hits++;
    for (const command of commands) connection.send(command);
  }

  /** Takes a connection for exclusive use; give it back with release(). Bounded by poolTimeout. */
  async acquire(): Promise<Connection> {
    if (this.closed) throw new ClientClosedError('pool');
    const idle = this.shared.find((c) => c.inFlight === 0 && !c.retiring);
    if (idle !== undefined) {
      this.counters.hits++;
      this.removeShared(idle);
      return this.checkOut(idle);
    }
    if (this.total < this.options.poolSize) {
      this.counters.misses++;
      const connection = await this.dialer.dial();
      if (this.closed) {
        connection.destroy(new ClientClosedError('pool'));
        throw new ClientClosedError('pool');
      }
      return this.checkOut(connection);
    }
    if (this.shared.length > 1) {
      // Take the least busy shared socket out of rotation and let it drain, rather than queue
      // behind other exclusive users that may hold theirs for a long time (BLPOP 0).
      const quietest = this.shared.reduce((a, b) => (a.inFlight <= b.inFlight ? a : b));
      this.removeShared(quietest);
      this.counters.hits++;
      this.checkOut(quietest);
      try {
        await withTimeout(quietest.drained(), this.options.poolTimeout, () => this.timeoutError());
      } catch (error) {
        this.checkedOut.delete(quietest);
        if (quietest.isOpen) this.addShared(quietest);
        throw error;
      }
      return quietest;
    }
    return this.exclusiveWaiters.wait(this.options.poolTimeout, () => this.timeoutError());
  }

  /** Returns a checked-out connection. `discard` when its state cannot be trusted (SUBSCRIBE, a failed MULTI). */
  release(connection: Connection, discard = false): void {
    if (!this.checkedOut.delete(connection)) return;
    if (discard || this.closed || !connection.isOpen) {
      connection.destroy(new ClientClosedError('connection'));
      return;
    }
    if (this.exclusiveWaiters.serve(connection)) {
      this.checkedOut.add(connection);
      return;
    }
    this.addShared(connection);
  }

  /** The shared sockets, for reauthInterval; checked-out ones are skipped (an AUTH must not land inside a MULTI) and get theirs once back. */
  reauthTargets(): ReauthTarget[] {
    return this.shared.map((connection) => ({ connection, retire: () => this.retire(connection) }));
  }

  stats(): PoolStats {
    let idle = 0;
    for (const c of this.shared) if (c.inFlight === 0) idle++;
    return { ...this.counters, totalConns: this.total, idleConns: idle };
  }

  /**
   * Waits for in-flight commands and dials, then closes every socket and timer. `reason` is what
   * commands still waiting for a socket get: by default the client is closing; when the node merely
   * left the topology, a ConnectionError that was never written, so the router sends them elsewhere.
   * Past `graceMs` (a node that never answers) what is still in flight fails with ClientClosedError
   * and the sockets are destroyed, so close() has a bound whatever the node does.
   */
  async close(reason: Error = new ClientClosedError('pool'), graceMs = Infinity): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.reaper);
    this.waiting.failAll(reason);
    this.exclusiveWaiters.failAll(reason);
    const connections = [...this.shared, ...this.checkedOut];
    await settleWithin(Promise.allSettled([...connections.map((c) => c.close()), ...this.dialer.underway()]), graceMs);
    for (const connection of connections) connection.destroy(new ClientClosedError('connection'));
  }

  /** Fails what is in flight on the shared sockets and drops them; the pool stays usable. */
  reset(error: Error): void {
    for (const connection of [...this.shared]) connection.destroy(error);
  }

  private get total(): number {
    return this.shared.length + this.checkedOut.size + this.dialer.inProgress;
  }

  /**
   * The socket for the next ordinary command. Everything sent in one synchronous run (a pipeline's
   * exec, a burst of callers resumed by one read) goes to one socket: its commands keep their order
   * and leave in one write. The next run fills the first socket with room, or the least busy.
   */
  private pickShared(): Connection | undefined {
    if (this.sticky !== undefined) return this.sticky;
    let best: Connection | undefined;
    for (const c of this.shared) {
      if (c.inFlight < PIPELINE_DEPTH_PER_CONNECTION) {
        best = c;
        break;
      }
      if (best === undefined || c.inFlight < best.inFlight) best = c;
    }
    if (best !== undefined) {
      this.sticky = best;
      process.nextTick(this.unstick);
    }
    return best;
  }

  private readonly unstick = (): void => {
    this.sticky = undefined;
  };

  /** Takes a connection out of the shared rotation (checked out, retired, or gone). */
  private removeShared(connection: Connection): void {
    const index = this.shared.indexOf(connection);
    if (index !== -1) this.shared.splice(index, 1);
    if (this.sticky === connection) this.sticky = undefined;
  }

  private growShared(): void {
    if (this.sharedDialInFlight || this.closed || this.total >= this.options.poolSize) return;
    this.sharedDialInFlight = true;
    this.counters.misses++;
    this.dialer.dial().then(
      (connection) => {
        this.sharedDialInFlight = false;
        this.addShared(connection);
      },
      (error: Error) => {
        this.sharedDialInFlight = false;
        // The commands that were waiting for this dial never left the client: safe to retry elsewhere.
        this.waiting.failAll(error);
      },
    );
  }

  private addShared(connection: Connection): void {
    if (this.closed) {
      void connection.close();
      return;
    }
    if (this.exclusiveWaiters.serve(connection)) {
      this.checkedOut.add(connection);
      return;
    }
    this.shared.push(connection);
    // All to this one socket, in order: groups queued together (ASKING + command, MULTI ... EXEC) stay together.
    this.waiting.flushTo((command) => {
      this.counters.hits++;
      connection.send(command);
    });
  }

  private checkOut(connection: Connection): Connection {
    this.checkedOut.add(connection);
    return connection;
  }

  private forget(connection: Connection): void {
    this.removeShared(connection);
    this.checkedOut.delete(connection);
  }

  /** Closes connections idle past idleTimeout or older than maxConnAge, then tops up to minIdleConns. */
  private reap(): void {
    if (this.closed) return;
    const { idleTimeout, minIdleConns } = this.options;
    const plan = planReaping(this.shared, { now: Date.now(), total: this.total, idleTimeout, minIdleConns }, this.ageLimit);
    for (const c of plan.retire) this.retire(c);
    for (const c of plan.replace) this.replace(c);
    // A node that cannot be reached is the heartbeat's to report; the next tick tries again.
    for (let i = this.total; i < minIdleConns; i++) this.dialer.dial().then((c) => this.addShared(c), noop);
  }

  /** Out of rotation at once; closed once its in-flight commands are answered. */
  private retire(connection: Connection): void {
    this.removeShared(connection);
    connection.retiring = true;
    this.counters.staleConns++;
    void connection.close();
  }

  /**
   * An aged socket the node cannot spare (minIdleConns) is retired only once its successor is up,
   * so the node never has fewer open sockets than minIdleConns.
   */
  private replace(connection: Connection): void {
    if (connection.retiring) return;
    connection.retiring = true;
    this.dialer.dial().then(
      (successor) => {
        this.addShared(successor);
        this.retire(connection);
      },
      () => {
        connection.retiring = false; // try again on a later tick
      },
    );
  }

  private timeoutError(): PoolTimeoutError {
    this.counters.timeouts++;
    return new PoolTimeoutError(this.address, this.options.poolTimeout);
  }
}

function noop(): void {}
