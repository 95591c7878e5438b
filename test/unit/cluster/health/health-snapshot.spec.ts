/** health() as a pure function of the topology, the heartbeat's view and the pools' counters. */
import { buildHealthSnapshot } from '../../../../lib/core/cluster/health/health-snapshot';
import { NodeHealthTracker } from '../../../../lib/core/cluster/health/node-health';
import { Topology, type ClusterNode } from '../../../../lib/core/cluster/topology/topology';
import type { PoolStats } from '../../../../lib/core/pool/pool-stats';

function node(port: number, role: 'master' | 'replica'): ClusterNode {
  return { id: `id-${port}`, host: '127.0.0.1', port, address: `127.0.0.1:${port}`, role, health: 'online' };
}

const topology = new Topology([
  { master: node(7000, 'master'), replicas: [node(7003, 'replica')], slots: [[0, 8191]] },
  { master: node(7001, 'master'), replicas: [], slots: [[8192, 16383]] },
]);

const stats: PoolStats = { hits: 5, misses: 1, timeouts: 0, totalConns: 1, idleConns: 1, staleConns: 0 };

describe('buildHealthSnapshot', () => {
  it('lists every node with its role, master, slots and pool; unknown pools read as empty', () => {
    const health = new NodeHealthTracker(2, () => undefined);
    health.sync(topology.nodes.values());
    const snapshot = buildHealthSnapshot({ topology, health, poolStats: (a) => (a === '127.0.0.1:7000' ? stats : undefined), now: 42 });
    expect(snapshot.at).toBe(42);
    expect(snapshot.nodes.map((n) => [n.address, n.role, n.masterId, n.slots, n.state])).toEqual([
      ['127.0.0.1:7000', 'master', undefined, [[0, 8191]], 'up'],
      ['127.0.0.1:7003', 'replica', 'id-7000', [[0, 8191]], 'up'],
      ['127.0.0.1:7001', 'master', undefined, [[8192, 16383]], 'up'],
    ]);
    expect(snapshot.nodes[0].pool).toEqual(stats);
    expect(snapshot.nodes[1].pool).toEqual({ hits: 0, misses: 0, timeouts: 0, totalConns: 0, idleConns: 0, staleConns: 0 });
    expect(snapshot.uncoveredSlots).toEqual([]);
  });

  it('reports the slots of a master that is down as uncovered', () => {
    const health = new NodeHealthTracker(1, () => undefined);
    health.sync(topology.nodes.values());
    health.recordFailure('127.0.0.1:7001', new Error('no answer'));
    const snapshot = buildHealthSnapshot({ topology, health, poolStats: () => undefined, now: 0 });
    expect(snapshot.nodes.find((n) => n.address === '127.0.0.1:7001')?.state).toBe('down');
    expect(snapshot.uncoveredSlots).toEqual([[8192, 16383]]);
  });

  it('without a topology: no nodes, every slot uncovered', () => {
    const health = new NodeHealthTracker(1, () => undefined);
    expect(buildHealthSnapshot({ topology: undefined, health, poolStats: () => undefined, now: 0 })).toEqual({
      at: 0,
      nodes: [],
      uncoveredSlots: [[0, 16383]],
    });
  });
});
