import type { AnyMessageListener, Subscriber } from './subscription-kind';

/** The listeners of one name, each with whether it wants Buffers. */
export type Listeners = ReadonlyMap<AnyMessageListener, boolean>;

/**
 * The names of one subscription family and who listens to them. A name is recorded only once the
 * server has confirmed it; while its SUBSCRIBE is on the wire it is in flight, so a second
 * subscribe() of it shares that outcome instead of sending again or assuming success.
 */
export class SubscriptionTable {
  private readonly confirmed = new Map<string, Map<AnyMessageListener, boolean>>();
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Listeners registered with `buffers`, over all names: while there is one, the sockets decode Buffers. */
  private buffered = 0;

  listenersOf(name: string): Listeners | undefined {
    return this.confirmed.get(name);
  }

  get hasBufferListeners(): boolean {
    return this.buffered > 0;
  }

  isConfirmed(name: string): boolean {
    return this.confirmed.has(name);
  }

  confirmedNames(): string[] {
    return [...this.confirmed.keys()];
  }

  /** Names neither confirmed nor on their way: the ones a subscribe() must send. */
  untracked(names: readonly string[]): string[] {
    return names.filter((name) => !this.confirmed.has(name) && !this.inFlight.has(name));
  }

  /** `names` wait for `subscribing`, which confirms them itself before it resolves. */
  begin(names: readonly string[], subscribing: Promise<void>): void {
    for (const name of names) this.inFlight.set(name, subscribing);
    const done = (): void => {
      for (const name of names) if (this.inFlight.get(name) === subscribing) this.inFlight.delete(name);
    };
    subscribing.then(done, done);
  }

  /** The outcome a subscribe() of `name` waits for: its SUBSCRIBE in flight, or none. */
  outcome(name: string): Promise<void> | undefined {
    return this.inFlight.get(name);
  }

  /** The server confirmed `names`: they are subscribed, with no listener yet. */
  confirm(names: readonly string[]): void {
    for (const name of names) if (!this.confirmed.has(name)) this.confirmed.set(name, new Map());
  }

  /**
   * Adds `listener` to a confirmed name; false when the name is not (or no longer) subscribed. A
   * listener is held once per name: subscribing it again with the other `buffers` switches it.
   */
  listen(name: string, { listener, buffers }: Subscriber): boolean {
    const listeners = this.confirmed.get(name);
    if (listeners === undefined) return false;
    this.buffered += Number(buffers) - Number(listeners.get(listener) === true);
    listeners.set(listener, buffers);
    return true;
  }

  /** Removes `listener` (or every listener) from `names`; returns the names nobody listens to any more, now forgotten. */
  remove(names: readonly string[], listener?: AnyMessageListener): string[] {
    return names.filter((name) => {
      const listeners = this.confirmed.get(name);
      if (listeners === undefined) return false;
      if (listener !== undefined) {
        this.buffered -= Number(listeners.get(listener) === true);
        listeners.delete(listener);
        if (listeners.size > 0) return false;
      }
      for (const buffers of listeners.values()) this.buffered -= Number(buffers);
      this.confirmed.delete(name);
      return true;
    });
  }

  /** Of `names`, those confirmed with no listener and no SUBSCRIBE in flight: a failed call leaves them behind. Forgotten now. */
  removeUnheard(names: readonly string[]): string[] {
    return names.filter((name) => {
      if (this.confirmed.get(name)?.size !== 0 || this.inFlight.has(name)) return false;
      this.confirmed.delete(name);
      return true;
    });
  }
}
