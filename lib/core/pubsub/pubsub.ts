import type { ConnectionConfig } from '../connection/connection-config';
import { keySlot } from '../cluster/hash-slot';
import type { Topology } from '../cluster/topology';
import type { NodeAddress } from '../options/client-options';
import type { RespValue } from '../resp/types';
import { SubscriberConnection } from './subscriber-connection';
import { CHANNELS, PATTERNS, SHARDED, type MessageListener, type SubscriptionKind } from './subscription-kind';

export interface PubSubHost {
  topology(): Topology | undefined;
  reload(): Promise<void>;
  connectionConfig(address: NodeAddress): ConnectionConfig;
  error(error: Error): void;
}

type Listeners = Map<string, Set<MessageListener>>;

const RESUBSCRIBE_BACKOFF_MS = [50, 100, 250, 500, 1000, 2000];

/**
 * Subscriptions of one client. Channels and patterns share one subscriber socket to any node
 * (cluster PUBLISH reaches every node); sharded channels live on the master that owns their slot,
 * one socket per master. Whatever breaks (a socket, a failover, a slot migration announced by the
 * server's own `sunsubscribe`), the subscriptions are made again where they belong now.
 */
export class PubSub {
  private readonly listeners: Record<SubscriptionKind['message'], Listeners> = { message: new Map(), pmessage: new Map(), smessage: new Map() };
  private global: SubscriberConnection | undefined;
  private readonly shardConnections = new Map<string, SubscriberConnection>();
  /** Sharded channel -> address of the master it is subscribed on. */
  private readonly homes = new Map<string, string>();
  private closed = false;

  constructor(private readonly host: PubSubHost) {}

  async subscribe(kind: SubscriptionKind, names: string[], listener: MessageListener): Promise<void> {
    const fresh = this.add(kind, names, listener);
    if (kind === SHARDED) await this.subscribeSharded(fresh);
    else await this.globalConnection().subscribe(kind, fresh);
  }

  /** Removes `listener` (or every listener) from `names`; unsubscribes names nobody listens to any more. */
  async unsubscribe(kind: SubscriptionKind, names: string[], listener?: MessageListener): Promise<void> {
    const table = this.listeners[kind.message];
    const gone = names.filter((name) => {
      const set = table.get(name);
      if (set === undefined) return false;
      if (listener) set.delete(listener);
      if (listener && set.size > 0) return false;
      table.delete(name);
      return true;
    });
    if (kind !== SHARDED) return this.global?.unsubscribe(kind, gone);
    await this.unsubscribeSharded(gone);
  }

  /** SUNSUBSCRIBE where each channel is subscribed now; like SSUBSCRIBE, one slot per call. */
  private async unsubscribeSharded(names: string[]): Promise<void> {
    // Where each channel lives is read now, before any await lets a re-subscription move it.
    const groups = [...groupBy(names, (name) => `${this.homes.get(name) ?? ''} ${keySlot(name)}`).values()].map(
      (group) => ({ address: this.homes.get(group[0]) ?? '', group }),
    );
    for (const name of names) this.homes.delete(name);
    for (const { address, group } of groups) await this.shardConnections.get(address)?.unsubscribe(SHARDED, group);
  }

  /** After a topology change: sharded channels whose slot has a new master follow it. */
  onTopologyChange(): void {
    const moved = [...this.homes].filter(([name, home]) => this.ownerOf(name)?.address !== home).map(([name]) => name);
    if (moved.length === 0) return;
    // The old owner may still hold them (Redis ends them itself only when it learns the move by gossip).
    void this.unsubscribeSharded(moved).catch(() => undefined);
    void this.rehome(moved);
  }

  close(): void {
    this.closed = true;
    this.global?.close();
    for (const connection of this.shardConnections.values()) connection.close();
    this.shardConnections.clear();
  }

  private add(kind: SubscriptionKind, names: string[], listener: MessageListener): string[] {
    const table = this.listeners[kind.message];
    const fresh: string[] = [];
    for (const name of names) {
      let set = table.get(name);
      if (set === undefined) {
        table.set(name, (set = new Set()));
        fresh.push(name);
      }
      set.add(listener);
    }
    return fresh;
  }

  private async subscribeSharded(names: string[]): Promise<void> {
    // SSUBSCRIBE takes channels of one slot per call.
    for (const group of groupBy(names, (name) => String(keySlot(name))).values()) {
      const owner = this.ownerOf(group[0]);
      if (owner === undefined) throw new Error(`no master serves the slot of sharded channel ${group[0]}`);
      await this.shardConnection(owner).subscribe(SHARDED, group);
      for (const name of group) this.homes.set(name, owner.address);
    }
  }

  private onPush = (frame: RespValue[]): void => {
    const kind = String(frame[0]);
    if (kind === 'message' || kind === 'smessage') this.deliver(this.listeners[kind].get(String(frame[1])), String(frame[2]), String(frame[1]));
    else if (kind === 'pmessage') this.deliver(this.listeners.pmessage.get(String(frame[1])), String(frame[3]), String(frame[2]), String(frame[1]));
    // The server dropped a sharded subscription itself: its slot was migrated away.
    else if (kind === 'sunsubscribe' && this.listeners.smessage.has(String(frame[1]))) void this.rehome([String(frame[1])]);
  };

  private deliver(listeners: Set<MessageListener> | undefined, message: string, channel: string, pattern?: string): void {
    for (const listener of listeners ?? []) {
      try {
        listener(message, channel, pattern);
      } catch (error) {
        this.host.error(error as Error);
      }
    }
  }

  private globalConnection(): SubscriberConnection {
    if (this.global === undefined) {
      const masters = this.host.topology()?.shards.map((s) => s.master) ?? [];
      const node = masters[Math.floor(Math.random() * masters.length)];
      if (node === undefined) throw new Error('no node to subscribe on: the client has no topology');
      this.global = new SubscriberConnection(node.address, this.host.connectionConfig(node), this.onPush, () => {
        this.global = undefined;
        void this.retry(async () => {
          await this.globalConnection().subscribe(CHANNELS, [...this.listeners.message.keys()]);
          await this.globalConnection().subscribe(PATTERNS, [...this.listeners.pmessage.keys()]);
        });
      });
    }
    return this.global;
  }

  private shardConnection(node: NodeAddress & { address: string }): SubscriberConnection {
    let connection = this.shardConnections.get(node.address);
    if (connection === undefined) {
      connection = new SubscriberConnection(node.address, this.host.connectionConfig(node), this.onPush, (lost) => {
        this.shardConnections.delete(lost.address);
        void this.rehome([...this.homes].filter(([, home]) => home === lost.address).map(([name]) => name));
      });
      this.shardConnections.set(node.address, connection);
    }
    return connection;
  }

  private async rehome(names: string[]): Promise<void> {
    for (const name of names) this.homes.delete(name);
    await this.retry(async () => {
      await this.host.reload();
      const wanted = names.filter((name) => this.listeners.smessage.has(name) && !this.homes.has(name));
      await this.subscribeSharded(wanted);
    });
  }

  private ownerOf(channel: string): (NodeAddress & { address: string }) | undefined {
    return this.host.topology()?.shardOf(keySlot(channel))?.master;
  }

  private async retry(task: () => Promise<void>): Promise<void> {
    for (let attempt = 0; !this.closed; attempt++) {
      try {
        return await task();
      } catch (error) {
        this.host.error(error as Error);
        const delay = RESUBSCRIBE_BACKOFF_MS[Math.min(attempt, RESUBSCRIBE_BACKOFF_MS.length - 1)];
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
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

export { CHANNELS, PATTERNS, SHARDED };
