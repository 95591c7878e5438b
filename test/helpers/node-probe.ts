/**
 * Direct looks at single nodes, for assertions about where the client's traffic went: one socket
 * per node opened with the library's Connection (no cluster routing involved), and parsers for the
 * INFO / CLIENT LIST / CLUSTER SHARDS text the servers answer with. Much faster than one redis-cli
 * process per question when a spec asks hundreds of them.
 */
import * as net from 'node:net';
import { Connection } from '../../lib/core/connection/connection';
import { Secret } from '../../lib/core/options/secret';
import type { RespValue } from '../../lib/core/resp/types';
import { poll } from './poll';

const HOST = '127.0.0.1';

export interface ProbeAuth {
  /** The CA for a TLS node. */
  ca?: Buffer;
  username?: string;
  password?: string;
}

/** One RESP2 socket to one node, outside any client; close it with `close()`. */
export function openProbe(port: number, auth: ProbeAuth = {}): Promise<Connection> {
  return Connection.open({
    host: HOST,
    port,
    tls: auth.ca ? { ca: auth.ca } : undefined,
    username: auth.username,
    password: auth.password === undefined ? undefined : new Secret(auth.password),
    clientName: undefined,
    protocol: 2,
    readOnly: false,
    dialTimeout: 5000,
    readTimeout: 10_000,
    writeTimeout: 5000,
  });
}

/** A probe per port, opened together; `close()` closes them all. */
export class NodeProbes {
  private constructor(private readonly byPort: Map<number, Connection>) {}

  static async open(ports: readonly number[], auth: ProbeAuth = {}): Promise<NodeProbes> {
    const conns = await Promise.all(ports.map((p) => openProbe(p, auth)));
    return new NodeProbes(new Map(ports.map((p, i) => [p, conns[i]])));
  }

  get(port: number): Connection {
    const c = this.byPort.get(port);
    if (c === undefined) throw new Error(`no probe for port ${port}`);
    return c;
  }

  request(port: number, ...args: (string | number)[]): Promise<RespValue> {
    return this.get(port).request(args);
  }

  async close(): Promise<void> {
    await Promise.all([...this.byPort.values()].map((c) => c.close()));
  }
}

export function text(value: RespValue): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString();
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  throw new Error(`expected a string reply, got ${JSON.stringify(value)}`);
}

/** `INFO <section>` as { field: value }. */
export async function info(conn: Connection, section: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const line of text(await conn.request(['INFO', section])).split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith('#')) out[line.slice(0, colon)] = line.slice(colon + 1);
  }
  return out;
}

export interface CommandStat {
  calls: number;
  rejected: number;
  failed: number;
}

/** `INFO commandstats` as { 'get': {...}, 'cluster|shards': {...} } (lower case, as Redis names them). */
export async function commandStats(conn: Connection): Promise<Record<string, CommandStat>> {
  const out: Record<string, CommandStat> = {};
  for (const [field, value] of Object.entries(await info(conn, 'commandstats'))) {
    if (!field.startsWith('cmdstat_')) continue;
    const kv = Object.fromEntries(value.split(',').map((p) => p.split('=')));
    out[field.slice('cmdstat_'.length)] = {
      calls: Number(kv.calls ?? 0),
      rejected: Number(kv.rejected_calls ?? 0),
      failed: Number(kv.failed_calls ?? 0),
    };
  }
  return out;
}

/** Calls of one command (0 when the node never ran it). */
export function calls(stats: Record<string, CommandStat>, command: string): number {
  return stats[command.toLowerCase()]?.calls ?? 0;
}

/** `INFO errorstats` as { MOVED: n, ASK: n, ... }. */
export async function errorStats(conn: Connection): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [field, value] of Object.entries(await info(conn, 'errorstats'))) {
    const match = /^errorstat_(.+)$/.exec(field);
    if (match) out[match[1]] = Number(/count=(\d+)/.exec(value)?.[1] ?? 0);
  }
  return out;
}

/** `CLIENT LIST` as one record per connection. */
export async function clientList(conn: Connection): Promise<Record<string, string>[]> {
  return text(await conn.request(['CLIENT', 'LIST']))
    .split(/\r?\n/)
    .filter((line) => line.length > 0)
    .map((line) => {
      const record: Record<string, string> = {};
      for (const part of line.split(' ')) {
        const eq = part.indexOf('=');
        if (eq > 0) record[part.slice(0, eq)] = part.slice(eq + 1);
      }
      return record;
    });
}

export interface ShardMaster {
  id: string;
  port: number;
  /** Inclusive ranges. */
  slots: [number, number][];
}

/** The masters that own slots, from `CLUSTER SHARDS` (RESP2 flat name/value arrays). */
export async function shardMasters(conn: Connection, tls = false): Promise<ShardMaster[]> {
  const reply = await conn.request(['CLUSTER', 'SHARDS']);
  if (!Array.isArray(reply)) throw new Error('CLUSTER SHARDS: not an array');
  const masters: ShardMaster[] = [];
  for (const shard of reply) {
    const s = flatRecord(shard);
    const flat = (s.slots as RespValue[]).map(Number);
    const slots: [number, number][] = [];
    for (let i = 0; i < flat.length; i += 2) slots.push([flat[i], flat[i + 1]]);
    for (const node of s.nodes as RespValue[]) {
      const n = flatRecord(node);
      if (text(n.role) !== 'master' || slots.length === 0) continue;
      masters.push({ id: text(n.id), port: Number(tls ? n['tls-port'] : n.port), slots });
    }
  }
  return masters;
}

/** slot -> owning master's port. */
export function slotOwners(masters: readonly ShardMaster[]): Int32Array {
  const owners = new Int32Array(16384).fill(-1);
  for (const m of masters) for (const [a, b] of m.slots) owners.fill(m.port, a, b + 1);
  return owners;
}

function flatRecord(value: RespValue): Record<string, RespValue> {
  if (!Array.isArray(value)) throw new Error('expected a flat name/value array');
  const out: Record<string, RespValue> = {};
  for (let i = 0; i + 1 < value.length; i += 2) out[text(value[i])] = value[i + 1];
  return out;
}

/** Every key matching `pattern` on one node (SCAN to the end). */
export async function scanKeys(conn: Connection, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const reply = (await conn.request(['SCAN', cursor, 'MATCH', pattern, 'COUNT', 1000])) as RespValue[];
    cursor = text(reply[0]);
    for (const k of reply[1] as RespValue[]) keys.push(text(k));
  } while (cursor !== '0');
  return keys;
}

/** A prefix no other spec or run shares; free of `{}` so it never becomes a hash tag. */
export function uniquePrefix(tag: string): string {
  return `${tag}:${process.pid}:${Math.random().toString(36).slice(2, 8)}:`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `read` every 25 ms until `check` passes and gives that value; throws once `timeoutMs` is over. */
export function pollUntil<T>(read: () => T | Promise<T>, check: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  return poll(read, check, timeoutMs, 25);
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
