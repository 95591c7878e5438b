import type { CommandSpec } from '../commands/command-spec';
import { firstKeyIndex, keyIndices } from '../commands/key-positions';
import { CrossSlotKeysError } from '../errors/cross-slot-error';
import type { RespArg } from '../resp/types';
import { keySlot } from './hash-slot';

/**
 * The slot a command must run in, -1 when it has no key. Keys in several slots are refused before
 * anything is sent, naming the slots (splittable multi-key commands never get here).
 */
export function commandSlot(spec: CommandSpec | undefined, args: readonly RespArg[]): number {
  if (spec === undefined) return -1;
  // Hot path: GET, SET, HSET ... one key at a fixed position, no allocation.
  if (spec.singleKeyAt !== 0) return spec.singleKeyAt < args.length ? keySlot(args[spec.singleKeyAt]) : -1;
  const first = firstKeyIndex(spec, args);
  if (first === -1) return -1;
  const slot = keySlot(args[first]);
  let others: Set<number> | undefined;
  for (const index of keyIndices(spec, args)) {
    const s = keySlot(args[index]);
    if (s !== slot) (others ??= new Set([slot])).add(s);
  }
  if (others !== undefined) throw new CrossSlotKeysError(spec.name, [...others].sort((a, b) => a - b));
  return slot;
}
