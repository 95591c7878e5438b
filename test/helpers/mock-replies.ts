import { createHash } from 'node:crypto';

/**
 * Reply builders for MockNode. A reply is rendered when it is sent, for the protocol of the connection
 * it goes to: maps, nulls and pushes look different in RESP2 and RESP3, exactly as a real node sends them.
 */
export type Protocol = 2 | 3;

export class MockReply {
  constructor(readonly render: (protocol: Protocol) => Buffer) {}
}

/** Inside arr()/map()/push(): a string is a bulk string, an integer an integer, null a null, an array an array. */
export type MockValue = MockReply | string | number | bigint | Buffer | null | readonly MockValue[];

/** What a handler returns: one frame, several frames in order, STALL, or undefined for the default answer. */
export type Reply = MockReply | readonly MockReply[] | typeof STALL | undefined;

/** Never answer this command, nor any later one on the connection: a node answers in order, so one stall holds all. */
export const STALL = Symbol('STALL');

const text = (s: string): MockReply => new MockReply(() => Buffer.from(s));

export const simple = (s: string): MockReply => text(`+${s}\r\n`);
export const ok = (): MockReply => simple('OK');
export const err = (message: string): MockReply => text(`-${message}\r\n`);
export const int = (n: number | bigint): MockReply => text(`:${n}\r\n`);
/** Exact bytes, for malformed or hand-crafted frames. */
export const raw = (bytes: string | Buffer): MockReply => new MockReply(() => Buffer.from(bytes));

export function bulk(value: string | Buffer | null): MockReply {
  if (value === null) return new MockReply((p) => Buffer.from(p === 3 ? '_\r\n' : '$-1\r\n'));
  const payload = Buffer.from(value);
  return new MockReply(() => Buffer.concat([Buffer.from(`$${payload.length}\r\n`), payload, Buffer.from('\r\n')]));
}

export function arr(items: readonly MockValue[] | null): MockReply {
  if (items === null) return new MockReply((p) => Buffer.from(p === 3 ? '_\r\n' : '*-1\r\n'));
  return aggregate('*', items);
}

/** RESP3 `%` map; a flat key/value array on a RESP2 connection, as Redis sends it. */
export function map(entries: Readonly<Record<string, MockValue>> | ReadonlyArray<readonly [MockValue, MockValue]>): MockReply {
  const pairs = Array.isArray(entries) ? entries : Object.entries(entries);
  const flat = pairs.flatMap(([key, value]) => [key, value] as MockValue[]);
  return new MockReply((p) =>
    p === 3 ? Buffer.concat([Buffer.from(`%${pairs.length}\r\n`), ...flat.map((v) => value(v).render(p))]) : aggregate('*', flat).render(p),
  );
}

/** RESP3 `>` push (pub/sub, invalidation); a plain array on RESP2, as Redis sends pub/sub messages there. */
export const push = (items: readonly MockValue[]): MockReply => new MockReply((p) => aggregate(p === 3 ? '>' : '*', items).render(p));

function aggregate(type: string, items: readonly MockValue[]): MockReply {
  return new MockReply((p) => Buffer.concat([Buffer.from(`${type}${items.length}\r\n`), ...items.map((v) => value(v).render(p))]));
}

function value(v: MockValue): MockReply {
  if (v instanceof MockReply) return v;
  if (v === null || typeof v === 'string' || Buffer.isBuffer(v)) return bulk(v);
  if (typeof v === 'bigint' || Number.isInteger(v)) return int(v as number | bigint);
  if (Array.isArray(v)) return arr(v);
  throw new TypeError(`a mock reply cannot hold ${String(v)}: use raw() for a double or anything unusual`);
}

/** A node as CLUSTER SLOTS/SHARDS describe it; a MockNode is one. */
export interface MockNodeAddress {
  readonly host: string;
  readonly port: number;
  /** 40 hex characters; derived from host:port when absent. */
  readonly id?: string;
  readonly hostname?: string;
  readonly health?: 'online' | 'failed' | 'loading';
}

export interface MockSlotRange {
  start: number;
  end: number;
  master: MockNodeAddress;
  replicas?: readonly MockNodeAddress[];
}

/** A stable node id (40 hex characters), so a test can predict it. */
export const nodeId = (host: string, port: number): string => createHash('sha1').update(`${host}:${port}`).digest('hex');
const idOf = (node: MockNodeAddress): string => node.id ?? nodeId(node.host, node.port);

/**
 * `CLUSTER SLOTS` as Redis 7 answers: per range [start, end, master, ...replicas], each node as
 * [endpoint, port, id, metadata map] (the map holds the hostname when one is announced, else is empty).
 */
export function clusterSlotsReply(ranges: readonly MockSlotRange[]): MockReply {
  const node = (n: MockNodeAddress): MockValue[] => [n.host, n.port, idOf(n), map(n.hostname ? { hostname: n.hostname } : {})];
  return arr(ranges.map((r) => [r.start, r.end, node(r.master), ...(r.replicas ?? []).map(node)]));
}

/**
 * `CLUSTER SHARDS` as Redis 7 answers: one entry per master, its ranges gathered into `slots`
 * [start, end, start, end...], then `nodes` (master first) as maps. Maps become flat arrays on RESP2.
 */
export function clusterShardsReply(ranges: readonly MockSlotRange[]): MockReply {
  const shards = new Map<string, { slots: number[]; master: MockNodeAddress; replicas: readonly MockNodeAddress[] }>();
  for (const range of ranges) {
    const id = idOf(range.master);
    const shard = shards.get(id) ?? { slots: [], master: range.master, replicas: range.replicas ?? [] };
    shard.slots.push(range.start, range.end);
    shards.set(id, shard);
  }
  const node = (n: MockNodeAddress, role: 'master' | 'replica'): MockReply =>
    map({
      id: idOf(n),
      port: n.port,
      ip: n.host,
      endpoint: n.host,
      ...(n.hostname ? { hostname: n.hostname } : {}),
      role,
      'replication-offset': 72156,
      health: n.health ?? 'online',
    });
  return arr(
    [...shards.values()].map((s) =>
      map({ slots: s.slots, nodes: [node(s.master, 'master'), ...s.replicas.map((r) => node(r, 'replica'))] }),
    ),
  );
}
