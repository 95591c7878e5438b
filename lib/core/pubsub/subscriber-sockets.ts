import type { ReauthTarget } from '../connection/reauth';
import { ReplyError } from '../errors/reply-error';
import type { RespValue } from '../resp/types';
import type { Master, PubSubHost } from './pubsub-host';
import { SubscriberConnection } from './subscriber-connection';

export interface SubscriberSocketEvents {
  /** A frame from the global socket. */
  onPush(frame: RespValue[]): void;
  /** A frame from the socket to the master at `address`. */
  onShardPush(frame: RespValue[], address: string): void;
  /** The established global socket died. */
  onGlobalLost(error: Error): void;
  /** The established socket to the master at `address` died. */
  onShardLost(address: string, error: Error): void;
  /** Decode the next frame's bulk strings as Buffers? */
  wantsBuffers(): boolean;
}

type Act = (socket: SubscriberConnection) => Promise<void>;

/**
 * The subscriber sockets of one client: one global socket for channels and patterns (cluster
 * PUBLISH reaches every node, so any master will do) and one per master holding sharded channels.
 * A socket whose dial failed is dropped, so the next attempt dials afresh, maybe elsewhere; one that
 * dies once established is reported lost.
 */
export class SubscriberSockets {
  private global: SubscriberConnection | undefined;
  private readonly shards = new Map<string, SubscriberConnection>();

  constructor(
    private readonly host: Pick<PubSubHost, 'topology' | 'connectionConfig'>,
    private readonly events: SubscriberSocketEvents,
  ) {}

  /** Runs `act` on the global socket, opened on a random master when there is none. */
  onGlobal(act: Act): Promise<void> {
    if (this.global === undefined) {
      const masters = this.host.topology()?.shards.map((s) => s.master) ?? [];
      const node = masters[Math.floor(Math.random() * masters.length)];
      if (node === undefined)
        return Promise.reject(new ReplyError('CLUSTERDOWN', 'CLUSTERDOWN no node to subscribe on: the client has no topology'));
      const socket = new SubscriberConnection(
        node.address,
        this.host.connectionConfig(node),
        this.events,
        this.events.onPush,
        (_self, error) => {
          if (this.global !== socket) return;
          this.global = undefined;
          this.events.onGlobalLost(error);
        },
      );
      this.global = socket;
    }
    return this.run(this.global, act);
  }

  /** Runs `act` on the socket to `node`, opened when there is none. */
  onShard(node: Master, act: Act): Promise<void> {
    let socket = this.shards.get(node.address);
    if (socket === undefined) {
      const address = node.address;
      const opened = new SubscriberConnection(
        address,
        this.host.connectionConfig(node),
        this.events,
        (frame) => this.events.onShardPush(frame, address),
        (_self, error) => {
          if (this.shards.get(address) === opened) this.shards.delete(address);
          this.events.onShardLost(address, error);
        },
      );
      this.shards.set(address, (socket = opened));
    }
    return this.run(socket, act);
  }

  /** Runs `act` on the global socket if there is one: unsubscribing needs no new socket. */
  onOpenGlobal(act: Act): Promise<void> | undefined {
    return this.global && act(this.global);
  }

  /** Runs `act` on the socket to `address` if there is one. */
  onOpenShard(address: string, act: Act): Promise<void> | undefined {
    const socket = this.shards.get(address);
    return socket && act(socket);
  }

  /** The established subscriber sockets, for reauthInterval. */
  reauthTargets(): ReauthTarget[] {
    const sockets = [this.global, ...this.shards.values()];
    return sockets.flatMap((socket) => socket?.reauthTarget() ?? []);
  }

  close(): Promise<void> {
    const closing = [this.global?.close(), ...[...this.shards.values()].map((socket) => socket.close())];
    this.global = undefined;
    this.shards.clear();
    return Promise.all(closing).then(() => undefined);
  }

  private async run(socket: SubscriberConnection, act: Act): Promise<void> {
    try {
      await act(socket);
    } catch (error) {
      if (!(error instanceof ReplyError) && !socket.connected) {
        if (this.global === socket) this.global = undefined;
        if (this.shards.get(socket.address) === socket) this.shards.delete(socket.address);
        socket.close();
      }
      throw error;
    }
  }
}
