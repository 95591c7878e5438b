import { CommandMethods, type SendOptions } from '../commands/command-methods';
import { ReplyError } from '../errors/reply-error';
import type { RespArg, RespValue } from '../resp/types';
import type { PipelineResult } from './pipeline';

interface Queued {
  args: RespArg[];
  transform: ((reply: RespValue) => unknown) | undefined;
}

/** Runs MULTI, the commands and EXEC on one connection; EXEC's array, or null when a WATCHed key changed. */
export type TransactionRunner = (commands: RespArg[][]) => Promise<RespValue[] | null>;

/**
 * MULTI ... EXEC: the queued commands run atomically on the master of their one slot. Keys in
 * several slots are refused before anything is sent. `exec()` resolves to `[error, reply]` per
 * command (a command can fail inside a transaction that succeeded, e.g. WRONGTYPE), or to `null`
 * when the transaction was discarded because a WATCHed key changed.
 */
export class Transaction extends CommandMethods<'chain'> {
  private queued: Queued[] = [];

  constructor(private readonly runner: TransactionRunner) {
    super();
  }

  get length(): number {
    return this.queued.length;
  }

  call(command: string, ...args: RespArg[]): this {
    return this.send([command, ...args]);
  }

  async exec(): Promise<PipelineResult[] | null> {
    const queued = this.queued;
    this.queued = [];
    const replies = await this.runner(queued.map((q) => q.args));
    if (replies === null) return null;
    return replies.map((reply, i): PipelineResult => {
      if (reply instanceof ReplyError) return [reply, null];
      const transform = queued[i].transform;
      try {
        return [null, transform ? transform(reply) : reply];
      } catch (error) {
        return [error as Error, null];
      }
    });
  }

  protected send<V>(args: RespArg[], options?: SendOptions<V>): this {
    this.queued.push({ args, transform: options?.transform });
    return this;
  }
}
