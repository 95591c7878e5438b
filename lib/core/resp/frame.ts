import type { RespMap, RespValue } from './types';

/**
 * What a RESP type byte introduces. Plain numbers (not a TS enum) so the table lookup stays a small-integer
 * compare under isolatedModules. Numbered in TYPE_BYTES order; Bulk..Attribute are contiguous: they are the
 * kinds whose line is a length.
 */
export const K = Object.freeze({
  Invalid: 0,
  Simple: 1,
  Error: 2,
  Integer: 3,
  Bulk: 4,
  Verbatim: 5,
  BlobError: 6,
  Array: 7,
  Set: 8,
  Map: 9,
  Push: 10,
  Attribute: 11,
  Null: 12,
  Boolean: 13,
  Double: 14,
  BigNumber: 15,
});

/** Type byte -> kind; an unknown byte fails at once instead of waiting for a line end that may never come. */
export const KINDS = new Uint8Array(256);
const TYPE_BYTES = '+-:$=!*~%>|_#,(';
for (let i = 0; i < TYPE_BYTES.length; i++) KINDS[TYPE_BYTES.charCodeAt(i)] = i + 1;

export function hasLengthLine(kind: number): boolean {
  return kind >= K.Bulk && kind <= K.Attribute;
}

const NO_ITEMS: RespValue[] = [];
/**
 * Aggregates up to this size get an array of their exact size: `[]` grown by push reserves 17 slots
 * for 2 elements (a 1M-pair ZRANGE WITHSCORES reply took 194 MB of heap, now 100 MB). Larger ones
 * grow as their elements arrive, so a length the peer announces never reserves memory by itself.
 */
const PRESIZE_UP_TO = 16;
const NO_MAP: RespMap = {};

/** One open aggregate on the decoder's stack. Frames are reused across replies, so none is allocated per reply. */
export class Frame {
  kind = 0;
  /** Elements still expected; a map or attribute of n pairs expects 2n. */
  remaining = 0;
  items: RespValue[] = NO_ITEMS;
  map: RespMap = NO_MAP;
  private next = 0;
  private key = '';
  private hasKey = false;

  open(kind: number, n: number): void {
    this.kind = kind;
    this.hasKey = false;
    if (kind === K.Map) {
      this.remaining = n * 2;
      this.map = {};
    } else if (kind === K.Attribute) {
      // Attributes are decoded only to be skipped; nothing is kept.
      this.remaining = n * 2;
    } else {
      this.remaining = n;
      this.next = 0;
      this.items = n <= PRESIZE_UP_TO ? new Array<RespValue>(n) : [];
    }
  }

  /** Adds one element; true when that completed the aggregate. */
  add(value: RespValue): boolean {
    if (this.kind === K.Map) {
      if (this.hasKey) setEntry(this.map, this.key, value);
      else this.key = keyOf(value);
      this.hasKey = !this.hasKey;
    } else if (this.kind !== K.Attribute) {
      this.items[this.next++] = value;
    }
    return --this.remaining === 0;
  }

  /** The finished value; the frame drops its references so a reused frame never pins an old reply. */
  close(): RespValue {
    const value = this.kind === K.Map ? this.map : this.items;
    this.items = NO_ITEMS;
    this.map = NO_MAP;
    return value;
  }
}

function keyOf(value: RespValue): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return String(value);
}

function setEntry(map: RespMap, key: string, value: RespValue): void {
  // A peer-chosen "__proto__" key must become data, not replace the object's prototype.
  if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}
