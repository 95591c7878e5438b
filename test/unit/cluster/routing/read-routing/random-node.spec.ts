import { randomNode } from '../../../../../lib/core/cluster/routing/read-routing/random-node';
import { healthView, shard, spread } from './shards';

describe('randomNode (routeRandomly)', () => {
  it('spreads reads evenly over the master and the usable replicas', () => {
    const counts = spread(() => randomNode.pick(shard(2), healthView({})), 90);
    expect(Object.fromEntries(counts)).toEqual({ 7000: 30, 7001: 30, 7002: 30 });
  });

  it('leaves out down nodes, master included', () => {
    const counts = spread(() => randomNode.pick(shard(2), healthView({ 7000: { usable: false }, 7002: { usable: false } })), 20);
    expect(Object.fromEntries(counts)).toEqual({ 7001: 20 });
  });

  it('falls back to a down master when nothing else is usable', () => {
    expect(randomNode.pick(shard(1), healthView({ 7000: { usable: false }, 7001: { usable: false } })).port).toBe(7000);
  });
});
