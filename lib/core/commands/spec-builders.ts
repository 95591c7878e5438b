import { defineCommand, type CommandFlags, type CommandSpec, type CommandSpecInput, type KeyLocator, type KeySpec } from './command-spec';

/** Shorthands for writing specs: the built-in table's vocabulary, in COMMAND's legacy first/last/step terms. */

export const NO_KEYS: KeyLocator = Object.freeze([]);

/**
 * Keys from argv[first] to argv[last] every `step`. `last` -1 means to the end, -2 one before it;
 * the same meaning as COMMAND's legacy first key / last key / step.
 */
export function keysAt(first: number, last = first, step = 1): KeyLocator {
  return [rangeSpec(first, last, step)];
}

export function rangeSpec(first: number, last = first, step = 1, limit = 0): KeySpec {
  const lastKey = last >= 0 ? last - first : last;
  return { begin: { type: 'index', index: first }, find: { type: 'range', lastKey, step, limit } };
}

/** EVAL/FCALL/ZUNION style: argv[at] is the key count and the keys follow it. */
export function numKeysSpec(at: number, step = 1): KeySpec {
  return { begin: { type: 'index', index: at }, find: { type: 'keynum', numKeysAt: 0, firstKey: 1, step } };
}

/** XREAD/XREADGROUP style: the keys follow `keyword` and take the first 1/limit of what remains. */
export function keywordSpec(keyword: string, startFrom: number, limit = 0, lastKey = -1): KeySpec {
  return {
    begin: { type: 'keyword', keyword: keyword.toUpperCase(), startFrom },
    find: { type: 'range', lastKey, step: 1, limit },
  };
}

/** Flag presets for the built-in table. */
export const READ_ONLY: Partial<CommandFlags> = { readonly: true };
/** Whether a write may be repeated is not a flag: repeat-safety.ts decides, with reasons. */
export const WRITE: Partial<CommandFlags> = { write: true };

type Extras = Omit<CommandSpecInput, 'name' | 'keys' | 'flags'>;

/** One row of the built-in table. */
export function command(name: string, keys: KeyLocator, flags: Partial<CommandFlags>, extras?: Extras): CommandSpec {
  return defineCommand({ name, keys, flags, ...extras });
}

/**
 * A container command (OBJECT, XINFO, CLUSTER, ...): the container itself has no keys; each
 * subcommand is its own spec named `PARENT|SUB`, registered under both spellings of SUB.
 */
export function container(name: string, subs: readonly CommandSpec[], flags: Partial<CommandFlags> = {}): CommandSpec {
  return defineCommand({ name, keys: NO_KEYS, flags, subcommands: subcommandMap(name, subs) });
}

/** Subcommands keyed by the part after `|`, upper- and lower-case. */
export function subcommandMap(parent: string, subs: readonly CommandSpec[]): ReadonlyMap<string, CommandSpec> {
  const map = new Map<string, CommandSpec>();
  const prefix = `${parent.toUpperCase()}|`;
  for (const sub of subs) {
    const short = sub.name.startsWith(prefix) ? sub.name.slice(prefix.length) : sub.name;
    map.set(short, sub);
    map.set(short.toLowerCase(), sub);
  }
  return map;
}

/** One subcommand row: `sub('OBJECT', 'ENCODING', keysAt(2), READ_ONLY)`. */
export function sub(parent: string, name: string, keys: KeyLocator, flags: Partial<CommandFlags>, extras?: Extras): CommandSpec {
  return command(`${parent}|${name}`, keys, flags, extras);
}
