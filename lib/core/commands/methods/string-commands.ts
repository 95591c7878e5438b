import type { RespArg, RespValue } from '../../resp/types';
import { CommandBase, pushAll, type CommandMode, type Many, type MethodResult, type RedisKey } from './command-base';
import { asArray, text } from './collection-replies';
import { toBoolean, toNumber, toRecordOf } from './reply-transforms';

/** SET's options. Give at most one expiry (EX, PX, EXAT, PXAT, KEEPTTL) and at most one of NX/XX. */
export interface SetOptions {
  /** Expire after this many seconds. */
  EX?: number;
  /** Expire after this many milliseconds. */
  PX?: number;
  /** Expire at this Unix time, in seconds. */
  EXAT?: number;
  /** Expire at this Unix time, in milliseconds. */
  PXAT?: number;
  /** Keep the key's current time to live. */
  KEEPTTL?: boolean;
  /** Only set when the key does not exist; the reply is null otherwise. */
  NX?: boolean;
  /** Only set when the key exists; the reply is null otherwise. */
  XX?: boolean;
  /** Reply with the previous value (or null) instead of 'OK'. */
  GET?: boolean;
}

/** GETEX's options: one expiry, or PERSIST to remove it. */
export interface GetExOptions {
  EX?: number;
  PX?: number;
  EXAT?: number;
  PXAT?: number;
  PERSIST?: boolean;
}

/** LCS IDX's options. */
export interface LcsIdxOptions {
  /** Only matches at least this long. */
  MINMATCHLEN?: number;
  /** Give each match's length too. */
  WITHMATCHLEN?: boolean;
}

/** One common run: its [start, end] (inclusive) in each string, and its length with WITHMATCHLEN. */
export interface LcsMatch {
  a: [number, number];
  b: [number, number];
  length?: number;
}

export interface LcsIdxReply {
  matches: LcsMatch[];
  /** The length of the whole longest common subsequence. */
  length: number;
}

export type MsetEntries = Readonly<Record<string, RespArg>> | ReadonlyMap<RedisKey, RespArg> | readonly RespArg[];

export abstract class StringCommands<Mode extends CommandMode> extends CommandBase<Mode> {
  get(key: RedisKey) {
    return this.send<string | null>(['GET', key]);
  }

  getBuffer(key: RedisKey) {
    return this.send<Buffer | null>(['GET', key], { buffers: true });
  }

  set(key: RedisKey, value: RespArg, options: SetOptions & { GET: true }): MethodResult<Mode, string | null, this>;
  set(key: RedisKey, value: RespArg, options?: SetOptions): MethodResult<Mode, 'OK' | null, this>;
  set(key: RedisKey, value: RespArg, options?: SetOptions): MethodResult<Mode, string | null, this> {
    const args: RespArg[] = ['SET', key, value];
    if (options) {
      pushExpiry(args, options);
      if (options.KEEPTTL) args.push('KEEPTTL');
      if (options.NX) args.push('NX');
      if (options.XX) args.push('XX');
      if (options.GET) args.push('GET');
    }
    return this.send<string | null>(args);
  }

  /** true when the key was set, false when it already existed. */
  setnx(key: RedisKey, value: RespArg) {
    return this.send<boolean>(['SETNX', key, value], { transform: toBoolean });
  }

  setex(key: RedisKey, seconds: number, value: RespArg) {
    return this.send<'OK'>(['SETEX', key, seconds, value]);
  }

  psetex(key: RedisKey, milliseconds: number, value: RespArg) {
    return this.send<'OK'>(['PSETEX', key, milliseconds, value]);
  }

  getdel(key: RedisKey) {
    return this.send<string | null>(['GETDEL', key]);
  }

  getex(key: RedisKey, options?: GetExOptions) {
    return this.send<string | null>(getexArgs(key, options));
  }

  getdelBuffer(key: RedisKey) {
    return this.send<Buffer | null>(['GETDEL', key], { buffers: true });
  }

  getexBuffer(key: RedisKey, options?: GetExOptions) {
    return this.send<Buffer | null>(getexArgs(key, options), { buffers: true });
  }

  /** Deprecated by Redis (use set() with `GET: true`); the previous value, or null. */
  getset(key: RedisKey, value: RespArg) {
    return this.send<string | null>(['GETSET', key, value]);
  }

  getsetBuffer(key: RedisKey, value: RespArg) {
    return this.send<Buffer | null>(['GETSET', key, value], { buffers: true });
  }

  /** One value (or null) per key, in the order given, even when the keys span slots. */
  mget(...keys: Many<RedisKey>[]) {
    return this.send<(string | null)[]>(pushAll(['MGET'], keys));
  }

  mgetBuffer(...keys: Many<RedisKey>[]) {
    return this.send<(Buffer | null)[]>(pushAll(['MGET'], keys), { buffers: true });
  }

  /** `mset({ a: 1, b: 2 })`, a Map, or a flat `[key, value, key, value]` list. */
  mset(entries: MsetEntries) {
    return this.send<'OK'>(msetArgs('MSET', entries));
  }

  /** All or nothing: true when every key was set, false when any existed. The keys must share one slot. */
  msetnx(entries: MsetEntries) {
    return this.send<boolean>(msetArgs('MSETNX', entries), { transform: toBoolean });
  }

  incr(key: RedisKey) {
    return this.send<number>(['INCR', key]);
  }

  incrby(key: RedisKey, increment: number | bigint) {
    return this.send<number>(['INCRBY', key, increment]);
  }

  /** Redis answers the new value as text (both protocols); it is parsed here. */
  incrbyfloat(key: RedisKey, increment: number) {
    return this.send<number>(['INCRBYFLOAT', key, increment], { transform: toNumber });
  }

  decr(key: RedisKey) {
    return this.send<number>(['DECR', key]);
  }

  decrby(key: RedisKey, decrement: number | bigint) {
    return this.send<number>(['DECRBY', key, decrement]);
  }

  append(key: RedisKey, value: RespArg) {
    return this.send<number>(['APPEND', key, value]);
  }

  strlen(key: RedisKey) {
    return this.send<number>(['STRLEN', key]);
  }

  getrange(key: RedisKey, start: number, end: number) {
    return this.send<string>(['GETRANGE', key, start, end]);
  }

  getrangeBuffer(key: RedisKey, start: number, end: number) {
    return this.send<Buffer>(['GETRANGE', key, start, end], { buffers: true });
  }

  /** Deprecated by Redis: getrange() under its old name. */
  substr(key: RedisKey, start: number, end: number) {
    return this.send<string>(['SUBSTR', key, start, end]);
  }

  setrange(key: RedisKey, offset: number, value: RespArg) {
    return this.send<number>(['SETRANGE', key, offset, value]);
  }

  /** The longest common subsequence of two strings (both keys in one slot). */
  lcs(key1: RedisKey, key2: RedisKey) {
    return this.send<string>(['LCS', key1, key2]);
  }

  lcsLen(key1: RedisKey, key2: RedisKey) {
    return this.send<number>(['LCS', key1, key2, 'LEN']);
  }

  /** Where the common runs are, longest first. */
  lcsIdx(key1: RedisKey, key2: RedisKey, options?: LcsIdxOptions) {
    const args: RespArg[] = ['LCS', key1, key2, 'IDX'];
    if (options?.MINMATCHLEN !== undefined) args.push('MINMATCHLEN', options.MINMATCHLEN);
    if (options?.WITHMATCHLEN) args.push('WITHMATCHLEN');
    return this.send<LcsIdxReply>(args, { transform: toLcsIdx });
  }
}

function getexArgs(key: RedisKey, options: GetExOptions | undefined): RespArg[] {
  const args: RespArg[] = ['GETEX', key];
  if (options) {
    pushExpiry(args, options);
    if (options.PERSIST) args.push('PERSIST');
  }
  return args;
}

function msetArgs(command: string, entries: MsetEntries): RespArg[] {
  const args: RespArg[] = [command];
  if (Array.isArray(entries)) pushAll(args, entries as readonly RespArg[]);
  else if (entries instanceof Map) for (const [key, value] of entries) args.push(key, value);
  else for (const key of Object.keys(entries)) args.push(key, (entries as Readonly<Record<string, RespArg>>)[key]);
  return args;
}

/** RESP2 [matches, m, len, n] or RESP3 {matches, len}; each match [[a0, a1], [b0, b1], len?]. */
function toLcsIdx(reply: RespValue): LcsIdxReply {
  const fields = toRecordOf(reply, (v) => v);
  const range = (v: RespValue): [number, number] => {
    const [start, end] = asArray(v);
    return [toNumber(start), toNumber(end)];
  };
  const matches = asArray(fields.matches).map((m): LcsMatch => {
    const [a, b, length] = asArray(m);
    return length === undefined ? { a: range(a), b: range(b) } : { a: range(a), b: range(b), length: toNumber(length) };
  });
  return { matches, length: toNumber(fields.len ?? text(0)) };
}

function pushExpiry(args: RespArg[], options: SetOptions | GetExOptions): void {
  if (options.EX !== undefined) args.push('EX', options.EX);
  if (options.PX !== undefined) args.push('PX', options.PX);
  if (options.EXAT !== undefined) args.push('EXAT', options.EXAT);
  if (options.PXAT !== undefined) args.push('PXAT', options.PXAT);
}
