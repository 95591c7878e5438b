import type { RespArg } from '../resp/types';
import type { CommandSpec, KeySpec } from './command-spec-types';

/**
 * Finding keys in an argv (argv[0] is the command name), with the semantics of Redis's own
 * key-spec walk (db.c getKeysUsingKeySpecs), so that what we route on is what the server checks.
 * Positions past the end of argv are dropped: a short argv is the server's arity error to report.
 */

/** The argv index of the command's first key, or -1. Allocation-free: this runs for every command. */
export function firstKeyIndex(spec: CommandSpec, args: readonly RespArg[]): number {
  const at = spec.singleKeyAt;
  if (at !== 0) return at < args.length ? at : -1;
  const keys = spec.keys;
  for (let s = 0; s < keys.length; s++) {
    const first = regionStart(keys[s], args);
    if (first === -1) continue;
    const last = regionEnd(keys[s], args, first);
    if (first <= last && first < args.length) return first;
  }
  return -1;
}

/** The command's first key, or undefined when it has none. */
export function firstKey(spec: CommandSpec, args: readonly RespArg[]): RespArg | undefined {
  const index = firstKeyIndex(spec, args);
  return index === -1 ? undefined : args[index];
}

/** Every key's argv index, in the order the key specs find them (duplicates kept). */
export function keyIndices(spec: CommandSpec, args: readonly RespArg[]): number[] {
  const at = spec.singleKeyAt;
  if (at !== 0) return at < args.length ? [at] : [];
  const out: number[] = [];
  const keys = spec.keys;
  for (let s = 0; s < keys.length; s++) {
    const first = regionStart(keys[s], args);
    if (first === -1) continue;
    const last = Math.min(regionEnd(keys[s], args, first), args.length - 1);
    const step = stepOf(keys[s]);
    for (let i = first; i <= last; i += step) out.push(i);
  }
  return out;
}

/**
 * Where one key spec's keys begin in argv (after applying find_keys' offset for keynum specs),
 * or -1 when this invocation has none (keyword absent, index past the end, unusable count).
 */
export function regionStart(spec: KeySpec, args: readonly RespArg[]): number {
  const begin = spec.begin;
  let start: number;
  if (begin.type === 'index') {
    start = begin.index;
  } else {
    start = findKeyword(args, begin.keyword, begin.startFrom);
    if (start === -1) return -1;
  }
  if (start < 1 || start >= args.length) return -1;
  if (spec.find.type === 'keynum') {
    if (keyCount(spec, args, start) <= 0) return -1;
    return start + spec.find.firstKey;
  }
  return start;
}

/** The argv index of a key spec's last key, given where its keys begin (from regionStart). */
export function regionEnd(spec: KeySpec, args: readonly RespArg[], first: number): number {
  const find = spec.find;
  if (find.type === 'keynum') {
    const count = keyCount(spec, args, first - find.firstKey);
    return first + (count - 1) * find.step;
  }
  if (find.lastKey >= 0) return first + find.lastKey;
  if (find.limit <= 1) return args.length + find.lastKey;
  return first + Math.floor((args.length - first) / find.limit) + find.lastKey;
}

function stepOf(spec: KeySpec): number {
  // A zero step would loop forever; a server reply is data we do not trust blindly.
  return spec.find.step > 0 ? spec.find.step : 1;
}

/** The numkeys argument of a keynum spec whose search began at `start`; -1 when unusable. */
export function keyCount(spec: KeySpec, args: readonly RespArg[], start: number): number {
  if (spec.find.type !== 'keynum') return -1;
  const arg = args[start + spec.find.numKeysAt];
  return parseCount(arg);
}

function parseCount(arg: RespArg | undefined): number {
  if (typeof arg === 'number') return Number.isSafeInteger(arg) && arg >= 0 ? arg : -1;
  if (arg === undefined) return -1;
  const text = typeof arg === 'string' ? arg : arg.toString();
  return /^\d{1,9}$/.test(text) ? Number(text) : -1;
}

/**
 * Redis's keyword search: forwards from `startFrom` (never the last argument: a key must follow),
 * or, when negative, backwards from argc + startFrom down to argv[2]. Returns the index after it.
 */
function findKeyword(args: readonly RespArg[], keyword: string, startFrom: number): number {
  const argc = args.length;
  if (startFrom > 0) {
    for (let i = startFrom; i < argc - 1; i++) if (isToken(args[i], keyword)) return i + 1;
  } else {
    for (let i = Math.min(argc + startFrom, argc - 1); i > 1; i--) if (isToken(args[i], keyword)) return i + 1;
  }
  return -1;
}

/** Case-insensitive match of an argument against an upper-case ASCII token. */
export function isToken(arg: RespArg, token: string): boolean {
  if (typeof arg === 'string') return arg.length === token.length && arg.toUpperCase() === token;
  if (Buffer.isBuffer(arg)) return arg.length === token.length && arg.toString('latin1').toUpperCase() === token;
  return false;
}
