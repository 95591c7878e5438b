import type { RespArg } from '../../resp/types';
import { pushAll, type CommandMode, type Many, type MethodResult, type RedisKey } from './command-base';
import { toNullableNumbers, toScanPage, type ScanPage } from './collection-replies';
import { scanArgs, type ScanMatchOptions } from './hash-commands';
import { SetCommands } from './set-commands';
import { toNullableNumber, toNumber, toScoredMembers, type ScoredMember } from './reply-transforms';

export interface ZMember {
  score: number;
  member: RespArg;
}

/** `{ alice: 10, bob: 7 }` or `[{ score: 10, member: 'alice' }, ...]`. */
export type ZAddMembers = Readonly<Record<string, number>> | ZMember | readonly ZMember[];

export interface ZAddOptions {
  /** Only add new members. */
  NX?: boolean;
  /** Only update existing members. */
  XX?: boolean;
  /** Only update when the new score is greater. */
  GT?: boolean;
  /** Only update when the new score is less. */
  LT?: boolean;
  /** Reply with how many members were added or changed, not only added. */
  CH?: boolean;
}

export interface ZRangeOptions {
  /** Range by score or lexicographically instead of by rank; min/max then take '(1', '-inf', '[a'... */
  BY?: 'SCORE' | 'LEX';
  REV?: boolean;
  /** Only with BY: skip `offset` results and return at most `count` (-1: all). */
  LIMIT?: { offset: number; count: number };
}

/** A score bound: numbers (±Infinity as ±inf), or Redis's own syntax ('(1.5', '-inf'). */
export type ScoreBound = number | string;

export abstract class SortedSetCommands<Mode extends CommandMode> extends SetCommands<Mode> {
  /** How many members were added (with CH: added or updated). */
  zadd(key: RedisKey, members: ZAddMembers, options?: ZAddOptions) {
    const args: RespArg[] = ['ZADD', key];
    if (options) for (const flag of ['NX', 'XX', 'GT', 'LT', 'CH'] as const) if (options[flag]) args.push(flag);
    if (Array.isArray(members)) for (const m of members as readonly ZMember[]) args.push(score(m.score), m.member);
    else if (isZMember(members)) args.push(score(members.score), members.member);
    else for (const member of Object.keys(members)) args.push(score((members as Readonly<Record<string, number>>)[member]), member);
    return this.send<number>(args);
  }

  zrem(key: RedisKey, ...members: Many<RespArg>[]) {
    return this.send<number>(pushAll(['ZREM', key], members));
  }

  /** Members from `start` to `stop`: ranks by default, scores or lex bounds with `BY`. */
  zrange(key: RedisKey, start: ScoreBound, stop: ScoreBound, options?: ZRangeOptions) {
    return this.send<string[]>(rangeArgs(key, start, stop, options, false));
  }

  /** As zrange, with each member's score. */
  zrangeWithScores(key: RedisKey, start: ScoreBound, stop: ScoreBound, options?: ZRangeOptions) {
    return this.send<ScoredMember[]>(rangeArgs(key, start, stop, options, true), { transform: toScoredMembers });
  }

  /** The score, or null when the member (or key) is missing. A RESP3 double or RESP2 text, parsed. */
  zscore(key: RedisKey, member: RespArg) {
    return this.send<number | null>(['ZSCORE', key, member], { transform: toNullableNumber });
  }

  /** The member's new score. */
  zincrby(key: RedisKey, increment: number, member: RespArg) {
    return this.send<number>(['ZINCRBY', key, score(increment), member], { transform: toNumber });
  }

  zcard(key: RedisKey) {
    return this.send<number>(['ZCARD', key]);
  }

  zcount(key: RedisKey, min: ScoreBound, max: ScoreBound) {
    return this.send<number>(['ZCOUNT', key, score(min), score(max)]);
  }

  /** 0-based rank by ascending score, or null when the member is missing. */
  zrank(key: RedisKey, member: RespArg) {
    return this.send<number | null>(['ZRANK', key, member]);
  }

  /** Rank by descending score. */
  zrevrank(key: RedisKey, member: RespArg) {
    return this.send<number | null>(['ZREVRANK', key, member]);
  }

  zrangeBuffer(key: RedisKey, start: ScoreBound, stop: ScoreBound, options?: ZRangeOptions) {
    return this.send<Buffer[]>(rangeArgs(key, start, stop, options, false), { buffers: true });
  }

  /** Deprecated by Redis: zrange(key, start, stop, { REV: true }). */
  zrevrange(key: RedisKey, start: number, stop: number) {
    return this.send<string[]>(['ZREVRANGE', key, start, stop]);
  }

  /** Deprecated by Redis: zrange(key, min, max, { BY: 'SCORE' }). */
  zrangebyscore(key: RedisKey, min: ScoreBound, max: ScoreBound, options?: { LIMIT?: { offset: number; count: number } }) {
    return this.send<string[]>(limitArgs(['ZRANGEBYSCORE', key, score(min), score(max)], options));
  }

  zrevrangebyscore(key: RedisKey, max: ScoreBound, min: ScoreBound, options?: { LIMIT?: { offset: number; count: number } }) {
    return this.send<string[]>(limitArgs(['ZREVRANGEBYSCORE', key, score(max), score(min)], options));
  }

  /** Deprecated by Redis: zrange(key, min, max, { BY: 'LEX' }). Bounds: '[a', '(a', '-', '+'. */
  zrangebylex(key: RedisKey, min: string, max: string, options?: { LIMIT?: { offset: number; count: number } }) {
    return this.send<string[]>(limitArgs(['ZRANGEBYLEX', key, min, max], options));
  }

  zrevrangebylex(key: RedisKey, max: string, min: string, options?: { LIMIT?: { offset: number; count: number } }) {
    return this.send<string[]>(limitArgs(['ZREVRANGEBYLEX', key, max, min], options));
  }

  /** Members between two lex bounds ('[a', '(a', '-', '+'). */
  zlexcount(key: RedisKey, min: string, max: string) {
    return this.send<number>(['ZLEXCOUNT', key, min, max]);
  }

  /** One score (or null) per member. */
  zmscore(key: RedisKey, ...members: Many<RespArg>[]) {
    return this.send<(number | null)[]>(pushAll(['ZMSCORE', key], members), { transform: toNullableNumbers });
  }

  /** A random member, or null for a missing key. */
  zrandmember(key: RedisKey) {
    return this.send<string | null>(['ZRANDMEMBER', key]);
  }

  /** `count` > 0: distinct members, up to count; < 0: |count| members, repeats allowed. */
  zrandmemberCount(key: RedisKey, count: number) {
    return this.send<string[]>(['ZRANDMEMBER', key, count]);
  }

  zrandmemberWithScores(key: RedisKey, count: number) {
    return this.send<ScoredMember[]>(['ZRANDMEMBER', key, count, 'WITHSCORES'], { transform: toScoredMembers });
  }

  /** Removes and returns the lowest-scored member(s): one without `count`, up to `count` with it. */
  zpopmin(key: RedisKey, count?: number): MethodResult<Mode, ScoredMember[], this> {
    return this.send<ScoredMember[]>(count === undefined ? ['ZPOPMIN', key] : ['ZPOPMIN', key, count], { transform: toScoredMembers });
  }

  zpopmax(key: RedisKey, count?: number): MethodResult<Mode, ScoredMember[], this> {
    return this.send<ScoredMember[]>(count === undefined ? ['ZPOPMAX', key] : ['ZPOPMAX', key, count], { transform: toScoredMembers });
  }

  /** One page of members with scores; the client's zscanIterator() walks them all. */
  zscan(key: RedisKey, cursor: string | number, options?: ScanMatchOptions) {
    return this.send<ScanPage<ScoredMember>>(scanArgs('ZSCAN', key, cursor, options), { transform: toSortedSetScan });
  }
}

const toSortedSetScan = toScanPage(toScoredMembers);

function limitArgs(args: RespArg[], options: { LIMIT?: { offset: number; count: number } } | undefined): RespArg[] {
  if (options?.LIMIT) args.push('LIMIT', options.LIMIT.offset, options.LIMIT.count);
  return args;
}

export function rangeArgs(
  key: RedisKey,
  start: ScoreBound,
  stop: ScoreBound,
  options: ZRangeOptions | undefined,
  withScores: boolean,
): RespArg[] {
  const byScore = options?.BY === 'SCORE';
  const args: RespArg[] = ['ZRANGE', key, byScore ? score(start) : start, byScore ? score(stop) : stop];
  if (options?.BY) args.push(`BY${options.BY}`);
  if (options?.REV) args.push('REV');
  if (options?.LIMIT) args.push('LIMIT', options.LIMIT.offset, options.LIMIT.count);
  if (withScores) args.push('WITHSCORES');
  return args;
}

/** Redis spells infinities "+inf"/"-inf"; String(Infinity) would be refused. */
export function score(value: ScoreBound): RespArg {
  if (value === Infinity) return '+inf';
  if (value === -Infinity) return '-inf';
  return value;
}

function isZMember(value: ZAddMembers): value is ZMember {
  return typeof (value as ZMember).score === 'number' && 'member' in value;
}
