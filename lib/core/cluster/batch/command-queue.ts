import { CommandMethods, type SendOptions } from '../../commands/command-methods';
import type { RespArg } from '../../resp/types';

/** What one queued command came to: `[null, reply]` or `[error, null]`, as ioredis users know it. */
export type PipelineResult = [error: Error | null, reply: unknown];

export interface QueuedCommand {
  args: RespArg[];
  options: SendOptions<unknown> | undefined;
}

/** Typed methods that queue instead of sending: the shared half of pipeline() and multi(). */
export abstract class CommandQueue extends CommandMethods<'chain'> {
  protected queued: QueuedCommand[] = [];

  get length(): number {
    return this.queued.length;
  }

  /** Any command: `.call('HSET', 'h', 'f', 'v')`. */
  call(command: string, ...args: RespArg[]): this {
    return this.send([command, ...args]);
  }

  /** Hands over what was queued and starts afresh: a queue can be reused after exec(). */
  protected take(): QueuedCommand[] {
    const queued = this.queued;
    this.queued = [];
    return queued;
  }

  protected send<V>(args: RespArg[], options?: SendOptions<V>): this {
    this.queued.push({ args, options: options as SendOptions<unknown> | undefined });
    return this;
  }
}
