import type { SendOptions } from '../../commands/command-methods';
import { traceBatch } from '../../diagnostics/batch-trace';
import type { RespArg } from '../../resp/types';
import { CommandQueue, type PipelineResult } from './command-queue';

export type { PipelineResult } from './command-queue';

export type SendFn = <V>(args: RespArg[], options?: SendOptions<V>) => Promise<V>;

/**
 * Commands queued and sent together. Keys may live anywhere: each command is routed on its own,
 * and commands for the same node go out in one write because they are all issued in the same tick.
 * A command redirected (MOVED/ASK) or retried (TRYAGAIN) is handled alone; the rest keep their results.
 * Not atomic: use multi() for that.
 */
export class Pipeline extends CommandQueue {
  constructor(
    private readonly sendFn: SendFn,
    /** Why the client cannot take the batch now (not connected, closed); exec() then rejects whole. */
    private readonly refusal: () => Error | undefined = () => undefined,
  ) {
    super();
  }

  /** Sends everything queued; one result per command, in the order queued. The pipeline is empty afterwards. */
  exec(): Promise<PipelineResult[]> {
    const refused = this.refusal();
    if (refused !== undefined) return Promise.reject(refused);
    const queued = this.take();
    return traceBatch('pipeline', queued, () =>
      Promise.all(
        queued.map(({ args, options }) =>
          this.sendFn(args, options).then(
            (reply): PipelineResult => [null, reply],
            (error: Error): PipelineResult => [error, null],
          ),
        ),
      ),
    );
  }
}
