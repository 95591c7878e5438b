import { decimalText } from '../resp/encoder';
import type { RespArg } from '../resp/types';

/** Redis Cluster divides the key space into this many hash slots. */
export const SLOT_COUNT = 16384;

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** CRC16-CCITT/XMODEM (poly 0x1021, init 0, no reflection), as Redis's crc16.c, one byte at a time. */
const CRC_TABLE = buildTable();

function buildTable(): Uint16Array {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1;
    table[byte] = crc & 0xffff;
  }
  return table;
}

/** CRC16 of `bytes[start, end)`. Exported for the known-vector tests; routing uses hashSlot. */
export function crc16(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = ((crc << 8) & 0xff00) ^ CRC_TABLE[((crc >> 8) ^ bytes[i]) & 0xff];
  return crc;
}

/**
 * The hash slot of a key: CRC16 of the key's bytes mod 16384, where a `{tag}` narrows the hashed
 * part to the tag. Per the cluster spec the tag is between the first `{` and the first `}` after
 * it, and only counts when non-empty; otherwise the whole key is hashed.
 */
export function hashSlot(key: string | Buffer): number {
  return typeof key === 'string' ? stringSlot(key) : bufferSlot(key);
}

/** hashSlot for any command argument: numbers and bigints are keys by their decimal text, as the encoder sends them. */
export function keySlot(key: RespArg): number {
  if (typeof key === 'string') return stringSlot(key);
  if (typeof key === 'number' || typeof key === 'bigint') return stringSlot(decimalText(key));
  return bufferSlot(key);
}

function stringSlot(key: string): number {
  let start = 0;
  let end = key.length;
  const open = key.indexOf('{');
  if (open !== -1) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) {
      start = open + 1;
      end = close;
    }
  }
  // Braces are ASCII and never occur inside a multi-byte UTF-8 sequence, so tag boundaries found on
  // UTF-16 indices are the same as on the encoded bytes; only the hashing needs real bytes.
  let crc = 0;
  for (let i = start; i < end; i++) {
    const code = key.charCodeAt(i);
    if (code > 0x7f) return bufferSlot(Buffer.from(key.slice(start, end), 'utf8'), false);
    crc = ((crc << 8) & 0xff00) ^ CRC_TABLE[((crc >> 8) ^ code) & 0xff];
  }
  return crc & (SLOT_COUNT - 1);
}

function bufferSlot(key: Uint8Array, findTag = true): number {
  let start = 0;
  let end = key.length;
  if (findTag) {
    // A hand loop: keys are short, and Buffer#indexOf's native call costs more than the scan.
    let open = 0;
    while (open < end && key[open] !== OPEN_BRACE) open++;
    if (open < end) {
      let close = open + 1;
      while (close < end && key[close] !== CLOSE_BRACE) close++;
      if (close < end && close > open + 1) {
        start = open + 1;
        end = close;
      }
    }
  }
  return crc16(key, start, end) & (SLOT_COUNT - 1);
}
