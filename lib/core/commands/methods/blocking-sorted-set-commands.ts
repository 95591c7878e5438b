import type { CommandMode, Many, RedisKey } from './command-base';
import { toKeyedMembers, toKeyedScoredMember, type KeyedMembers, type KeyedScoredMember } from './collection-replies';
import { mpopArgs } from './list-commands';
import { SortedSetAlgebraCommands } from './sorted-set-algebra-commands';

/**
 * Blocking sorted-set pops: each on a connection of its own, for up to `timeout` seconds (0: until
 * a member comes, or close()). A timeout is a null reply, not an error. Keys in one slot.
 */
export abstract class BlockingSortedSetCommands<Mode extends CommandMode> extends SortedSetAlgebraCommands<Mode> {
  bzpopmin(keys: Many<RedisKey>, timeout: number) {
    return this.send<KeyedScoredMember | null>(['BZPOPMIN', ...list(keys), timeout], { transform: toKeyedScoredMember });
  }

  bzpopmax(keys: Many<RedisKey>, timeout: number) {
    return this.send<KeyedScoredMember | null>(['BZPOPMAX', ...list(keys), timeout], { transform: toKeyedScoredMember });
  }

  bzmpop(timeout: number, keys: readonly RedisKey[], which: 'MIN' | 'MAX', options?: { COUNT?: number }) {
    return this.send<KeyedMembers | null>(mpopArgs(['BZMPOP', timeout], keys, which, options?.COUNT), { transform: toKeyedMembers });
  }
}

function list(keys: Many<RedisKey>): readonly RedisKey[] {
  return Array.isArray(keys) ? keys : [keys as RedisKey];
}
