import type { RespArg } from '../../resp/types';
import { BitmapCommands } from './bitmap-commands';
import { pushAll, type CommandMode, type Many, type MethodResult, type RedisKey } from './command-base';
import { toBoolean } from './reply-transforms';

/** EXPIRE's condition (Redis 7): only when there is no TTL (NX), one (XX), or the new one is greater (GT) / less (LT). */
export type ExpireMode = 'NX' | 'XX' | 'GT' | 'LT';

/** RESTORE's options. */
export interface RestoreOptions {
  /** Overwrite an existing key (else BUSYKEY). */
  REPLACE?: boolean;
  /** `ttl` is an absolute Unix time in milliseconds. */
  ABSTTL?: boolean;
  /** Seconds the key has been idle (LRU policies). */
  IDLETIME?: number;
  /** Access frequency (LFU policies). */
  FREQ?: number;
}

/**
 * SORT's options. BY and GET patterns name other keys, which a cluster cannot promise are local:
 * Redis 7.0 in cluster mode refuses GET and any BY pattern with a `*` (BY 'nosort' is fine).
 */
export interface SortOptions {
  BY?: string;
  LIMIT?: { offset: number; count: number };
  /** Patterns, or '#' for the element itself. */
  GET?: string | readonly string[];
  order?: 'ASC' | 'DESC';
  /** Sort lexicographically rather than as numbers. */
  ALPHA?: boolean;
}

export abstract class KeyCommands<Mode extends CommandMode> extends BitmapCommands<Mode> {
  /** How many of the keys existed and were removed. Keys may span slots: the counts are summed. */
  del(...keys: Many<RedisKey>[]) {
    return this.send<number>(pushAll(['DEL'], keys));
  }

  unlink(...keys: Many<RedisKey>[]) {
    return this.send<number>(pushAll(['UNLINK'], keys));
  }

  /** How many of the keys exist; a key given twice counts twice, as in Redis. */
  exists(...keys: Many<RedisKey>[]) {
    return this.send<number>(pushAll(['EXISTS'], keys));
  }

  touch(...keys: Many<RedisKey>[]) {
    return this.send<number>(pushAll(['TOUCH'], keys));
  }

  /** true when the timeout was set; false when the key is missing or `mode` refused it. */
  expire(key: RedisKey, seconds: number, mode?: ExpireMode) {
    return this.send<boolean>(withMode(['EXPIRE', key, seconds], mode), { transform: toBoolean });
  }

  pexpire(key: RedisKey, milliseconds: number, mode?: ExpireMode) {
    return this.send<boolean>(withMode(['PEXPIRE', key, milliseconds], mode), { transform: toBoolean });
  }

  /** `unixSeconds`: an absolute Unix time in seconds. */
  expireat(key: RedisKey, unixSeconds: number, mode?: ExpireMode) {
    return this.send<boolean>(withMode(['EXPIREAT', key, unixSeconds], mode), { transform: toBoolean });
  }

  pexpireat(key: RedisKey, unixMilliseconds: number, mode?: ExpireMode) {
    return this.send<boolean>(withMode(['PEXPIREAT', key, unixMilliseconds], mode), { transform: toBoolean });
  }

  /** The absolute Unix time (seconds) the key expires at; -1 without expiry, -2 when missing. */
  expiretime(key: RedisKey) {
    return this.send<number>(['EXPIRETIME', key]);
  }

  pexpiretime(key: RedisKey) {
    return this.send<number>(['PEXPIRETIME', key]);
  }

  /** Seconds left; -1 when the key has no expiry, -2 when it does not exist. */
  ttl(key: RedisKey) {
    return this.send<number>(['TTL', key]);
  }

  pttl(key: RedisKey) {
    return this.send<number>(['PTTL', key]);
  }

  /** true when a timeout was removed. */
  persist(key: RedisKey) {
    return this.send<boolean>(['PERSIST', key], { transform: toBoolean });
  }

  /** 'string', 'list', 'set', 'zset', 'hash', 'stream', or 'none'. */
  type(key: RedisKey) {
    return this.send<string>(['TYPE', key]);
  }

  /** Both keys must be in one slot: use a {hash tag}. */
  rename(key: RedisKey, newKey: RedisKey) {
    return this.send<'OK'>(['RENAME', key, newKey]);
  }

  /** true when renamed, false when `newKey` existed. */
  renamenx(key: RedisKey, newKey: RedisKey) {
    return this.send<boolean>(['RENAMENX', key, newKey], { transform: toBoolean });
  }

  /** true when copied (both keys in one slot); false when the destination existed and REPLACE was not given. */
  copy(source: RedisKey, destination: RedisKey, options?: { REPLACE?: boolean }) {
    return this.send<boolean>(options?.REPLACE ? ['COPY', source, destination, 'REPLACE'] : ['COPY', source, destination], {
      transform: toBoolean,
    });
  }

  /** The key's value in Redis's serialization format, for restore(); null when missing. */
  dump(key: RedisKey) {
    return this.send<Buffer | null>(['DUMP', key], { buffers: true });
  }

  /** `ttl`: milliseconds (0: none), or an absolute Unix time in ms with ABSTTL. */
  restore(key: RedisKey, ttl: number, payload: Buffer, options?: RestoreOptions) {
    const args: RespArg[] = ['RESTORE', key, ttl, payload];
    if (options?.REPLACE) args.push('REPLACE');
    if (options?.ABSTTL) args.push('ABSTTL');
    if (options?.IDLETIME !== undefined) args.push('IDLETIME', options.IDLETIME);
    if (options?.FREQ !== undefined) args.push('FREQ', options.FREQ);
    return this.send<'OK'>(args);
  }

  /** Every key matching `pattern`, from every master. Slow on a big keyspace: prefer scanIterator(). */
  keys(pattern: string) {
    return this.send<string[]>(['KEYS', pattern]);
  }

  /** A random key of one node, or null when that node has none. */
  randomkey() {
    return this.send<string | null>(['RANDOMKEY']);
  }

  /** The sorted elements; with `store`, stores them there (same slot) and returns how many. */
  sort(key: RedisKey, options: SortOptions & { STORE: RedisKey }): MethodResult<Mode, number, this>;
  sort(key: RedisKey, options?: SortOptions): MethodResult<Mode, string[], this>;
  sort(key: RedisKey, options?: SortOptions & { STORE?: RedisKey }): MethodResult<Mode, string[] | number, this> {
    const args = sortArgs('SORT', key, options);
    if (options?.STORE !== undefined) args.push('STORE', options.STORE);
    return this.send<string[] | number>(args);
  }

  /** SORT without STORE, so replicas may serve it. */
  sortRo(key: RedisKey, options?: SortOptions) {
    return this.send<string[]>(sortArgs('SORT_RO', key, options));
  }

  /** The internal encoding ('listpack', 'hashtable', ...), or null when the key is missing. */
  objectEncoding(key: RedisKey) {
    return this.send<string | null>(['OBJECT', 'ENCODING', key]);
  }

  /** The LFU access counter (only with an LFU maxmemory-policy). */
  objectFreq(key: RedisKey) {
    return this.send<number | null>(['OBJECT', 'FREQ', key]);
  }

  /** Seconds since last access (not with an LFU maxmemory-policy). */
  objectIdletime(key: RedisKey) {
    return this.send<number | null>(['OBJECT', 'IDLETIME', key]);
  }

  objectRefcount(key: RedisKey) {
    return this.send<number | null>(['OBJECT', 'REFCOUNT', key]);
  }
}

function sortArgs(command: string, key: RedisKey, options: SortOptions | undefined): RespArg[] {
  const args: RespArg[] = [command, key];
  if (options === undefined) return args;
  if (options.BY !== undefined) args.push('BY', options.BY);
  if (options.LIMIT) args.push('LIMIT', options.LIMIT.offset, options.LIMIT.count);
  const gets = options.GET === undefined ? [] : typeof options.GET === 'string' ? [options.GET] : options.GET;
  for (const pattern of gets) args.push('GET', pattern);
  if (options.order) args.push(options.order);
  if (options.ALPHA) args.push('ALPHA');
  return args;
}

function withMode(args: RespArg[], mode: ExpireMode | undefined): RespArg[] {
  if (mode !== undefined) args.push(mode);
  return args;
}
