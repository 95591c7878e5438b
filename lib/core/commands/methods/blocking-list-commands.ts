import type { CommandMode, Many, RedisKey } from './command-base';
import { toKeyedElement, stringOrBuffer, type KeyedElement, type KeyedElements } from './collection-replies';
import { ListCommands, mpopArgs, toKeyedBuffers, toKeyedStrings, type ListSide } from './list-commands';

/**
 * Blocking list pops. Each runs on a connection of its own (never one shared with other callers),
 * for up to `timeout` seconds (0: until an element comes, or close()); the reply deadline allows
 * for the timeout. A timeout is a null reply, not an error.
 */

const toElement = toKeyedElement(String);
const toElementBuffer = toKeyedElement((v) => stringOrBuffer(v) as Buffer);

export abstract class BlockingListCommands<Mode extends CommandMode> extends ListCommands<Mode> {
  /** The first element of the first non-empty list of `keys` (one slot), waiting up to `timeout` seconds. */
  blpop(keys: Many<RedisKey>, timeout: number) {
    return this.send<KeyedElement | null>(['BLPOP', ...list(keys), timeout], { transform: toElement });
  }

  brpop(keys: Many<RedisKey>, timeout: number) {
    return this.send<KeyedElement | null>(['BRPOP', ...list(keys), timeout], { transform: toElement });
  }

  blpopBuffer(keys: Many<RedisKey>, timeout: number) {
    return this.send<KeyedElement<Buffer> | null>(['BLPOP', ...list(keys), timeout], { buffers: true, transform: toElementBuffer });
  }

  brpopBuffer(keys: Many<RedisKey>, timeout: number) {
    return this.send<KeyedElement<Buffer> | null>(['BRPOP', ...list(keys), timeout], { buffers: true, transform: toElementBuffer });
  }

  blmove(source: RedisKey, destination: RedisKey, from: ListSide, to: ListSide, timeout: number) {
    return this.send<string | null>(['BLMOVE', source, destination, from, to, timeout]);
  }

  /** Deprecated by Redis: blmove(source, destination, 'RIGHT', 'LEFT', timeout). */
  brpoplpush(source: RedisKey, destination: RedisKey, timeout: number) {
    return this.send<string | null>(['BRPOPLPUSH', source, destination, timeout]);
  }

  blmpop(timeout: number, keys: readonly RedisKey[], side: ListSide, options?: { COUNT?: number }) {
    return this.send<KeyedElements | null>(mpopArgs(['BLMPOP', timeout], keys, side, options?.COUNT), { transform: toKeyedStrings });
  }

  blmpopBuffer(timeout: number, keys: readonly RedisKey[], side: ListSide, options?: { COUNT?: number }) {
    return this.send<KeyedElements<Buffer> | null>(mpopArgs(['BLMPOP', timeout], keys, side, options?.COUNT), {
      buffers: true,
      transform: toKeyedBuffers,
    });
  }
}

function list(keys: Many<RedisKey>): readonly RedisKey[] {
  return Array.isArray(keys) ? keys : [keys as RedisKey];
}
