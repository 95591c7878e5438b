import type { RespArg } from '../../resp/types';
import { BlockingListCommands } from './blocking-list-commands';
import { pushAll, type CommandMode, type Many, type MethodResult, type RedisKey } from './command-base';
import { toBooleans, toScanPage, toStrings, type ScanPage } from './collection-replies';
import { scanArgs, type ScanMatchOptions } from './hash-commands';
import { toBoolean } from './reply-transforms';

/** Set commands beyond the basics; commands over several keys need them in one slot (a {hash tag}). */
export abstract class SetCommands<Mode extends CommandMode> extends BlockingListCommands<Mode> {
  smismember(key: RedisKey, ...members: Many<RespArg>[]) {
    return this.send<boolean[]>(pushAll(['SMISMEMBER', key], members), { transform: toBooleans });
  }

  smembersBuffer(key: RedisKey) {
    return this.send<Buffer[]>(['SMEMBERS', key], { buffers: true });
  }

  /** One random member removed (null when empty), or with `count` up to that many. */
  spop(key: RedisKey): MethodResult<Mode, string | null, this>;
  spop(key: RedisKey, count: number): MethodResult<Mode, string[], this>;
  spop(key: RedisKey, count?: number): MethodResult<Mode, string | string[] | null, this> {
    return this.send<string | string[] | null>(count === undefined ? ['SPOP', key] : ['SPOP', key, count]);
  }

  /** One random member (null when empty), or with `count` (> 0: distinct; < 0: repeats allowed). */
  srandmember(key: RedisKey): MethodResult<Mode, string | null, this>;
  srandmember(key: RedisKey, count: number): MethodResult<Mode, string[], this>;
  srandmember(key: RedisKey, count?: number): MethodResult<Mode, string | string[] | null, this> {
    return this.send<string | string[] | null>(count === undefined ? ['SRANDMEMBER', key] : ['SRANDMEMBER', key, count]);
  }

  sinter(...keys: Many<RedisKey>[]) {
    return this.send<string[]>(pushAll(['SINTER'], keys));
  }

  sunion(...keys: Many<RedisKey>[]) {
    return this.send<string[]>(pushAll(['SUNION'], keys));
  }

  sdiff(...keys: Many<RedisKey>[]) {
    return this.send<string[]>(pushAll(['SDIFF'], keys));
  }

  /** The intersection's size, counting up to LIMIT (0: no limit). */
  sintercard(keys: readonly RedisKey[], options?: { LIMIT?: number }) {
    const args: RespArg[] = ['SINTERCARD', keys.length, ...keys];
    if (options?.LIMIT !== undefined) args.push('LIMIT', options.LIMIT);
    return this.send<number>(args);
  }

  /** Stores the result in `destination`; its size. */
  sinterstore(destination: RedisKey, ...keys: Many<RedisKey>[]) {
    return this.send<number>(pushAll(['SINTERSTORE', destination], keys));
  }

  sunionstore(destination: RedisKey, ...keys: Many<RedisKey>[]) {
    return this.send<number>(pushAll(['SUNIONSTORE', destination], keys));
  }

  sdiffstore(destination: RedisKey, ...keys: Many<RedisKey>[]) {
    return this.send<number>(pushAll(['SDIFFSTORE', destination], keys));
  }

  /** true when moved, false when `member` was not in `source`. */
  smove(source: RedisKey, destination: RedisKey, member: RespArg) {
    return this.send<boolean>(['SMOVE', source, destination, member], { transform: toBoolean });
  }

  /** One page of members; the client's sscanIterator() walks them all. */
  sscan(key: RedisKey, cursor: string | number, options?: ScanMatchOptions) {
    return this.send<ScanPage<string>>(scanArgs('SSCAN', key, cursor, options), { transform: toSetScan });
  }
}

const toSetScan = toScanPage(toStrings);
