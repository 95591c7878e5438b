import type { RespArg } from '../../resp/types';
import type { CommandMode, RedisKey } from './command-base';
import { toKeyedMembers, type KeyedMembers } from './collection-replies';
import { mpopArgs } from './list-commands';
import { toScoredMembers, type ScoredMember } from './reply-transforms';
import { rangeArgs, score, SortedSetCommands, type ScoreBound, type ZRangeOptions } from './sorted-set-commands';

/** ZUNION/ZINTER(STORE)'s options. */
export interface ZCombineOptions {
  /** One multiplier per key, in order. */
  WEIGHTS?: readonly number[];
  /** How a member's scores combine (default SUM). */
  AGGREGATE?: 'SUM' | 'MIN' | 'MAX';
}

/**
 * Sorted-set algebra (union, intersection, difference, their stores), range removal and ZMPOP.
 * Commands over several keys need them in one slot (a {hash tag}).
 */
export abstract class SortedSetAlgebraCommands<Mode extends CommandMode> extends SortedSetCommands<Mode> {
  zunion(keys: readonly RedisKey[], options?: ZCombineOptions) {
    return this.send<string[]>(combineArgs(['ZUNION'], keys, options));
  }

  zunionWithScores(keys: readonly RedisKey[], options?: ZCombineOptions) {
    return this.send<ScoredMember[]>(withScores(combineArgs(['ZUNION'], keys, options)), { transform: toScoredMembers });
  }

  zinter(keys: readonly RedisKey[], options?: ZCombineOptions) {
    return this.send<string[]>(combineArgs(['ZINTER'], keys, options));
  }

  zinterWithScores(keys: readonly RedisKey[], options?: ZCombineOptions) {
    return this.send<ScoredMember[]>(withScores(combineArgs(['ZINTER'], keys, options)), { transform: toScoredMembers });
  }

  /** Members of the first set in none of the others. */
  zdiff(keys: readonly RedisKey[]) {
    return this.send<string[]>(['ZDIFF', keys.length, ...keys]);
  }

  zdiffWithScores(keys: readonly RedisKey[]) {
    return this.send<ScoredMember[]>(['ZDIFF', keys.length, ...keys, 'WITHSCORES'], { transform: toScoredMembers });
  }

  /** The intersection's size, counting up to LIMIT (0: no limit). */
  zintercard(keys: readonly RedisKey[], options?: { LIMIT?: number }) {
    const args: RespArg[] = ['ZINTERCARD', keys.length, ...keys];
    if (options?.LIMIT !== undefined) args.push('LIMIT', options.LIMIT);
    return this.send<number>(args);
  }

  /** Stores the union in `destination`; its size. */
  zunionstore(destination: RedisKey, keys: readonly RedisKey[], options?: ZCombineOptions) {
    return this.send<number>(combineArgs(['ZUNIONSTORE', destination], keys, options));
  }

  zinterstore(destination: RedisKey, keys: readonly RedisKey[], options?: ZCombineOptions) {
    return this.send<number>(combineArgs(['ZINTERSTORE', destination], keys, options));
  }

  zdiffstore(destination: RedisKey, keys: readonly RedisKey[]) {
    return this.send<number>(['ZDIFFSTORE', destination, keys.length, ...keys]);
  }

  /** Stores zrange()'s result in `destination`; its size. */
  zrangestore(destination: RedisKey, source: RedisKey, start: ScoreBound, stop: ScoreBound, options?: ZRangeOptions) {
    const args = rangeArgs(source, start, stop, options, false);
    args.splice(0, 1, 'ZRANGESTORE', destination);
    return this.send<number>(args);
  }

  /** How many members were removed. */
  zremrangebyscore(key: RedisKey, min: ScoreBound, max: ScoreBound) {
    return this.send<number>(['ZREMRANGEBYSCORE', key, score(min), score(max)]);
  }

  zremrangebylex(key: RedisKey, min: string, max: string) {
    return this.send<number>(['ZREMRANGEBYLEX', key, min, max]);
  }

  zremrangebyrank(key: RedisKey, start: number, stop: number) {
    return this.send<number>(['ZREMRANGEBYRANK', key, start, stop]);
  }

  /** Pops up to COUNT (default 1) lowest (MIN) or highest (MAX) from the first non-empty set of `keys`. */
  zmpop(keys: readonly RedisKey[], which: 'MIN' | 'MAX', options?: { COUNT?: number }) {
    return this.send<KeyedMembers | null>(mpopArgs(['ZMPOP'], keys, which, options?.COUNT), { transform: toKeyedMembers });
  }
}

function combineArgs(args: RespArg[], keys: readonly RedisKey[], options: ZCombineOptions | undefined): RespArg[] {
  args.push(keys.length, ...keys);
  if (options?.WEIGHTS) args.push('WEIGHTS', ...options.WEIGHTS);
  if (options?.AGGREGATE) args.push('AGGREGATE', options.AGGREGATE);
  return args;
}

function withScores(args: RespArg[]): RespArg[] {
  args.push('WITHSCORES');
  return args;
}
