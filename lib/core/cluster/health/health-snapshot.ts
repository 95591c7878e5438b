import { emptyStats, type PoolStats } from '../../pool/pool-stats';
import type { Topology } from '../topology/topology';
import type { ClusterHealth, NodeHealth } from './health-types';
import type { NodeHealthTracker } from './node-health';

/** What a snapshot reads: the topology, each node's heartbeat view, each pool's counters. */
export interface HealthSnapshotInput {
  topology: Topology | undefined;
  health: Pick<NodeHealthTracker, 'view' | 'stateOf'>;
  poolStats(address: string): PoolStats | undefined;
  now: number;
}

/** The client's health as `health()` reports it: every node with its role, slots, state and pool. Pure. */
export function buildHealthSnapshot({ topology, health, poolStats, now }: HealthSnapshotInput): ClusterHealth {
  const nodes: NodeHealth[] = [];
  for (const shard of topology?.shards ?? []) {
    const slots = shard.slots.map(([a, b]) => [a, b] as [number, number]);
    for (const node of [shard.master, ...shard.replicas]) {
      const view = health.view(node.address);
      nodes.push({
        address: node.address,
        id: node.id,
        role: node.role,
        masterId: node.role === 'replica' ? shard.master.id : undefined,
        slots,
        state: view?.state ?? 'up',
        latencyMs: view?.latencyMs ?? null,
        lastError: view?.lastError,
        lastSeenAt: view?.lastSeenAt,
        pool: poolStats(node.address) ?? emptyStats(),
      });
    }
  }
  const uncoveredSlots = topology
    ? topology.uncoveredRanges((shard) => health.stateOf(shard.master.address) !== 'down')
    : [[0, 16383] as [number, number]];
  return { at: now, nodes, uncoveredSlots };
}
