import type { ObservedClient } from '../client';

/**
 * The clients this instrumentation has seen publish (by their command contexts and cluster events),
 * held weakly: observing a client never keeps it alive after the application drops it.
 */
export class ObservedClients {
  private readonly seen = new WeakSet<ObservedClient>();
  private readonly refs = new Set<WeakRef<ObservedClient>>();

  add(client: ObservedClient): void {
    if (this.seen.has(client)) return;
    this.seen.add(client);
    this.refs.add(new WeakRef(client));
  }

  /** The live ones; collected ones are forgotten on the way. */
  *[Symbol.iterator](): Iterator<ObservedClient> {
    for (const ref of this.refs) {
      const client = ref.deref();
      if (client === undefined) this.refs.delete(ref);
      else yield client;
    }
  }
}
