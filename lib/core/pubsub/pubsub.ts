import { keySlot } from '../slots/hash-slot';
import { ClientClosedError } from '../errors/client-closed-error';
import { MovedError } from '../errors/moved-error';
import { ReplyError } from '../errors/reply-error';
import type { RespValue } from '../resp/types';
import type { Master, PubSubHost } from './pubsub-host';
import { ResubscribeBackoff } from './resubscribe-backoff';
import { SubscriberSockets } from './subscriber-sockets';
import type { ReauthTarget } from '../connection/reauth';
import { deliverMessage, parseMessage } from './deliver-message';
import { CHANNELS, PATTERNS, SHARDED, type SubscriptionKind } from './subscription-kind';
import type { AnyMessageListener, SubscribeOptions, Subscriber } from './subscription-kind';
import { SubscriptionTable } from './subscription-table';

/**
 * Subscriptions of one client. Channels and patterns share one subscriber socket to any node
 * (cluster PUBLISH reaches every node); sharded channels live on the master that owns their slot,
 * one socket per master. A name is recorded only once the server confirms it; a subscribe() that
 * fails leaves nothing behind. Whatever breaks later (a socket, a failover, a slot migration), the
 * subscriptions are made again where they belong now, with backoff, failures reported as `error`.
 */
export class PubSub {
  private readonly tables: Record<SubscriptionKind['message'], SubscriptionTable> = {
    message: new SubscriptionTable(),
    pmessage: new SubscriptionTable(),
    smessage: new SubscriptionTable(),
  };
  private readonly sockets: SubscriberSockets;
  /** The global socket died: its confirmed channels and patterns are to be subscribed again on another. */
  private globalLost = false;
  /** Confirmed sharded channel -> master it is subscribed on; a confirmed channel missing here awaits resync. */
  private readonly homes = new Map<string, string>();
  private readonly backoff = new ResubscribeBackoff();
  private resyncing = false;
  private closed = false;
  /** subscribe() calls with `buffers` not yet settled: messages may arrive for them as soon as the server confirms. */
  private bufferCalls = 0;

  constructor(private readonly host: PubSubHost) {
    this.sockets = new SubscriberSockets(host, {
      onPush: (frame) => this.onPush(frame),
      onShardPush: (frame, address) => this.onShardPush(frame, address),
      onGlobalLost: (error) => this.onGlobalLost(error),
      onShardLost: (address, error) => this.onShardLost(address, error),
      wantsBuffers: () => this.wantsBuffers(),
    });
  }

  /** Resolves once the server confirmed every name and `listener` hears them (as Buffers with `buffers`); rejects with the server's or the dial's error. */
  async subscribe(kind: SubscriptionKind, names: string[], listener: AnyMessageListener, options: SubscribeOptions = {}): Promise<void> {
    if (this.closed) throw new ClientClosedError();
    const subscriber = { listener, buffers: options.buffers === true };
    // Counted from before SUBSCRIBE is sent, so no message to this listener is decoded as text.
    this.bufferCalls += Number(subscriber.buffers);
    try {
      await this.subscribeListener(kind, names, subscriber);
    } finally {
      this.bufferCalls -= Number(subscriber.buffers);
    }
  }

  private async subscribeListener(kind: SubscriptionKind, names: string[], subscriber: Subscriber): Promise<void> {
    const table = this.tables[kind.message];
    const unique = [...new Set(names)];
    const fresh = table.untracked(unique);
    if (kind === SHARDED) {
      // SSUBSCRIBE takes channels of one slot per call.
      for (const group of bySlot(fresh)) table.begin(group, this.subscribeShard(group));
    } else if (fresh.length > 0) {
      table.begin(fresh, this.subscribeGlobal(kind, fresh));
    }
    const outcomes = await Promise.allSettled(unique.map((name) => table.outcome(name)));
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed !== undefined) {
      // All or nothing for this listener: names this call had confirmed, and nobody hears, are unsubscribed.
      this.unsubscribeNames(kind, table.removeUnheard(unique));
      throw failed.reason;
    }
    // A concurrent unsubscribe() may have ended a name between its confirmation and now.
    const ended = unique.filter((name) => !table.listen(name, subscriber));
    if (ended.length > 0) await this.subscribeListener(kind, ended, subscriber);
  }

  /** Removes `listener` (or every listener) from `names`; unsubscribes names nobody listens to any more. */
  async unsubscribe(kind: SubscriptionKind, names: string[], listener?: AnyMessageListener): Promise<void> {
    const gone = this.tables[kind.message].remove(names, listener);
    if (kind !== SHARDED) return this.sockets.onOpenGlobal((socket) => socket.unsubscribe(kind, gone));
    await this.unsubscribeSharded(gone);
  }

  /** After a topology change: sharded channels whose slot has a new master follow it. */
  onTopologyChange(): void {
    const moved = [...this.homes].filter(([name, home]) => this.ownerOf(name)?.address !== home).map(([name]) => name);
    if (moved.length === 0) return;
    // The old owner may still hold them: Redis ends them itself only when it learns the move from the cluster bus.
    this.unsubscribeNames(SHARDED, moved);
    this.resync();
  }

  /** The subscriber sockets, for reauthInterval. */
  reauthTargets(): ReauthTarget[] {
    return this.sockets.reauthTargets();
  }

  /** Ends every subscription; resolves once the subscriber sockets (and dials under way) are gone. */
  close(): Promise<void> {
    this.closed = true;
    return this.sockets.close();
  }

  private async subscribeGlobal(kind: SubscriptionKind, names: string[]): Promise<void> {
    try {
      await this.sockets.onGlobal((socket) => socket.subscribe(kind, names));
      this.tables[kind.message].confirm(names);
    } catch (error) {
      this.host.error(error as Error);
      throw error;
    }
  }

  private async subscribeShard(group: string[]): Promise<void> {
    try {
      const address = await this.placeShard(group);
      this.tables.smessage.confirm(group);
      this.settleHomes(group, address);
    } catch (error) {
      this.host.error(error as Error);
      throw error;
    }
  }

  /** SSUBSCRIBE `group` (one slot) on the master that owns it; one reload and retry if that master says MOVED. */
  private async placeShard(group: string[]): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const owner = this.ownerOf(group[0]);
      if (owner === undefined) throw new ReplyError('CLUSTERDOWN', `CLUSTERDOWN no master serves the slot of sharded channel ${group[0]}`);
      try {
        await this.sockets.onShard(owner, (socket) => socket.subscribe(SHARDED, group));
        return owner.address;
      } catch (error) {
        if (!(error instanceof MovedError) || attempt > 0) throw error;
        await this.host.reload();
      }
    }
  }

  /** Records where `names` are subscribed, then checks that against the topology of now. */
  private settleHomes(names: string[], address: string): void {
    for (const name of names) this.homes.set(name, address);
    // The topology may have changed while SSUBSCRIBE was on the wire; its change event then found
    // no home to compare, and nothing else would ever move these channels.
    this.onTopologyChange();
  }

  /** Best effort: failures are reported, never thrown (callers may be socket events). */
  private unsubscribeNames(kind: SubscriptionKind, names: string[]): void {
    if (names.length === 0) return;
    const done = kind === SHARDED ? this.unsubscribeSharded(names) : this.sockets.onOpenGlobal((socket) => socket.unsubscribe(kind, names));
    void done?.catch((error: Error) => this.host.error(error));
  }

  /** SUNSUBSCRIBE where each channel is subscribed now; like SSUBSCRIBE, one slot per call. */
  private async unsubscribeSharded(names: string[]): Promise<void> {
    // Where each channel lives is read now, before any await lets a resync move it.
    const groups = [...groupBy(names, (name) => `${this.homes.get(name) ?? ''} ${keySlot(name)}`).values()].map((group) => ({
      address: this.homes.get(group[0]),
      group,
    }));
    for (const name of names) this.homes.delete(name);
    for (const { address, group } of groups) {
      if (address !== undefined) await this.sockets.onOpenShard(address, (socket) => socket.unsubscribe(SHARDED, group));
    }
  }

  private onGlobalLost(error: Error): void {
    this.host.error(error);
    this.globalLost = true;
    this.resync();
  }

  private onShardLost(address: string, error: Error): void {
    this.host.error(error);
    for (const [name, home] of this.homes) if (home === address) this.homes.delete(name);
    this.resync();
  }

  /** Whether the sockets decode the next frame with Buffers: while a Buffer listener exists or is being subscribed. */
  private wantsBuffers(): boolean {
    const { message, pmessage, smessage } = this.tables;
    return this.bufferCalls > 0 || message.hasBufferListeners || pmessage.hasBufferListeners || smessage.hasBufferListeners;
  }

  private onPush(frame: RespValue[]): void {
    const message = parseMessage(frame);
    if (message !== undefined) deliverMessage(this.tables[message.family].listenersOf(message.name), message, this.report);
  }

  private readonly report = (error: Error): void => this.host.error(error);

  private onShardPush(frame: RespValue[], address: string): void {
    const name = String(frame[1]);
    // The server ended a sharded subscription itself (its slot was migrated away): place it again.
    // Only when it was ours there: a late answer to our own SUNSUBSCRIBE is not news.
    if (frame[0] === 'sunsubscribe' && this.homes.get(name) === address) {
      this.homes.delete(name);
      this.resync();
    } else this.onPush(frame);
  }

  private ownerOf(channel: string): Master | undefined {
    return this.host.topology()?.shardOf(keySlot(channel))?.master;
  }

  private needsResync(): boolean {
    return this.globalLost || this.tables.smessage.confirmedNames().some((name) => !this.homes.has(name));
  }

  /** Brings the server side back in line with the confirmed names; one loop at a time, spaced by the backoff. */
  private resync(): void {
    if (this.resyncing || this.closed) return;
    this.resyncing = true;
    void this.resyncLoop().finally(() => {
      this.resyncing = false;
      // Work that arrived between the loop's last check and now (a microtask of a subscribe()) starts a new loop.
      if (this.needsResync()) this.resync();
    });
  }

  private async resyncLoop(): Promise<void> {
    // Checked after a tick: a subscribe() confirming names right now is counted in.
    await Promise.resolve();
    while (!this.closed && this.needsResync()) {
      const delay = this.backoff.nextDelay();
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay).unref());
      if (this.closed) return;
      try {
        if (this.globalLost) await this.resubscribeGlobal();
        await this.placeUnhomed();
      } catch (error) {
        this.host.error(error as Error);
      }
    }
  }

  private async resubscribeGlobal(): Promise<void> {
    this.globalLost = false;
    try {
      for (const kind of [CHANNELS, PATTERNS]) {
        const table = this.tables[kind.message];
        const names = table.confirmedNames();
        await this.sockets.onGlobal((socket) => socket.subscribe(kind, names));
        const ended = names.filter((name) => !table.isConfirmed(name));
        if (ended.length > 0) await this.sockets.onOpenGlobal((socket) => socket.unsubscribe(kind, ended));
      }
    } catch (error) {
      this.globalLost = true;
      throw error;
    }
  }

  /** Sharded channels without a home: reload the topology, then SSUBSCRIBE each slot's group on its master. */
  private async placeUnhomed(): Promise<void> {
    const table = this.tables.smessage;
    if (!table.confirmedNames().some((name) => !this.homes.has(name))) return;
    await this.host.reload();
    for (const group of bySlot(table.confirmedNames().filter((name) => !this.homes.has(name)))) {
      try {
        const address = await this.placeShard(group);
        // Homes first, in this tick: a topology change during the SUNSUBSCRIBE below must see them.
        this.settleHomes(
          group.filter((name) => table.isConfirmed(name)),
          address,
        );
        // Sunsubscribed by the application while SSUBSCRIBE was on the wire.
        const ended = group.filter((name) => !table.isConfirmed(name));
        if (ended.length > 0) await this.sockets.onOpenShard(address, (socket) => socket.unsubscribe(SHARDED, ended));
      } catch (error) {
        // Each slot is reported and the others still tried; the loop comes back for this one.
        this.host.error(error as Error);
      }
    }
  }
}

function bySlot(names: string[]): string[][] {
  return [...groupBy(names, (name) => String(keySlot(name))).values()];
}

function groupBy(names: string[], key: (name: string) => string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const k = key(name);
    const group = groups.get(k);
    if (group) group.push(name);
    else groups.set(k, [name]);
  }
  return groups;
}
