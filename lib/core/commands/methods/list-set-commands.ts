import type { RespArg } from '../../resp/types';
import { pushAll, type CommandMode, type Many, type MethodResult, type RedisKey } from './command-base';
import { HashCommands } from './hash-commands';
import { toBoolean } from './reply-transforms';

export abstract class ListSetCommands<Mode extends CommandMode> extends HashCommands<Mode> {
  /** The list's length after the push. */
  lpush(key: RedisKey, ...elements: Many<RespArg>[]) {
    return this.send<number>(pushAll(['LPUSH', key], elements));
  }

  rpush(key: RedisKey, ...elements: Many<RespArg>[]) {
    return this.send<number>(pushAll(['RPUSH', key], elements));
  }

  /** One element (null when empty), or with `count` up to that many (null when the key is missing). */
  lpop(key: RedisKey): MethodResult<Mode, string | null, this>;
  lpop(key: RedisKey, count: number): MethodResult<Mode, string[] | null, this>;
  lpop(key: RedisKey, count?: number): MethodResult<Mode, string | string[] | null, this> {
    return this.send<string | string[] | null>(count === undefined ? ['LPOP', key] : ['LPOP', key, count]);
  }

  rpop(key: RedisKey): MethodResult<Mode, string | null, this>;
  rpop(key: RedisKey, count: number): MethodResult<Mode, string[] | null, this>;
  rpop(key: RedisKey, count?: number): MethodResult<Mode, string | string[] | null, this> {
    return this.send<string | string[] | null>(count === undefined ? ['RPOP', key] : ['RPOP', key, count]);
  }

  /** Inclusive indices; negative ones count from the end (-1 is the last element). */
  lrange(key: RedisKey, start: number, stop: number) {
    return this.send<string[]>(['LRANGE', key, start, stop]);
  }

  llen(key: RedisKey) {
    return this.send<number>(['LLEN', key]);
  }

  lindex(key: RedisKey, index: number) {
    return this.send<string | null>(['LINDEX', key, index]);
  }

  /** count > 0 removes from the head, < 0 from the tail, 0 all occurrences. Returns how many went. */
  lrem(key: RedisKey, count: number, element: RespArg) {
    return this.send<number>(['LREM', key, count, element]);
  }

  ltrim(key: RedisKey, start: number, stop: number) {
    return this.send<'OK'>(['LTRIM', key, start, stop]);
  }

  /** How many members were new. */
  sadd(key: RedisKey, ...members: Many<RespArg>[]) {
    return this.send<number>(pushAll(['SADD', key], members));
  }

  srem(key: RedisKey, ...members: Many<RespArg>[]) {
    return this.send<number>(pushAll(['SREM', key], members));
  }

  smembers(key: RedisKey) {
    return this.send<string[]>(['SMEMBERS', key]);
  }

  sismember(key: RedisKey, member: RespArg) {
    return this.send<boolean>(['SISMEMBER', key, member], { transform: toBoolean });
  }

  scard(key: RedisKey) {
    return this.send<number>(['SCARD', key]);
  }
}
