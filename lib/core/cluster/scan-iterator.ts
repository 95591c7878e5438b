import type { RespArg, RespValue } from '../resp/types';
import type { Topology } from './topology';

export interface ScanOptions {
  /** Glob-style pattern (`MATCH`). */
  match?: string;
  /** Hint of keys per SCAN call (`COUNT`). @default 100 */
  count?: number;
  /** Only keys of this type (`TYPE`, Redis 6+). */
  type?: string;
}

/** Sends SCAN to the current master of the shard that serves `slot` (so it follows a failover). */
export type ScanOnSlot = (slot: number, args: RespArg[]) => Promise<RespValue>;

/**
 * Every key of the cluster, one at a time: each master's keyspace in turn, walked with SCAN by a
 * slot the shard owns rather than by address, so a failover mid-scan resumes the same cursor on the
 * promoted replica (SCAN's guarantees hold across its hash table being rebuilt). Keys are never
 * yielded twice within one node's pass.
 */
export async function* scanCluster(topology: Topology, scan: ScanOnSlot, options: ScanOptions = {}): AsyncGenerator<string> {
  const extra: RespArg[] = [];
  if (options.match !== undefined) extra.push('MATCH', options.match);
  extra.push('COUNT', options.count ?? 100);
  if (options.type !== undefined) extra.push('TYPE', options.type);
  for (const shard of topology.shards) {
    const slot = shard.slots[0][0];
    const seen = new Set<string>();
    let cursor = '0';
    do {
      const reply = await scan(slot, ['SCAN', cursor, ...extra]);
      if (!Array.isArray(reply) || reply.length !== 2 || !Array.isArray(reply[1])) {
        throw new TypeError(`unexpected SCAN reply: ${JSON.stringify(reply)}`);
      }
      cursor = String(reply[0]);
      for (const key of reply[1]) {
        const text = String(key);
        if (seen.has(text)) continue;
        seen.add(text);
        yield text;
      }
    } while (cursor !== '0');
  }
}
