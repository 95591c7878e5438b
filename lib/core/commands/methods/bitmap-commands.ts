import type { RespArg, RespValue } from '../../resp/types';
import { pushAll, type CommandMode, type Many, type RedisKey } from './command-base';
import { asArray } from './collection-replies';
import { toNullableNumber } from './reply-transforms';
import { StringCommands } from './string-commands';

/** A byte or bit range for BITCOUNT/BITPOS; `mode` BIT counts `start`/`end` in bits (Redis 7). */
export interface BitRange {
  start: number;
  /** BITPOS may leave it out (to the end); BITCOUNT needs it with start. */
  end?: number;
  mode?: 'BYTE' | 'BIT';
}

/** A bitfield integer type: `i8`, `u16`... (signed up to 64 bits, unsigned up to 63). */
export type BitfieldEncoding = `${'i' | 'u'}${number}`;

/** A bit offset, or `#n` for the n-th field of the encoding's width. */
export type BitfieldOffset = number | `#${number}`;

export type BitfieldOperation =
  | { op: 'GET'; encoding: BitfieldEncoding; offset: BitfieldOffset }
  | { op: 'SET'; encoding: BitfieldEncoding; offset: BitfieldOffset; value: number | bigint }
  | { op: 'INCRBY'; encoding: BitfieldEncoding; offset: BitfieldOffset; increment: number | bigint }
  /** Applies to the SET/INCRBY operations after it. FAIL makes an overflowing one reply null. */
  | { op: 'OVERFLOW'; behavior: 'WRAP' | 'SAT' | 'FAIL' };

export type BitOperation = 'AND' | 'OR' | 'XOR' | 'NOT';

export abstract class BitmapCommands<Mode extends CommandMode> extends StringCommands<Mode> {
  /** The bit's previous value. */
  setbit(key: RedisKey, offset: number, value: 0 | 1) {
    return this.send<0 | 1>(['SETBIT', key, offset, value]);
  }

  getbit(key: RedisKey, offset: number) {
    return this.send<0 | 1>(['GETBIT', key, offset]);
  }

  /** Bits set to 1, in the whole string or a range. */
  bitcount(key: RedisKey, range?: BitRange) {
    return this.send<number>(pushRange(['BITCOUNT', key], range));
  }

  /** The first bit set to `bit`, or -1. */
  bitpos(key: RedisKey, bit: 0 | 1, range?: BitRange) {
    return this.send<number>(pushRange(['BITPOS', key, bit], range));
  }

  /** Stores `op` of the sources into `destination` (all in one slot); the result's length in bytes. */
  bitop(op: BitOperation, destination: RedisKey, ...sources: Many<RedisKey>[]) {
    return this.send<number>(pushAll(['BITOP', op, destination], sources));
  }

  /** One reply per GET/SET/INCRBY, in order; null where OVERFLOW FAIL refused one. */
  bitfield(key: RedisKey, operations: readonly BitfieldOperation[]) {
    const args: RespArg[] = ['BITFIELD', key];
    for (const o of operations) {
      if (o.op === 'OVERFLOW') args.push('OVERFLOW', o.behavior);
      else if (o.op === 'GET') args.push('GET', o.encoding, o.offset);
      else if (o.op === 'SET') args.push('SET', o.encoding, o.offset, o.value);
      else args.push('INCRBY', o.encoding, o.offset, o.increment);
    }
    return this.send<(number | null)[]>(args, { transform: toNullableNumbers });
  }

  /** BITFIELD_RO: GETs only, so replicas may serve it. */
  bitfieldRo(key: RedisKey, gets: readonly { encoding: BitfieldEncoding; offset: BitfieldOffset }[]) {
    const args: RespArg[] = ['BITFIELD_RO', key];
    for (const g of gets) args.push('GET', g.encoding, g.offset);
    return this.send<number[]>(args);
  }
}

function pushRange(args: RespArg[], range: BitRange | undefined): RespArg[] {
  if (range === undefined) return args;
  args.push(range.start);
  if (range.end !== undefined) args.push(range.end);
  if (range.mode !== undefined) args.push(range.mode);
  return args;
}

function toNullableNumbers(reply: RespValue): (number | null)[] {
  return asArray(reply).map(toNullableNumber);
}
