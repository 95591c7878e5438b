import type { RespArg } from '../../resp/types';
import type { CommandMode, RedisKey } from './command-base';
import { toStrings } from './collection-replies';
import { toBoolean } from './reply-transforms';
import { countArgs, readArgs, StreamCommands, type StreamOffsets, type XReadOptions } from './stream-commands';
import {
  toAutoClaim,
  toEntries,
  toEntry,
  toGroupStreams,
  toGroupStreamsBuffer,
  toInfoRecord,
  toInfoRecords,
  toPendingEntries,
  toPendingSummary,
  type PendingStreamEntry,
  type StreamEntry,
  type StreamMessages,
  type XAutoClaimReply,
  type XInfoRecord,
  type XPendingEntry,
  type XPendingSummary,
} from './stream-replies';

export interface XClaimOptions {
  /** Set the idle time (ms) instead of resetting it to 0. */
  IDLE?: number;
  /** Set the idle time as this Unix time in ms. */
  TIME?: number;
  RETRYCOUNT?: number;
  /** Create PEL entries for IDs not yet pending. */
  FORCE?: boolean;
  LASTID?: string;
}

export interface XPendingRangeOptions {
  start: string;
  end: string;
  count: number;
  /** Only entries idle at least this many ms. */
  IDLE?: number;
  consumer?: string;
}

const toAutoClaimEntries = toAutoClaim(toEntry);
const toAutoClaimIds = toAutoClaim((id) => String(id));

/** Consumer groups: reading, acknowledging, claiming, and the XGROUP/XINFO subcommands. */
export abstract class StreamGroupCommands<Mode extends CommandMode> extends StreamCommands<Mode> {
  /**
   * Reads as `consumer` of `group` ('>' for new entries; another ID re-reads this consumer's
   * pending ones, where a deleted entry has `fields: null`). Streams in one slot.
   */
  xreadgroup(group: string, consumer: string, streams: StreamOffsets, options?: XReadOptions & { NOACK?: boolean }) {
    return this.send<StreamMessages<PendingStreamEntry>[] | null>(readArgs(['XREADGROUP', 'GROUP', group, consumer], streams, options), {
      transform: toGroupStreams,
    });
  }

  xreadgroupBuffer(group: string, consumer: string, streams: StreamOffsets, options?: XReadOptions & { NOACK?: boolean }) {
    return this.send<StreamMessages<PendingStreamEntry<Buffer>>[] | null>(
      readArgs(['XREADGROUP', 'GROUP', group, consumer], streams, options),
      { buffers: true, transform: toGroupStreamsBuffer },
    );
  }

  /** How many of `ids` were pending and are now acknowledged. */
  xack(key: RedisKey, group: string, ...ids: string[]) {
    return this.send<number>(['XACK', key, group, ...ids]);
  }

  /** The group's pending summary. */
  xpending(key: RedisKey, group: string) {
    return this.send<XPendingSummary>(['XPENDING', key, group], { transform: toPendingSummary });
  }

  /** Pending entries in a range, with their consumer, idle time and delivery count. */
  xpendingRange(key: RedisKey, group: string, range: XPendingRangeOptions) {
    const args: RespArg[] = ['XPENDING', key, group];
    if (range.IDLE !== undefined) args.push('IDLE', range.IDLE);
    args.push(range.start, range.end, range.count);
    if (range.consumer !== undefined) args.push(range.consumer);
    return this.send<XPendingEntry[]>(args, { transform: toPendingEntries });
  }

  /** Takes over pending entries idle at least `minIdleMs`; the entries claimed. */
  xclaim(key: RedisKey, group: string, consumer: string, minIdleMs: number, ids: readonly string[], options?: XClaimOptions) {
    return this.send<StreamEntry[]>(claimArgs(key, group, consumer, minIdleMs, ids, options, false), { transform: toEntries });
  }

  /** As xclaim(), answering the IDs only (and not raising delivery counts). */
  xclaimJustId(key: RedisKey, group: string, consumer: string, minIdleMs: number, ids: readonly string[], options?: XClaimOptions) {
    return this.send<string[]>(claimArgs(key, group, consumer, minIdleMs, ids, options, true), { transform: toStrings });
  }

  /** Claims entries idle at least `minIdleMs`, scanning the PEL from `start` ('0-0' at first). */
  xautoclaim(key: RedisKey, group: string, consumer: string, minIdleMs: number, start: string, options?: { COUNT?: number }) {
    return this.send<XAutoClaimReply<StreamEntry>>(countArgs(['XAUTOCLAIM', key, group, consumer, minIdleMs, start], options), {
      transform: toAutoClaimEntries,
    });
  }

  xautoclaimJustId(key: RedisKey, group: string, consumer: string, minIdleMs: number, start: string, options?: { COUNT?: number }) {
    const args = countArgs(['XAUTOCLAIM', key, group, consumer, minIdleMs, start], options);
    args.push('JUSTID');
    return this.send<XAutoClaimReply<string>>(args, { transform: toAutoClaimIds });
  }

  /** Creates `group` reading after `id` ('$': only new entries; '0': all). MKSTREAM creates a missing stream. */
  xgroupCreate(key: RedisKey, group: string, id: string, options?: { MKSTREAM?: boolean; ENTRIESREAD?: number }) {
    const args: RespArg[] = ['XGROUP', 'CREATE', key, group, id];
    if (options?.MKSTREAM) args.push('MKSTREAM');
    if (options?.ENTRIESREAD !== undefined) args.push('ENTRIESREAD', options.ENTRIESREAD);
    return this.send<'OK'>(args);
  }

  xgroupSetId(key: RedisKey, group: string, id: string, options?: { ENTRIESREAD?: number }) {
    const args: RespArg[] = ['XGROUP', 'SETID', key, group, id];
    if (options?.ENTRIESREAD !== undefined) args.push('ENTRIESREAD', options.ENTRIESREAD);
    return this.send<'OK'>(args);
  }

  /** true when the group existed and was destroyed. */
  xgroupDestroy(key: RedisKey, group: string) {
    return this.send<boolean>(['XGROUP', 'DESTROY', key, group], { transform: toBoolean });
  }

  /** true when the consumer was created, false when it existed. */
  xgroupCreateConsumer(key: RedisKey, group: string, consumer: string) {
    return this.send<boolean>(['XGROUP', 'CREATECONSUMER', key, group, consumer], { transform: toBoolean });
  }

  /** How many pending entries the consumer had (they are dropped with it). */
  xgroupDelConsumer(key: RedisKey, group: string, consumer: string) {
    return this.send<number>(['XGROUP', 'DELCONSUMER', key, group, consumer]);
  }

  /** The stream's length, IDs, first and last entries... (FULL: its groups, consumers and PELs too). */
  xinfoStream(key: RedisKey, options?: { FULL?: boolean; COUNT?: number }) {
    const args: RespArg[] = ['XINFO', 'STREAM', key];
    if (options?.FULL) args.push('FULL');
    if (options?.FULL && options.COUNT !== undefined) args.push('COUNT', options.COUNT);
    return this.send<XInfoRecord>(args, { transform: toInfoRecord });
  }

  /** One record per group: name, consumers, pending, last-delivered-id, entries-read, lag. */
  xinfoGroups(key: RedisKey) {
    return this.send<XInfoRecord[]>(['XINFO', 'GROUPS', key], { transform: toInfoRecords });
  }

  /** One record per consumer: name, pending, idle. */
  xinfoConsumers(key: RedisKey, group: string) {
    return this.send<XInfoRecord[]>(['XINFO', 'CONSUMERS', key, group], { transform: toInfoRecords });
  }
}

function claimArgs(
  key: RedisKey,
  group: string,
  consumer: string,
  minIdleMs: number,
  ids: readonly string[],
  options: XClaimOptions | undefined,
  justId: boolean,
): RespArg[] {
  const args: RespArg[] = ['XCLAIM', key, group, consumer, minIdleMs, ...ids];
  if (options?.IDLE !== undefined) args.push('IDLE', options.IDLE);
  if (options?.TIME !== undefined) args.push('TIME', options.TIME);
  if (options?.RETRYCOUNT !== undefined) args.push('RETRYCOUNT', options.RETRYCOUNT);
  if (options?.FORCE) args.push('FORCE');
  if (justId) args.push('JUSTID');
  if (options?.LASTID !== undefined) args.push('LASTID', options.LASTID);
  return args;
}
