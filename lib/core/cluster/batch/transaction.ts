import { refusalOf } from '../../commands/connection-state-commands';
import { ReplyError } from '../../errors/reply-error';
import { checkArguments } from '../../resp/encoder';
import type { RespArg, RespValue } from '../../resp/types';
import { CommandQueue, type PipelineResult } from './command-queue';

/** Runs MULTI, the commands and EXEC on one connection; EXEC's array, or null when a WATCHed key changed. */
export type TransactionRunner = (commands: RespArg[][]) => Promise<RespValue[] | null>;

/**
 * MULTI ... EXEC: the queued commands run atomically on the master of their one slot. Keys in
 * several slots are refused before anything is sent. `exec()` resolves to `[error, reply]` per
 * command (a command can fail inside a transaction that succeeded, e.g. WRONGTYPE), or to `null`
 * when the transaction was discarded because a WATCHed key changed.
 */
export class Transaction extends CommandQueue {
  constructor(private readonly runner: TransactionRunner) {
    super();
  }

  async exec(): Promise<PipelineResult[] | null> {
    const queued = this.take();
    // All or nothing: one bad entry rejects the whole exec() before MULTI is sent.
    for (const { args } of queued) checkQueuedCommand(args);
    const replies = await this.runner(queued.map((q) => q.args));
    if (replies === null) return null;
    return replies.map((reply, i): PipelineResult => {
      if (reply instanceof ReplyError) return [reply, null];
      const transform = queued[i].options?.transform;
      try {
        return [null, transform ? transform(reply) : reply];
      } catch (error) {
        return [error as Error, null];
      }
    });
  }
}

/**
 * For commands sent on a connection the client holds for one caller (a transaction, a WATCH
 * session): InvalidArgumentError for an argument that cannot be sent, UnsupportedCommandError for a
 * command that would change the state the connection goes back to the pool with.
 */
export function checkQueuedCommand(args: RespArg[]): void {
  checkArguments(args);
  const refused = refusalOf(args);
  if (refused !== undefined) throw refused;
}
