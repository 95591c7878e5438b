import { CrossSlotKeysError } from '../../errors/cross-slot-error';
import { ReplyError } from '../../errors/reply-error';
import { isSplittableLayout, type CommandSpec, type MultiKeyKind } from '../../commands/command-spec';
import { keyCount, keyIndices } from '../../commands/key-positions';
import type { RespArg, RespValue } from '../../resp/types';
import { keySlot } from '../../slots/hash-slot';

/** One per-slot part of a split command. */
export interface SlotGroup {
  readonly slot: number;
  /** The whole command for this slot, name first. The caller's own array when nothing was split. */
  readonly args: readonly RespArg[];
  /** For each key (or key/value pair) in `args`, its index among the caller's keys: reassembly order. */
  readonly positions: readonly number[];
}

/**
 * Splits MGET / MSET / DEL / UNLINK / EXISTS / TOUCH (any spec with a splittable layout: keys, or
 * key + companions every `step`, to the end or counted by numkeys) into one command per hash slot.
 * Groups come in the order their first key appears; within a group keys keep their order, so
 * duplicates stay (EXISTS a a counts 2, as Redis does). Pure: sends nothing.
 */
export function splitMultiKey(spec: CommandSpec, args: readonly RespArg[], slotOf: (key: RespArg) => number = keySlot): SlotGroup[] {
  const region = keyRegion(spec, args);
  const { start, end, step } = region;
  const count = (end - start) / step;
  const firstSlot = slotOf(args[start]);
  let i = 1;
  while (i < count && slotOf(args[start + i * step]) === firstSlot) i++;
  if (i === count) return [{ slot: firstSlot, args, positions: sequence(count) }];

  // Several slots: slots of the keys already scanned are all firstSlot, so start from there.
  const bySlot = new Map<number, { slot: number; keys: number[] }>();
  bySlot.set(firstSlot, { slot: firstSlot, keys: sequence(i) });
  for (; i < count; i++) {
    const slot = slotOf(args[start + i * step]);
    const group = bySlot.get(slot);
    if (group) group.keys.push(i);
    else bySlot.set(slot, { slot, keys: [i] });
  }
  const groups: SlotGroup[] = [];
  for (const { slot, keys } of bySlot.values()) groups.push({ slot, args: rebuild(args, region, keys), positions: keys });
  return groups;
}

interface KeyRegion {
  /** argv index of the first key, one past the last key's group, and the group size. */
  readonly start: number;
  readonly end: number;
  readonly step: number;
  /** argv index of numkeys, rewritten per group; -1 when the keys run to the end. */
  readonly numKeysAt: number;
}

function keyRegion(spec: CommandSpec, args: readonly RespArg[]): KeyRegion {
  const [keySpec] = spec.keys;
  if (!isSplittableLayout(spec.keys)) throw new TypeError(`${spec.name} has no key layout that can be split per slot`);
  const step = keySpec.find.step > 0 ? keySpec.find.step : 1;
  const begin = keySpec.begin.type === 'index' ? keySpec.begin.index : 0;
  let start: number;
  let end: number;
  let numKeysAt = -1;
  if (keySpec.find.type === 'keynum') {
    numKeysAt = begin + keySpec.find.numKeysAt;
    start = begin + keySpec.find.firstKey;
    if (numKeysAt >= start) throw new TypeError(`${spec.name}: numkeys inside its own key range cannot be rewritten`);
    end = start + keyCount(keySpec, args, begin) * step;
  } else {
    start = begin;
    end = args.length;
  }
  // The server's own answer to this argv (odd MSET, no keys), given before anything is sent.
  if (start >= end || end > args.length || (end - start) % step !== 0) {
    throw new ReplyError('ERR', `ERR wrong number of arguments for '${spec.name.toLowerCase()}' command`);
  }
  return { start, end, step, numKeysAt };
}

function rebuild(args: readonly RespArg[], region: KeyRegion, keys: readonly number[]): RespArg[] {
  const { start, end, step, numKeysAt } = region;
  const out: RespArg[] = new Array(start + keys.length * step + (args.length - end));
  let o = 0;
  for (let i = 0; i < start; i++) out[o++] = args[i];
  if (numKeysAt !== -1) out[numKeysAt] = keys.length;
  for (const key of keys) {
    const from = start + key * step;
    for (let j = 0; j < step; j++) out[o++] = args[from + j];
  }
  for (let i = end; i < args.length; i++) out[o++] = args[i];
  return out;
}

function sequence(n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/**
 * Puts the per-group replies (same order as the groups) back together as one reply: MGET's values
 * in the caller's key order, the sum for counts, 'OK' for MSET. An error reply in any part is
 * thrown: the caller asked one question and gets one answer.
 */
export function mergeMultiKey(kind: 'mget', groups: readonly SlotGroup[], replies: readonly RespValue[]): RespValue[];
export function mergeMultiKey(kind: 'count', groups: readonly SlotGroup[], replies: readonly RespValue[]): number;
export function mergeMultiKey(kind: 'mset', groups: readonly SlotGroup[], replies: readonly RespValue[]): 'OK';
export function mergeMultiKey(kind: MultiKeyKind, groups: readonly SlotGroup[], replies: readonly RespValue[]): RespValue;
export function mergeMultiKey(kind: MultiKeyKind, groups: readonly SlotGroup[], replies: readonly RespValue[]): RespValue {
  if (replies.length !== groups.length) throw new TypeError(`expected ${groups.length} replies, got ${replies.length}`);
  for (const reply of replies) if (reply instanceof ReplyError) throw reply;
  if (kind === 'mset') return 'OK';
  if (kind === 'count') {
    let sum = 0;
    for (const reply of replies) sum += Number(reply);
    return sum;
  }
  if (groups.length === 1) return replies[0];
  let total = 0;
  for (const group of groups) total += group.positions.length;
  const out = new Array<RespValue>(total);
  for (let g = 0; g < groups.length; g++) {
    const reply = replies[g];
    const positions = groups[g].positions;
    if (!Array.isArray(reply) || reply.length !== positions.length) {
      throw new TypeError(
        `part ${g} of a split command answered ${Array.isArray(reply) ? reply.length : 'a non-array'} for ${positions.length} keys`,
      );
    }
    for (let j = 0; j < positions.length; j++) out[positions[j]] = reply[j];
  }
  return out;
}

/**
 * For commands that cannot be split (MSETNX, RENAME, SUNIONSTORE, EVAL, SMOVE, LMOVE, BITOP...):
 * the one slot all keys share, or -1 when there are none. Throws CrossSlotKeysError, naming every
 * slot involved, before anything is sent.
 */
export function assertSingleSlot(commandName: string, args: readonly RespArg[], spec: CommandSpec): number {
  const at = spec.singleKeyAt;
  if (at !== 0) return at < args.length ? keySlot(args[at]) : -1;
  const indices = keyIndices(spec, args);
  if (indices.length === 0) return -1;
  const slot = keySlot(args[indices[0]]);
  let slots: Set<number> | undefined;
  for (let i = 1; i < indices.length; i++) {
    const other = keySlot(args[indices[i]]);
    if (other !== slot) (slots ??= new Set([slot])).add(other);
  }
  if (slots) throw new CrossSlotKeysError(commandName.toUpperCase(), [...slots]);
  return slot;
}
