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

/** The address of the master serving `slot` in the current topology. */
export type MasterOf = (slot: number) => string | undefined;

/**
 * Every key of the cluster, one at a time: each master's keyspace in turn, walked with SCAN by a
 * slot the shard owns rather than by address, so a failover mid-scan is followed. A cursor indexes
 * one process's hash table (its bucket order depends on that process's random hash seed), so it is
 * never carried to another node: when the shard's master changes, its pass starts again from
 * cursor 0 there, and the pass's `seen` set keeps keys from being yielded twice.
 */
export async function* scanCluster(topology: Topology, scan: ScanOnSlot, options: ScanOptions, masterOf: MasterOf): AsyncGenerator<string> {
  const extra: RespArg[] = [];
  if (options.match !== undefined) extra.push('MATCH', options.match);
  extra.push('COUNT', options.count ?? 100);
  if (options.type !== undefined) extra.push('TYPE', options.type);
  for (const shard of topology.shards) {
    const slot = shard.slots[0][0];
    const seen = new Set<string>();
    let node = masterOf(slot);
    let cursor = '0';
    for (let finished = false; !finished; ) {
      const current = masterOf(slot);
      if (current !== node) [node, cursor] = [current, '0'];
      const reply = await scan(slot, ['SCAN', cursor, ...extra]);
      if (!Array.isArray(reply) || reply.length !== 2 || !Array.isArray(reply[1])) {
        throw new TypeError(`unexpected SCAN reply: ${JSON.stringify(reply)}`);
      }
      for (const key of reply[1]) {
        const text = String(key);
        if (seen.has(text)) continue;
        seen.add(text);
        yield text;
      }
      // The master changed while this call was retried: its cursor belongs to another node.
      if (masterOf(slot) !== node) continue;
      cursor = String(reply[0]);
      finished = cursor === '0';
    }
  }
}
