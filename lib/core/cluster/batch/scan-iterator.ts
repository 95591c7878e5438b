import type { RespArg, RespValue } from '../../resp/types';
import type { ClusterNode, Topology } from '../topology/topology';

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
 * Keys of one shard's pass remembered so that a pass restarted on a new master does not yield them
 * again: about 1 MB at most per iterator, whatever the keyspace. A failover after more keys than
 * this into a pass yields the rest of the remembered pass's keys twice.
 */
export const SCAN_DEDUP_KEYS = 10_000;

/** Where a shard's pass is now: the node that answers for it and a slot to route SCAN by. */
interface ShardPosition {
  master: string;
  slot: number;
}

/**
 * Every key of the cluster, one at a time: each master's keyspace in turn, walked with SCAN.
 *
 * A shard is known by its members (master and replicas, by node id) as the scan began: after a
 * failover its new master is one of them, and SCAN is routed by a slot that shard serves now, not
 * by the slot it served first (a reshard may have moved that one). A cursor indexes one process's
 * hash table (its bucket order depends on that process's random hash seed), so it is never carried
 * to another node: when the shard's master changes, its pass starts again from cursor 0 there.
 *
 * Memory is bounded whatever the keyspace: a pass remembers its first SCAN_DEDUP_KEYS keys only,
 * enough that the restarted pass skips what was already yielded when the failover came early in
 * the pass (or the shard is small). Past that bound a key may be yielded twice after a restart, as
 * Redis SCAN itself promises no more; remembering every key is what made memory grow with the keyspace.
 */
export async function* scanCluster(
  start: Topology,
  scan: ScanOnSlot,
  options: ScanOptions,
  current: () => Topology | undefined,
): AsyncGenerator<string> {
  const extra: RespArg[] = [];
  if (options.match !== undefined) extra.push('MATCH', options.match);
  extra.push('COUNT', options.count ?? 100);
  if (options.type !== undefined) extra.push('TYPE', options.type);
  for (const shard of start.shards) {
    const members = new Set([shard.master, ...shard.replicas].map(identity));
    const fallback = { master: identity(shard.master), slot: shard.slots[0][0] };
    const locate = (): ShardPosition => locateShard(current(), members) ?? fallback;
    let { master } = locate();
    let cursor = '0';
    const yielded = new Set<string>();
    for (let finished = false; !finished;) {
      const here = locate();
      if (here.master !== master) [master, cursor] = [here.master, '0'];
      const reply = await scan(here.slot, ['SCAN', cursor, ...extra]);
      if (!Array.isArray(reply) || reply.length !== 2 || !Array.isArray(reply[1])) {
        throw new TypeError(`unexpected SCAN reply: ${JSON.stringify(reply)}`);
      }
      for (const key of reply[1]) {
        const text = String(key);
        if (yielded.has(text)) continue;
        if (yielded.size < SCAN_DEDUP_KEYS) yielded.add(text);
        yield text;
      }
      // The master changed while this call was under way (or retried): its cursor belongs to another node.
      if (locate().master !== master) continue;
      cursor = String(reply[0]);
      finished = cursor === '0';
    }
  }
}

/** The shard of `topology` whose master was one of `members`, with a slot it serves now. */
function locateShard(topology: Topology | undefined, members: ReadonlySet<string>): ShardPosition | undefined {
  for (const shard of topology?.shards ?? []) {
    if (members.has(identity(shard.master)) && shard.slots.length > 0) return { master: identity(shard.master), slot: shard.slots[0][0] };
  }
  return undefined;
}

/** The node id; its address when the server reported none (CLUSTER SLOTS of old servers). */
function identity(node: ClusterNode): string {
  return node.id === '' ? node.address : node.id;
}
