import type { ClusterNode, Shard } from '../../../../lib/core/cluster/topology/topology';
import { Topology } from '../../../../lib/core/cluster/topology/topology';

function node(port: number, role: 'master' | 'replica' = 'master', health = 'online'): ClusterNode {
  return { id: `id-${port}`, host: '127.0.0.1', port, address: `127.0.0.1:${port}`, role, health };
}

function shard(port: number, slots: Array<[number, number]>, replicas: ClusterNode[] = []): Shard {
  return { master: node(port), replicas, slots };
}

/** Three masters covering every slot, the first with a replica. */
function full(): Shard[] {
  return [shard(7000, [[0, 5460]], [node(7003, 'replica')]), shard(7001, [[5461, 10922]]), shard(7002, [[10923, 16383]])];
}

// Masters with no slot (members, never routed to; joining is news) are in topology-bounds.spec.ts.
describe('Topology', () => {
  it('shardOf maps every slot to the shard that serves it, including range edges', () => {
    const topology = new Topology(full());
    expect(topology.shardOf(0)?.master.port).toBe(7000);
    expect(topology.shardOf(5460)?.master.port).toBe(7000);
    expect(topology.shardOf(5461)?.master.port).toBe(7001);
    expect(topology.shardOf(16383)?.master.port).toBe(7002);
  });

  it('a shard may serve several disjoint ranges', () => {
    const topology = new Topology([
      shard(7000, [
        [0, 9],
        [20, 29],
      ]),
      shard(7001, [[10, 19]]),
    ]);
    expect([5, 15, 25].map((s) => topology.shardOf(s)?.master.port)).toEqual([7000, 7001, 7000]);
    expect(topology.shardOf(30)).toBeUndefined();
  });

  it('lists no uncovered range when every slot is served', () => {
    expect(new Topology(full()).uncoveredRanges()).toEqual([]);
  });

  it('lists the maximal uncovered ranges, at the edges and in between', () => {
    const topology = new Topology([shard(7000, [[10, 99]]), shard(7001, [[200, 16000]])]);
    expect(topology.uncoveredRanges()).toEqual([
      [0, 9],
      [100, 199],
      [16001, 16383],
    ]);
    expect(new Topology([]).uncoveredRanges()).toEqual([[0, 16383]]);
  });

  it('counts the ranges of a shard that is not served (a down master) as uncovered', () => {
    const topology = new Topology(full());
    expect(topology.uncoveredRanges((s) => s.master.port !== 7001)).toEqual([[5461, 10922]]);
  });

  describe('sameAs', () => {
    it('is true for the same shards in another order', () => {
      expect(new Topology(full()).sameAs(new Topology([...full()].reverse()))).toBe(true);
    });

    it('is false when a slot moves', () => {
      const moved = full();
      moved[0] = shard(7000, [[0, 5459]], [node(7003, 'replica')]);
      moved[1] = shard(7001, [[5460, 10922]]);
      expect(new Topology(full()).sameAs(new Topology(moved))).toBe(false);
    });

    it('is false after a failover (the replica is now the master)', () => {
      const failedOver = full();
      failedOver[0] = { master: node(7003), replicas: [node(7000, 'replica')], slots: [[0, 5460]] };
      expect(new Topology(full()).sameAs(new Topology(failedOver))).toBe(false);
    });

    it('is false when a replica changes health, or is added', () => {
      const failed = full();
      failed[0] = shard(7000, [[0, 5460]], [node(7003, 'replica', 'failed')]);
      expect(new Topology(full()).sameAs(new Topology(failed))).toBe(false);
      const added = full();
      added[1] = shard(7001, [[5461, 10922]], [node(7004, 'replica')]);
      expect(new Topology(full()).sameAs(new Topology(added))).toBe(false);
    });
  });
});
