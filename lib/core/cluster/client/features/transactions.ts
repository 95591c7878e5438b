import type { RedisKey } from '../../../commands/command-methods';
import { traceBatch } from '../../../diagnostics/batch-trace';
import { ConnectionError } from '../../../errors/connection-error';
import { ReplyError } from '../../../errors/reply-error';
import type { ResolvedOptions } from '../../../options/resolve-options';
import { Transaction } from '../../batch/transaction';
import { runTransaction, transactionSlot } from '../../batch/transaction-runner';
import { WatchSession } from '../../batch/watch-session';
import type { RouterContext } from '../../routing/command-router';
import type { Dispatcher } from '../dispatcher';

/** MULTI ... EXEC and WATCH for the client: one slot each, on that slot's master. */
export class Transactions {
  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly cluster: RouterContext,
    private readonly options: ResolvedOptions,
  ) {}

  multi(): Transaction {
    const { dispatcher, cluster, options } = this;
    return new Transaction((commands) =>
      traceBatch('transaction', commands, () =>
        dispatcher.whenUsable().then(() => runTransaction(cluster, options, transactionSlot(dispatcher.registry, commands), commands)),
      ),
    );
  }

  async watch<T>(keys: RedisKey | readonly RedisKey[], fn: (session: WatchSession) => Promise<T>): Promise<T> {
    await this.dispatcher.whenUsable();
    const list = Array.isArray(keys) ? [...keys] : [keys as RedisKey];
    const slot = transactionSlot(this.dispatcher.registry, [['WATCH', ...list]]);
    const shard = this.cluster.topology()?.shardOf(slot);
    if (shard === undefined) throw new ReplyError('CLUSTERDOWN', `CLUSTERDOWN no master serves slot ${slot}`);
    const pool = this.cluster.poolFor(shard.master);
    const connection = await pool.acquire();
    let broken = false;
    try {
      await connection.request(['WATCH', ...list]);
      return await fn(new WatchSession(connection, this.dispatcher.registry, slot));
    } catch (error) {
      // Only a socket that failed is untrustworthy; after a server error or the callback's own, UNWATCH cleans it.
      broken = error instanceof ConnectionError || !connection.isOpen;
      throw error;
    } finally {
      if (!broken && connection.isOpen) await connection.request(['UNWATCH']).catch(() => (broken = true));
      pool.release(connection, broken);
    }
  }
}
