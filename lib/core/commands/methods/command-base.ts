import type { RespArg, RespValue } from '../../resp/types';

export type RedisKey = string | Buffer;

/** One item or a list of them: `del('a', 'b')` and `del(['a', 'b'])` both work. */
export type Many<T> = T | readonly T[];

export interface SendOptions<V> {
  /** Turns the decoded reply into the method's type; RESP2 and RESP3 shapes both arrive here. */
  transform?: (reply: RespValue) => V;
  /** Decode bulk strings of this reply as Buffers. */
  buffers?: boolean;
}

export type CommandMode = 'promise' | 'chain';

/**
 * What a command method returns: a promise of the typed reply on the client, the object itself on
 * a pipeline (`pipeline.get('a').incr('b')`). `Self` is the polymorphic `this`, passed in rather
 * than written inside this alias because `this` is only meaningful within the class.
 */
export type MethodResult<Mode extends CommandMode, V, Self> = Mode extends 'promise' ? Promise<V> : Self;

/**
 * The root of the typed command methods, shared by the client (`'promise'`) and the pipeline
 * (`'chain'`). Each family of commands is one abstract class in this chain, so a subclass only
 * implements `send`: route and run (client), or queue (pipeline).
 */
export abstract class CommandBase<Mode extends CommandMode> {
  protected abstract send<V>(args: RespArg[], options?: SendOptions<V>): MethodResult<Mode, V, this>;
}

/** Appends items, spreading one level of arrays, to an argv under construction. */
export function pushAll<T extends RespArg>(args: RespArg[], items: readonly Many<T>[]): RespArg[] {
  for (const item of items) {
    if (Array.isArray(item)) for (const inner of item as readonly T[]) args.push(inner);
    else args.push(item as T);
  }
  return args;
}
