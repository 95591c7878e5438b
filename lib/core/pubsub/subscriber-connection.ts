import { Command, commandPromise } from '../connection/command';
import { Connection } from '../connection/connection';
import type { ConnectionConfig } from '../connection/connection-config';
import type { RespValue } from '../resp/types';
import type { SubscriptionKind } from './subscription-kind';

/**
 * One socket in subscriber mode. RESP3 is required: messages arrive as push frames beside ordinary
 * replies, so the same socket can still answer PING. When it dies, `onLost` lets the owner
 * subscribe again wherever the channels live now.
 */
export class SubscriberConnection {
  private connection: Promise<Connection> | undefined;
  private closed = false;

  constructor(
    readonly address: string,
    private readonly config: ConnectionConfig,
    private readonly onPush: (frame: RespValue[]) => void,
    private readonly onLost: (self: SubscriberConnection) => void,
  ) {}

  async subscribe(kind: SubscriptionKind, names: string[]): Promise<void> {
    await this.send(kind.subscribe, names);
  }

  async unsubscribe(kind: SubscriptionKind, names: string[]): Promise<void> {
    await this.send(kind.unsubscribe, names);
  }

  close(): void {
    this.closed = true;
    void this.connection?.then((c) => c.close(), () => undefined);
  }

  private async send(command: string, names: string[]): Promise<void> {
    if (names.length === 0) return;
    const connection = await this.open();
    const { command: cmd, reply } = commandPromise([command, ...names]);
    cmd.expectPushes = names.length;
    connection.send(cmd as Command);
    await reply;
  }

  private open(): Promise<Connection> {
    if (this.connection === undefined) {
      const opening = Connection.open(
        { ...this.config, protocol: 3 },
        {
          onPush: this.onPush,
          onClose: () => {
            if (this.connection === opening) this.connection = undefined;
            if (!this.closed) this.onLost(this);
          },
        },
      );
      this.connection = opening;
      opening.catch(() => {
        if (this.connection === opening) this.connection = undefined;
      });
    }
    return this.connection;
  }
}
