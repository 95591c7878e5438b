import type { RespValue } from '../../resp/types';
import { describe, isMap, toBoolean, toNullableNumber, toNumber, toScoredMembers, type ScoredMember } from './reply-transforms';

/**
 * Reply shapes of the collection commands (pops, scans, random picks), each read from RESP2 and
 * RESP3 alike. Like reply-transforms.ts, an unexpected shape is a TypeError rather than a lie.
 */

/** One page of HSCAN/SSCAN/ZSCAN: pass `cursor` back until it is '0'. */
export interface ScanPage<T> {
  cursor: string;
  items: T[];
}

export interface HashEntry<V = string> {
  field: string;
  value: V;
}

/** BLPOP/BRPOP: the key that had an element, and the element. */
export interface KeyedElement<V = string> {
  key: string;
  element: V;
}

/** LMPOP/BLMPOP: the key popped from, and what was popped. */
export interface KeyedElements<V = string> {
  key: string;
  elements: V[];
}

/** ZMPOP/BZMPOP. */
export interface KeyedMembers {
  key: string;
  members: ScoredMember[];
}

/** BZPOPMIN/BZPOPMAX. */
export interface KeyedScoredMember extends ScoredMember {
  key: string;
}

export function asArray(reply: RespValue): RespValue[] {
  if (!Array.isArray(reply)) throw new TypeError(`expected an array reply, got ${describe(reply)}`);
  return reply;
}

/** Text of a bulk or simple string, whether decoded as a string or a Buffer. */
export function text(value: RespValue): string {
  return Buffer.isBuffer(value) ? value.toString() : String(value);
}

/** The value as the caller asked for it: a Buffer kept (a ...Buffer method), anything else as text. */
export function stringOrBuffer(value: RespValue): string | Buffer {
  return Buffer.isBuffer(value) ? value : String(value);
}

/** [name, value] pairs from a RESP2 flat array, a RESP3 array of pairs, or a RESP3 map. */
export function pairsOf(reply: RespValue): [RespValue, RespValue][] {
  if (isMap(reply)) return Object.keys(reply).map((key) => [key, reply[key]]);
  const items = asArray(reply);
  if (items.length > 0 && Array.isArray(items[0])) return items.map((pair) => asArray(pair) as [RespValue, RespValue]);
  const out: [RespValue, RespValue][] = [];
  for (let i = 0; i + 1 < items.length; i += 2) out.push([items[i], items[i + 1]]);
  return out;
}

export function toBooleans(reply: RespValue): boolean[] {
  return asArray(reply).map(toBoolean);
}

export function toNullableNumbers(reply: RespValue): (number | null)[] {
  return asArray(reply).map(toNullableNumber);
}

export function toNumbers(reply: RespValue): number[] {
  return asArray(reply).map(toNumber);
}

export function toStrings(reply: RespValue): string[] {
  return asArray(reply).map(text);
}

/** [cursor, items]: the same in both protocols. */
export function toScanPage<T>(items: (reply: RespValue) => T[]): (reply: RespValue) => ScanPage<T> {
  return (reply) => {
    const [cursor, page] = asArray(reply);
    return { cursor: text(cursor), items: items(page) };
  };
}

export function toHashEntries(reply: RespValue): HashEntry[] {
  return pairsOf(reply).map(([field, value]) => ({ field: text(field), value: text(value) }));
}

export function toKeyedElement<V>(value: (v: RespValue) => V): (reply: RespValue) => KeyedElement<V> | null {
  return (reply) => (reply === null ? null : { key: text(asArray(reply)[0]), element: value(asArray(reply)[1]) });
}

export function toKeyedElements<V>(value: (v: RespValue) => V): (reply: RespValue) => KeyedElements<V> | null {
  return (reply) => (reply === null ? null : { key: text(asArray(reply)[0]), elements: asArray(asArray(reply)[1]).map(value) });
}

export function toKeyedMembers(reply: RespValue): KeyedMembers | null {
  return reply === null ? null : { key: text(asArray(reply)[0]), members: toScoredMembers(asArray(reply)[1]) };
}

export function toKeyedScoredMember(reply: RespValue): KeyedScoredMember | null {
  if (reply === null) return null;
  const [key, member, score] = asArray(reply);
  return { key: text(key), member: text(member), score: toNumber(score) };
}
