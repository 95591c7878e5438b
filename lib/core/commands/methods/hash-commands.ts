import type { RespArg } from '../../resp/types';
import { pushAll, type CommandMode, type Many, type MethodResult, type RedisKey } from './command-base';
import { KeyCommands } from './key-commands';
import { toBoolean, toNumber, toRecord } from './reply-transforms';

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

  hmget(key: RedisKey, ...fields: Many<RedisKey>[]) {
    return this.send<(string | null)[]>(pushAll(['HMGET', key], fields));
  }

  /** All fields and values as an object ({} for a missing key), from RESP2's flat array or RESP3's map. */
  hgetall(key: RedisKey) {
    return this.send<Record<string, string>>(['HGETALL', key], { transform: toRecord });
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

  hlen(key: RedisKey) {
    return this.send<number>(['HLEN', key]);
  }
}
