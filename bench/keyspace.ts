import { hashSlot } from '../lib/core/slots/hash-slot';

/** The preloaded data every workload reads and rewrites: SET always writes a key's own value, so a GET can always be checked. */
export interface Keyspace {
  keys: string[];
  values: string[];
  /** MGET groups: 10 keys on 10 different slots each, with the values expected back, in order. */
  groups: Array<{ keys: string[]; values: string[] }>;
}

export const KEY_COUNT = 10_000;
export const VALUE_BYTES = 64;
export const MGET_KEYS = 10;
const GROUP_COUNT = 1024;

export function buildKeyspace(random: () => number): Keyspace {
  const keys: string[] = [];
  const values: string[] = [];
  for (let i = 0; i < KEY_COUNT; i++) {
    keys.push(`bench:key:${i}`);
    const head = `value-${i}-`;
    values.push(head + 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(2).slice(0, VALUE_BYTES - head.length));
  }
  const slots = keys.map((k) => hashSlot(k));
  const groups: Keyspace['groups'] = [];
  while (groups.length < GROUP_COUNT) {
    const picked: number[] = [];
    const used = new Set<number>();
    while (picked.length < MGET_KEYS) {
      const i = random() % KEY_COUNT;
      if (used.has(slots[i])) continue;
      used.add(slots[i]);
      picked.push(i);
    }
    groups.push({ keys: picked.map((i) => keys[i]), values: picked.map((i) => values[i]) });
  }
  return { keys, values, groups };
}
