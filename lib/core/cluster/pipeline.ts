import { CommandMethods, type SendOptions } from '../commands/command-methods';
import type { RespArg } from '../resp/types';

/** What one queued command came to: `[null, reply]` or `[error, null]`, as ioredis users know it. */
export type PipelineResult = [error: Error | null, reply: unknown];

export type SendFn = <V>(args: RespArg[], options?: SendOptions<V>) => Promise<V>;

interface Queued {
  args: RespArg[];
  options: SendOptions<unknown> | undefined;
}

/**
 * Commands queued and sent together. Keys may live anywhere: each command is routed on its own,
 * and commands for the same node go out in one write because they are all issued in the same tick.
 * A command redirected (MOVED/ASK) or retried (TRYAGAIN) is handled alone; the rest keep their results.
 * Not atomic: use multi() for that.
 */
export class Pipeline extends CommandMethods<'chain'> {
  private queued: Queued[] = [];

  constructor(private readonly sendFn: SendFn) {
    super();
  }

  get length(): number {
    return this.queued.length;
  }

  /** Any command: `pipeline.call('HSET', 'h', 'f', 'v')`. */
  call(command: string, ...args: RespArg[]): this {
    return this.send([command, ...args]);
  }

  /** Sends everything queued; one result per command, in the order queued. The pipeline is empty afterwards. */
  async exec(): Promise<PipelineResult[]> {
    const queued = this.queued;
    this.queued = [];
    return Promise.all(
      queued.map(({ args, options }) =>
        this.sendFn(args, options).then(
          (reply): PipelineResult => [null, reply],
          (error: Error): PipelineResult => [error, null],
        ),
      ),
    );
  }

  protected send<V>(args: RespArg[], options?: SendOptions<V>): this {
    this.queued.push({ args, options: options as SendOptions<unknown> | undefined });
    return this;
  }
}
