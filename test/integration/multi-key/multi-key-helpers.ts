/**
 * Small helpers shared by the multi-key specs (cross-slot, pipelines, transactions, scripts, SCAN,
 * pub/sub): finding keys by slot or owner, and catching a rejection as a value.
 */
import { hashSlot } from '../../../lib/core/slots/hash-slot';

export { rejection } from '../../helpers/rejection';

/** The first `${prefix}${i}` (i = 0, 1, ...) for which `accept(slot)` holds. */
export function keyWhere(prefix: string, accept: (slot: number) => boolean): string {
  for (let i = 0; i < 1_000_000; i++) {
    const key = `${prefix}${i}`;
    if (accept(hashSlot(key))) return key;
  }
  throw new Error(`no key with prefix ${prefix} fits`);
}

/** Two keys under `prefix` in different slots, and their slots sorted ascending. */
export function twoSlotKeys(prefix: string): { keys: [string, string]; slots: number[] } {
  const a = `${prefix}a`;
  const b = keyWhere(`${prefix}b`, (slot) => slot !== hashSlot(a));
  return { keys: [a, b], slots: [hashSlot(a), hashSlot(b)].sort((x, y) => x - y) };
}

/** Sorted ascending copy, for comparing slot lists whatever order an error names them in. */
export function sorted(numbers: readonly number[]): number[] {
  return [...numbers].sort((a, b) => a - b);
}
