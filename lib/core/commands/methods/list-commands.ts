import type { RespArg, RespValue } from '../../resp/types';
import type { CommandMode, MethodResult, RedisKey } from './command-base';
import { toKeyedElements, stringOrBuffer, type KeyedElements } from './collection-replies';
import { ListSetCommands } from './list-set-commands';

export type ListSide = 'LEFT' | 'RIGHT';

/** LPOS's options. */
export interface LposOptions {
  /** The n-th match (1 first); negative counts from the tail. */
  RANK?: number;
  /** Compare at most this many elements (0: all). */
  MAXLEN?: number;
}

// Typed by hand: an inferred type would name RespValue through the package root in the emitted .d.ts,
// and the root's typings pull in @nestjs/*, which a `slotline/client` user may not have.
export const toKeyedStrings: (reply: RespValue) => KeyedElements<string> | null = toKeyedElements(String);
export const toKeyedBuffers: (reply: RespValue) => KeyedElements<Buffer> | null = toKeyedElements((v) => stringOrBuffer(v) as Buffer);

export abstract class ListCommands<Mode extends CommandMode> extends ListSetCommands<Mode> {
  /** Pushes only onto an existing list; the length after it (0: no such list). */
  lpushx(key: RedisKey, ...elements: RespArg[]) {
    return this.send<number>(['LPUSHX', key, ...elements]);
  }

  rpushx(key: RedisKey, ...elements: RespArg[]) {
    return this.send<number>(['RPUSHX', key, ...elements]);
  }

  lset(key: RedisKey, index: number, element: RespArg) {
    return this.send<'OK'>(['LSET', key, index, element]);
  }

  /** The length after the insert; -1 when `pivot` was not found, 0 when the key is missing. */
  linsert(key: RedisKey, where: 'BEFORE' | 'AFTER', pivot: RespArg, element: RespArg) {
    return this.send<number>(['LINSERT', key, where, pivot, element]);
  }

  /** The index of the first match (see RANK), or null. */
  lpos(key: RedisKey, element: RespArg, options?: LposOptions) {
    return this.send<number | null>(lposArgs(key, element, options));
  }

  /** The indices of up to `count` matches (0: all). */
  lposCount(key: RedisKey, element: RespArg, count: number, options?: LposOptions) {
    const args = lposArgs(key, element, options);
    args.push('COUNT', count);
    return this.send<number[]>(args);
  }

  /** Pops from `from` of `source`, pushes to `to` of `destination` (one slot); the element, or null. */
  lmove(source: RedisKey, destination: RedisKey, from: ListSide, to: ListSide) {
    return this.send<string | null>(['LMOVE', source, destination, from, to]);
  }

  /** Deprecated by Redis: lmove(source, destination, 'RIGHT', 'LEFT'). */
  rpoplpush(source: RedisKey, destination: RedisKey) {
    return this.send<string | null>(['RPOPLPUSH', source, destination]);
  }

  /** Pops up to `COUNT` (default 1) from the first non-empty list of `keys` (one slot); null when all are empty. */
  lmpop(keys: readonly RedisKey[], side: ListSide, options?: { COUNT?: number }) {
    return this.send<KeyedElements | null>(mpopArgs(['LMPOP'], keys, side, options?.COUNT), { transform: toKeyedStrings });
  }

  lrangeBuffer(key: RedisKey, start: number, stop: number) {
    return this.send<Buffer[]>(['LRANGE', key, start, stop], { buffers: true });
  }

  lindexBuffer(key: RedisKey, index: number) {
    return this.send<Buffer | null>(['LINDEX', key, index], { buffers: true });
  }

  lpopBuffer(key: RedisKey): MethodResult<Mode, Buffer | null, this>;
  lpopBuffer(key: RedisKey, count: number): MethodResult<Mode, Buffer[] | null, this>;
  lpopBuffer(key: RedisKey, count?: number): MethodResult<Mode, Buffer | Buffer[] | null, this> {
    return this.send<Buffer | Buffer[] | null>(count === undefined ? ['LPOP', key] : ['LPOP', key, count], { buffers: true });
  }

  rpopBuffer(key: RedisKey): MethodResult<Mode, Buffer | null, this>;
  rpopBuffer(key: RedisKey, count: number): MethodResult<Mode, Buffer[] | null, this>;
  rpopBuffer(key: RedisKey, count?: number): MethodResult<Mode, Buffer | Buffer[] | null, this> {
    return this.send<Buffer | Buffer[] | null>(count === undefined ? ['RPOP', key] : ['RPOP', key, count], { buffers: true });
  }
}

function lposArgs(key: RedisKey, element: RespArg, options: LposOptions | undefined): RespArg[] {
  const args: RespArg[] = ['LPOS', key, element];
  if (options?.RANK !== undefined) args.push('RANK', options.RANK);
  if (options?.MAXLEN !== undefined) args.push('MAXLEN', options.MAXLEN);
  return args;
}

/** LMPOP/ZMPOP (and their blocking forms, after the timeout): numkeys keys... side [COUNT n]. */
export function mpopArgs(args: RespArg[], keys: readonly RedisKey[], side: string, count: number | undefined): RespArg[] {
  args.push(keys.length, ...keys, side);
  if (count !== undefined) args.push('COUNT', count);
  return args;
}
