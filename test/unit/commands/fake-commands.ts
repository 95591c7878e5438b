import { CommandMethods, type SendOptions } from '../../../lib/core/commands/command-methods';
import type { RespArg, RespValue } from '../../../lib/core/resp/types';

/** Records every argv and answers from a queue of canned replies, applying the method's transform. */
export class FakeClient extends CommandMethods<'promise'> {
  readonly sent: RespArg[][] = [];
  readonly buffers: boolean[] = [];
  private readonly replies: RespValue[] = [];

  reply(...replies: RespValue[]): this {
    this.replies.push(...replies);
    return this;
  }

  protected send<V>(args: RespArg[], options?: SendOptions<V>): Promise<V> {
    this.sent.push(args);
    this.buffers.push(options?.buffers ?? false);
    const reply = this.replies.length > 0 ? this.replies.shift()! : null;
    try {
      return Promise.resolve(options?.transform ? options.transform(reply) : (reply as V));
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

/** A pipeline-shaped subclass: methods chain and queue. */
export class FakePipeline extends CommandMethods<'chain'> {
  readonly queued: RespArg[][] = [];

  protected send<V>(args: RespArg[], _options?: SendOptions<V>): this {
    this.queued.push(args);
    return this;
  }
}
