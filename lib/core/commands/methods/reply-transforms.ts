import type { RespValue } from '../../resp/types';

/**
 * Reply shapes differ between RESP2 and RESP3 for the same command (HGETALL is a flat array or a
 * map, ZSCORE a bulk string or a double); these turn either into the one type the method promises.
 * A reply of an unexpected shape is a TypeError: the caller's type would otherwise be a lie.
 */

export interface ScoredMember {
  member: string;
  score: number;
}

export function toBoolean(reply: RespValue): boolean {
  return reply === 1 || reply === true;
}

/** Integers, doubles, and the decimal text RESP2 uses for doubles, "inf"/"-inf" included. */
export function toNumber(reply: RespValue): number {
  if (typeof reply === 'number') return reply;
  if (typeof reply === 'bigint') return Number(reply);
  if (typeof reply === 'string' || Buffer.isBuffer(reply)) return parseDouble(reply.toString());
  throw new TypeError(`expected a number reply, got ${describe(reply)}`);
}

export function toNullableNumber(reply: RespValue): number | null {
  return reply === null ? null : toNumber(reply);
}

function parseDouble(text: string): number {
  switch (text.toLowerCase()) {
    case 'inf':
    case '+inf':
      return Infinity;
    case '-inf':
      return -Infinity;
    default: {
      const value = Number(text);
      if (Number.isNaN(value) && text.toLowerCase() !== 'nan') throw new TypeError(`expected a number reply, got "${text}"`);
      return value;
    }
  }
}

/** HGETALL and friends: a RESP2 [field, value, ...] array or a RESP3 map, as a plain object. */
export function toRecord(reply: RespValue): Record<string, string> {
  return toRecordOf(reply, String);
}

/** As toRecord, with each value converted by `value` (Buffers kept, numbers parsed...). */
export function toRecordOf<V>(reply: RespValue, value: (v: RespValue) => V): Record<string, V> {
  const out: Record<string, V> = {};
  if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) setField(out, String(reply[i]), value(reply[i + 1]));
    return out;
  }
  if (isMap(reply)) {
    for (const key of Object.keys(reply)) setField(out, key, value(reply[key]));
    return out;
  }
  throw new TypeError(`expected a map reply, got ${describe(reply)}`);
}

/** A hash field may be called "__proto__"; plain assignment would change the prototype instead. */
export function setField<V>(out: Record<string, V>, key: string, value: V): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** WITHSCORES: RESP2 [member, score, ...] or RESP3 [[member, score], ...]. */
export function toScoredMembers(reply: RespValue): ScoredMember[] {
  if (!Array.isArray(reply)) throw new TypeError(`expected an array reply, got ${describe(reply)}`);
  const out: ScoredMember[] = [];
  if (reply.length > 0 && Array.isArray(reply[0])) {
    for (const pair of reply) {
      if (!Array.isArray(pair) || pair.length !== 2) throw new TypeError('expected [member, score] pairs');
      out.push({ member: String(pair[0]), score: toNumber(pair[1]) });
    }
    return out;
  }
  for (let i = 0; i + 1 < reply.length; i += 2) out.push({ member: String(reply[i]), score: toNumber(reply[i + 1]) });
  return out;
}

export function isMap(reply: RespValue): reply is Record<string, RespValue> {
  return typeof reply === 'object' && reply !== null && !Array.isArray(reply) && !Buffer.isBuffer(reply) && !(reply instanceof Error);
}

export function describe(reply: RespValue): string {
  if (reply === null) return 'null';
  if (Array.isArray(reply)) return 'an array';
  if (Buffer.isBuffer(reply)) return 'a buffer';
  return typeof reply;
}
