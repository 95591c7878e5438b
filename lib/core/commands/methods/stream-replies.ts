import type { RespValue } from '../../resp/types';
import { asArray, pairsOf, stringOrBuffer, text } from './collection-replies';
import { isMap, setField, toNumber, toRecordOf } from './reply-transforms';

/** Stream reply shapes (entries, XREAD's per-stream lists, XPENDING, XINFO), RESP2 and RESP3 alike. */

/** One stream entry: its ID and its field/value pairs. */
export interface StreamEntry<V = string> {
  id: string;
  fields: Record<string, V>;
}

/** XREADGROUP with an ID other than '>' returns entries deleted since delivery with no fields. */
export interface PendingStreamEntry<V = string> {
  id: string;
  fields: Record<string, V> | null;
}

/** What XREAD/XREADGROUP read from one stream. */
export interface StreamMessages<E> {
  stream: string;
  entries: E[];
}

export interface XPendingSummary {
  count: number;
  /** Smallest and greatest pending IDs; null when nothing is pending. */
  minId: string | null;
  maxId: string | null;
  consumers: { name: string; count: number }[];
}

export interface XPendingEntry {
  id: string;
  consumer: string;
  /** Milliseconds since it was last delivered. */
  idleMs: number;
  deliveries: number;
}

export interface XAutoClaimReply<E> {
  /** Pass it as `start` to go on; '0-0' when the whole PEL was scanned. */
  nextId: string;
  claimed: E[];
  /** IDs in the PEL whose entries no longer exist (removed from the PEL). */
  deletedIds: string[];
}

function fieldsOf<V>(reply: RespValue, value: (v: RespValue) => V): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [field, v] of pairsOf(reply)) setField(out, text(field), value(v));
  return out;
}

function entryOf<V>(value: (v: RespValue) => V): (reply: RespValue) => StreamEntry<V> {
  return (reply) => {
    const [id, fields] = asArray(reply);
    return { id: text(id), fields: fieldsOf(fields, value) };
  };
}

function pendingEntryOf<V>(value: (v: RespValue) => V): (reply: RespValue) => PendingStreamEntry<V> {
  return (reply) => {
    const [id, fields] = asArray(reply);
    return { id: text(id), fields: fields === null ? null : fieldsOf(fields, value) };
  };
}

export const toEntry = entryOf(String);
const entry = toEntry;
const entryBuffer = entryOf((v) => stringOrBuffer(v) as Buffer);

export function toEntries(reply: RespValue): StreamEntry[] {
  return asArray(reply).map(entry);
}

export function toEntriesBuffer(reply: RespValue): StreamEntry<Buffer>[] {
  return asArray(reply).map(entryBuffer);
}

/** XREAD: RESP2 [[stream, entries], ...], RESP3 {stream: entries}; null when nothing came in time. */
function streamsOf<E>(each: (reply: RespValue) => E): (reply: RespValue) => StreamMessages<E>[] | null {
  return (reply) => {
    if (reply === null) return null;
    return pairsOf(reply).map(([stream, entries]) => ({ stream: text(stream), entries: asArray(entries).map(each) }));
  };
}

export const toStreams = streamsOf(entry);
export const toStreamsBuffer = streamsOf(entryBuffer);
export const toGroupStreams = streamsOf(pendingEntryOf(String));
export const toGroupStreamsBuffer = streamsOf(pendingEntryOf((v) => stringOrBuffer(v) as Buffer));

export function toPendingSummary(reply: RespValue): XPendingSummary {
  const [count, minId, maxId, consumers] = asArray(reply);
  return {
    count: toNumber(count),
    minId: minId === null ? null : text(minId),
    maxId: maxId === null ? null : text(maxId),
    consumers: consumers === null ? [] : pairsOf(consumers).map(([name, n]) => ({ name: text(name), count: toNumber(n) })),
  };
}

export function toPendingEntries(reply: RespValue): XPendingEntry[] {
  return asArray(reply).map((item) => {
    const [id, consumer, idle, deliveries] = asArray(item);
    return { id: text(id), consumer: text(consumer), idleMs: toNumber(idle), deliveries: toNumber(deliveries) };
  });
}

export function toAutoClaim<E>(each: (reply: RespValue) => E): (reply: RespValue) => XAutoClaimReply<E> {
  return (reply) => {
    const [nextId, claimed, deleted] = asArray(reply);
    // XAUTOCLAIM may list an entry deleted meanwhile as nil (Redis < 7); skipped, as 7 does.
    const items = asArray(claimed).filter((c) => c !== null);
    return { nextId: text(nextId), claimed: items.map(each), deletedIds: deleted === undefined ? [] : asArray(deleted).map(text) };
  };
}

/**
 * XINFO's records, with names as the server spells them ('last-generated-id'); values kept as
 * decoded, nested entries as { id, fields }. RESP2 flat arrays and RESP3 maps alike.
 */
export type XInfoRecord = Record<string, unknown>;

export function toInfoRecord(reply: RespValue): XInfoRecord {
  return toRecordOf(reply, infoValue);
}

export function toInfoRecords(reply: RespValue): XInfoRecord[] {
  return asArray(reply).map(toInfoRecord);
}

function infoValue(value: RespValue): unknown {
  if (Buffer.isBuffer(value)) return value.toString();
  if (isMap(value)) return toInfoRecord(value);
  if (!Array.isArray(value)) return value;
  // An entry: [id, [field, value...]].
  if (value.length === 2 && typeof value[0] === 'string' && Array.isArray(value[1]) && /^\d+-\d+$/.test(value[0])) return entry(value);
  return value.map(infoValue);
}
