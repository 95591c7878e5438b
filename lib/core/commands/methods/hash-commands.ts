import type { RespArg, RespValue } from '../../resp/types';
import { pushAll, type CommandMode, type Many, type MethodResult, type RedisKey } from './command-base';
import { KeyCommands } from './key-commands';
import { stringOrBuffer, toHashEntries, toScanPage, type HashEntry, type ScanPage } from './collection-replies';
import { toBoolean, toNumber, toRecord, toRecordOf } from './reply-transforms';

/** HSCAN/SSCAN/ZSCAN's options. */
export interface ScanMatchOptions {
  /** Glob pattern the field/member must match. */
  MATCH?: string;
  /** A hint of how much work per call (default 10). */
  COUNT?: number;
}

export type HashEntries = Readonly<Record<string, RespArg>> | ReadonlyMap<RedisKey, RespArg>;

export abstract class HashCommands<Mode extends CommandMode> extends KeyCommands<Mode> {
  /** How many fields were added (not counting updated ones). */
  hset(key: RedisKey, field: RedisKey, value: RespArg): MethodResult<Mode, number, this>;
  hset(key: RedisKey, entries: HashEntries): MethodResult<Mode, number, this>;
  hset(key: RedisKey, fieldOrEntries: RedisKey | HashEntries, value?: RespArg): MethodResult<Mode, number, this> {
    const args: RespArg[] = ['HSET', key];
    // Anything but a Map or a plain record is a field: a missing value or a bad field is then refused
    // by the encoder as this command's InvalidArgumentError, never thrown at the caller.
    if (typeof fieldOrEntries !== 'object' || fieldOrEntries === null || Buffer.isBuffer(fieldOrEntries)) {
      args.push(fieldOrEntries as RespArg, value as RespArg);
    } else if (fieldOrEntries instanceof Map) for (const [field, v] of fieldOrEntries) args.push(field, v);
    else for (const field of Object.keys(fieldOrEntries)) args.push(field, (fieldOrEntries as Readonly<Record<string, RespArg>>)[field]);
    return this.send<number>(args);
  }

  hget(key: RedisKey, field: RedisKey) {
    return this.send<string | null>(['HGET', key, field]);
  }

  hgetBuffer(key: RedisKey, field: RedisKey) {
    return this.send<Buffer | null>(['HGET', key, field], { buffers: true });
  }

  /** true when the field was set, false when it existed. */
  hsetnx(key: RedisKey, field: RedisKey, value: RespArg) {
    return this.send<boolean>(['HSETNX', key, field, value], { transform: toBoolean });
  }

  /** Deprecated by Redis (hset() takes many fields). */
  hmset(key: RedisKey, entries: HashEntries) {
    return this.send<'OK'>(entryArgs(['HMSET', key], entries));
  }

  hmgetBuffer(key: RedisKey, ...fields: Many<RedisKey>[]) {
    return this.send<(Buffer | null)[]>(pushAll(['HMGET', key], fields), { buffers: true });
  }

  hmget(key: RedisKey, ...fields: Many<RedisKey>[]) {
    return this.send<(string | null)[]>(pushAll(['HMGET', key], fields));
  }

  /** All fields and values as an object ({} for a missing key), from RESP2's flat array or RESP3's map. */
  hgetall(key: RedisKey) {
    return this.send<Record<string, string>>(['HGETALL', key], { transform: toRecord });
  }

  /** As hgetall(), with the values as Buffers. */
  hgetallBuffer(key: RedisKey) {
    return this.send<Record<string, Buffer>>(['HGETALL', key], { buffers: true, transform: toBufferRecord });
  }

  hdel(key: RedisKey, ...fields: Many<RedisKey>[]) {
    return this.send<number>(pushAll(['HDEL', key], fields));
  }

  hexists(key: RedisKey, field: RedisKey) {
    return this.send<boolean>(['HEXISTS', key, field], { transform: toBoolean });
  }

  hincrby(key: RedisKey, field: RedisKey, increment: number | bigint) {
    return this.send<number>(['HINCRBY', key, field, increment]);
  }

  hincrbyfloat(key: RedisKey, field: RedisKey, increment: number) {
    return this.send<number>(['HINCRBYFLOAT', key, field, increment], { transform: toNumber });
  }

  hkeys(key: RedisKey) {
    return this.send<string[]>(['HKEYS', key]);
  }

  hvals(key: RedisKey) {
    return this.send<string[]>(['HVALS', key]);
  }

  hvalsBuffer(key: RedisKey) {
    return this.send<Buffer[]>(['HVALS', key], { buffers: true });
  }

  hlen(key: RedisKey) {
    return this.send<number>(['HLEN', key]);
  }

  /** The value's length in bytes (0 when missing). */
  hstrlen(key: RedisKey, field: RedisKey) {
    return this.send<number>(['HSTRLEN', key, field]);
  }

  /** A random field, or null for a missing key. */
  hrandfield(key: RedisKey) {
    return this.send<string | null>(['HRANDFIELD', key]);
  }

  /** `count` > 0: distinct fields, up to count; < 0: |count| fields, repeats allowed. */
  hrandfieldCount(key: RedisKey, count: number) {
    return this.send<string[]>(['HRANDFIELD', key, count]);
  }

  hrandfieldWithValues(key: RedisKey, count: number) {
    return this.send<HashEntry[]>(['HRANDFIELD', key, count, 'WITHVALUES'], { transform: toHashEntries });
  }

  /** One page of fields; the client's hscanIterator() walks them all. */
  hscan(key: RedisKey, cursor: string | number, options?: ScanMatchOptions) {
    return this.send<ScanPage<HashEntry>>(scanArgs('HSCAN', key, cursor, options), { transform: toHashScan });
  }
}

const toHashScan = toScanPage(toHashEntries);

function toBufferRecord(reply: RespValue): Record<string, Buffer> {
  return toRecordOf(reply, (v) => stringOrBuffer(v) as Buffer);
}

function entryArgs(args: RespArg[], entries: HashEntries): RespArg[] {
  if (entries instanceof Map) for (const [field, v] of entries) args.push(field, v);
  else for (const field of Object.keys(entries)) args.push(field, (entries as Readonly<Record<string, RespArg>>)[field]);
  return args;
}

/** HSCAN/SSCAN/ZSCAN key cursor [MATCH pattern] [COUNT n]. */
export function scanArgs(command: string, key: RedisKey, cursor: string | number, options: ScanMatchOptions | undefined): RespArg[] {
  const args: RespArg[] = [command, key, cursor];
  if (options?.MATCH !== undefined) args.push('MATCH', options.MATCH);
  if (options?.COUNT !== undefined) args.push('COUNT', options.COUNT);
  return args;
}
