import type { ClusterHealth, NodeHealth } from '../../../lib/core/cluster/health/health-types';

/** Canned heartbeat snapshots: a 3-master, 3-replica cluster on ports 7000-7005, all up. */
const pool = { hits: 10, misses: 1, timeouts: 0, totalConns: 1, idleConns: 1, staleConns: 0 };

function node(port: number, role: NodeHealth['role'], slots: NodeHealth['slots'], masterId?: string): NodeHealth {
  return {
    address: `127.0.0.1:${port}`,
    id: `id-${port}`,
    role,
    masterId,
    slots,
    state: 'up',
    latencyMs: 0.4,
    lastError: undefined,
    lastSeenAt: 1_700_000_000_000,
    pool: { ...pool },
  };
}

export function healthySnapshot(): ClusterHealth {
  return {
    at: 1_700_000_000_000,
    nodes: [
      node(7000, 'master', [[0, 5460]]),
      node(7001, 'master', [[5461, 10922]]),
      node(7002, 'master', [[10923, 16383]]),
      node(7003, 'replica', [[10923, 16383]], 'id-7002'),
      node(7004, 'replica', [[0, 5460]], 'id-7000'),
      node(7005, 'replica', [[5461, 10922]], 'id-7001'),
    ],
    uncoveredSlots: [],
  };
}

/** The snapshot with one node changed; a down master also leaves its slots uncovered, as the core reports. */
export function withNode(port: number, change: Partial<NodeHealth>): ClusterHealth {
  const snapshot = healthySnapshot();
  const target = snapshot.nodes.find((n) => n.address === `127.0.0.1:${port}`);
  if (target === undefined) throw new Error(`no node on ${port}`);
  Object.assign(target, change);
  if (target.role === 'master' && target.state === 'down') snapshot.uncoveredSlots = target.slots;
  return snapshot;
}

/** Just enough of RedisClusterClient for the indicator: a status and a snapshot. */
export class FakeClient {
  status: 'idle' | 'connecting' | 'ready' | 'closing' | 'closed' = 'ready';
  constructor(public snapshot: ClusterHealth = healthySnapshot()) {}
  health(): ClusterHealth {
    return this.snapshot;
  }
}
