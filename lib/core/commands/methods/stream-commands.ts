import type { RespArg } from '../../resp/types';
import { BlockingSortedSetCommands } from './blocking-sorted-set-commands';
import type { CommandMode, RedisKey } from './command-base';
import { toEntries, toEntriesBuffer, toStreams, toStreamsBuffer, type StreamEntry, type StreamMessages } from './stream-replies';

/** Fields of a new entry: `{ a: 1 }`, a Map, or a flat [field, value, ...] list. */
export type StreamFields = Readonly<Record<string, RespArg>> | ReadonlyMap<RedisKey, RespArg> | readonly RespArg[];

/** How to trim a stream (XADD's TRIM, XTRIM). */
export interface StreamTrim {
  /** MAXLEN: keep at most `threshold` entries; MINID: drop entries with IDs below `threshold`. */
  strategy: 'MAXLEN' | 'MINID';
  threshold: number | string;
  /** '~': trim only whole macro nodes (cheaper, may keep a few more). Default: exact. */
  approximate?: boolean;
  /** With `approximate`: evict at most this many entries in one call. */
  LIMIT?: number;
}

export interface XAddOptions {
  /** Do not create the stream when missing (the reply is then null). */
  NOMKSTREAM?: boolean;
  TRIM?: StreamTrim;
}

/** Streams to read and the ID to read after, per stream: `{ s1: '0', s2: '$' }` or `[{ key, id }]`. */
export type StreamOffsets = Readonly<Record<string, string>> | readonly { key: RedisKey; id: string }[];

export interface XReadOptions {
  COUNT?: number;
  /** Wait up to this many milliseconds for an entry (0: forever); the call then has a connection of its own. */
  BLOCK?: number;
}

export abstract class StreamCommands<Mode extends CommandMode> extends BlockingSortedSetCommands<Mode> {
  /** Appends an entry; its ID (`id` '*' lets the server pick), or null with NOMKSTREAM on a missing stream. */
  xadd(key: RedisKey, id: string, fields: StreamFields, options?: XAddOptions) {
    const args: RespArg[] = ['XADD', key];
    if (options?.NOMKSTREAM) args.push('NOMKSTREAM');
    if (options?.TRIM) pushTrim(args, options.TRIM);
    args.push(id);
    if (Array.isArray(fields)) args.push(...(fields as readonly RespArg[]));
    else if (fields instanceof Map) for (const [field, value] of fields) args.push(field, value);
    else for (const field of Object.keys(fields)) args.push(field, (fields as Readonly<Record<string, RespArg>>)[field]);
    return this.send<string | null>(args);
  }

  /** Entries from `start` to `end` ('-' and '+' for the ends; '(' before an ID excludes it). */
  xrange(key: RedisKey, start = '-', end = '+', options?: { COUNT?: number }) {
    return this.send<StreamEntry[]>(countArgs(['XRANGE', key, start, end], options), { transform: toEntries });
  }

  xrangeBuffer(key: RedisKey, start = '-', end = '+', options?: { COUNT?: number }) {
    return this.send<StreamEntry<Buffer>[]>(countArgs(['XRANGE', key, start, end], options), { buffers: true, transform: toEntriesBuffer });
  }

  /** Newest first: from `end` down to `start`. */
  xrevrange(key: RedisKey, end = '+', start = '-', options?: { COUNT?: number }) {
    return this.send<StreamEntry[]>(countArgs(['XREVRANGE', key, end, start], options), { transform: toEntries });
  }

  xlen(key: RedisKey) {
    return this.send<number>(['XLEN', key]);
  }

  /** Entries after each stream's ID (streams in one slot); null when BLOCK ran out first. */
  xread(streams: StreamOffsets, options?: XReadOptions) {
    return this.send<StreamMessages<StreamEntry>[] | null>(readArgs(['XREAD'], streams, options), { transform: toStreams });
  }

  xreadBuffer(streams: StreamOffsets, options?: XReadOptions) {
    return this.send<StreamMessages<StreamEntry<Buffer>>[] | null>(readArgs(['XREAD'], streams, options), {
      buffers: true,
      transform: toStreamsBuffer,
    });
  }

  /** How many entries were deleted. */
  xdel(key: RedisKey, ...ids: string[]) {
    return this.send<number>(['XDEL', key, ...ids]);
  }

  /** How many entries were trimmed. */
  xtrim(key: RedisKey, trim: StreamTrim) {
    return this.send<number>(pushTrim(['XTRIM', key], trim));
  }

  xsetid(key: RedisKey, lastId: string, options?: { ENTRIESADDED?: number; MAXDELETEDID?: string }) {
    const args: RespArg[] = ['XSETID', key, lastId];
    if (options?.ENTRIESADDED !== undefined) args.push('ENTRIESADDED', options.ENTRIESADDED);
    if (options?.MAXDELETEDID !== undefined) args.push('MAXDELETEDID', options.MAXDELETEDID);
    return this.send<'OK'>(args);
  }
}

export function pushTrim(args: RespArg[], trim: StreamTrim): RespArg[] {
  args.push(trim.strategy, trim.approximate ? '~' : '=', trim.threshold);
  if (trim.LIMIT !== undefined) args.push('LIMIT', trim.LIMIT);
  return args;
}

export function countArgs(args: RespArg[], options: { COUNT?: number } | undefined): RespArg[] {
  if (options?.COUNT !== undefined) args.push('COUNT', options.COUNT);
  return args;
}

/** [COUNT n] [BLOCK ms] (then whatever the caller pushed) STREAMS k1 k2 id1 id2. */
export function readArgs(args: RespArg[], streams: StreamOffsets, options: (XReadOptions & { NOACK?: boolean }) | undefined): RespArg[] {
  countArgs(args, options);
  if (options?.BLOCK !== undefined) args.push('BLOCK', options.BLOCK);
  if (options?.NOACK) args.push('NOACK');
  const list = Array.isArray(streams)
    ? (streams as readonly { key: RedisKey; id: string }[])
    : Object.keys(streams).map((key) => ({ key, id: (streams as Readonly<Record<string, string>>)[key] }));
  args.push('STREAMS');
  for (const s of list) args.push(s.key);
  for (const s of list) args.push(s.id);
  return args;
}
