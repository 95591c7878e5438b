import { replicaPreferred } from '../../../../../lib/core/cluster/routing/read-routing/replica-preferred';
import { healthView, node, shard, spread } from './shards';

describe('replicaPreferred (readOnly)', () => {
  it('chooses a healthy replica over the master', () => {
    expect(replicaPreferred.pick(shard(1), healthView({})).port).toBe(7001);
  });

  it('skips replicas the heartbeat reports down (or loading)', () => {
    expect(replicaPreferred.pick(shard(2), healthView({ 7001: { usable: false } })).port).toBe(7002);
  });

  it('skips replicas CLUSTER SHARDS reports failed', () => {
    const s = { ...shard(0), replicas: [node(7001, 'replica', 'failed'), node(7002, 'replica', 'fail'), node(7003, 'replica')] };
    expect(replicaPreferred.pick(s, healthView({})).port).toBe(7003);
  });

  it('falls back to the master when no replica is usable', () => {
    expect(replicaPreferred.pick(shard(2), healthView({ 7001: { usable: false }, 7002: { usable: false } })).port).toBe(7000);
    expect(replicaPreferred.pick(shard(0), healthView({})).port).toBe(7000);
  });

  it('spreads reads evenly over the usable replicas, never the master', () => {
    const counts = spread(() => replicaPreferred.pick(shard(3), healthView({ 7002: { usable: false } })), 100);
    expect(Object.fromEntries(counts)).toEqual({ 7001: 50, 7003: 50 });
  });
});
