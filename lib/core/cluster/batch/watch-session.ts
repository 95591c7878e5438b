import type { Connection } from '../../connection/connection';
import { CommandMethods, type SendOptions } from '../../commands/command-methods';
import type { CommandRegistry } from '../../commands/command-registry';
import { CrossSlotKeysError } from '../../errors/cross-slot-error';
import type { RespArg } from '../../resp/types';
import { checkQueuedCommand, Transaction } from './transaction';
import { runOnConnection, transactionSlot } from './transaction-runner';

/**
 * Commands on the connection that holds a WATCH, checked out for the session's lifetime. Every key
 * must be in the watched slot: a key elsewhere would be read from another node and the optimistic
 * lock would not cover it. `multi()` here queues the transaction that EXECs under the WATCH.
 */
export class WatchSession extends CommandMethods<'promise'> {
  constructor(
    private readonly connection: Connection,
    private readonly registry: CommandRegistry,
    private readonly slot: number,
  ) {
    super();
  }

  call(command: string, ...args: RespArg[]): Promise<unknown> {
    return this.send([command, ...args]);
  }

  multi(): Transaction {
    return new Transaction((commands) => {
      this.checkSlot(transactionSlot(this.registry, commands));
      return runOnConnection(this.connection, commands);
    });
  }

  protected send<V>(args: RespArg[], options?: SendOptions<V>): Promise<V> {
    try {
      checkQueuedCommand(args);
      this.checkSlot(transactionSlot(this.registry, [args]));
    } catch (error) {
      return Promise.reject(error);
    }
    const reply = this.connection.request(args, options?.buffers);
    const transform = options?.transform;
    return transform ? reply.then(transform) : (reply as Promise<V>);
  }

  private checkSlot(slot: number): void {
    if (slot !== -1 && slot !== this.slot) throw new CrossSlotKeysError('WATCH', [this.slot, slot]);
  }
}
