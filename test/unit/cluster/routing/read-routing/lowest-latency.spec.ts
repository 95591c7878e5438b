import { lowestLatency } from '../../../../../lib/core/cluster/routing/read-routing/lowest-latency';
import { healthView, node, shard } from './shards';

describe('lowestLatency (routeByLatency)', () => {
  it('chooses the node with the lowest heartbeat latency, master included', () => {
    expect(lowestLatency.pick(shard(2), healthView({ 7000: { latency: 5 }, 7001: { latency: 3 }, 7002: { latency: 1 } })).port).toBe(7002);
    expect(lowestLatency.pick(shard(2), healthView({ 7000: { latency: 0.5 }, 7001: { latency: 3 }, 7002: { latency: 1 } })).port).toBe(
      7000,
    );
  });

  it('skips a faster replica that is down, and a failed one', () => {
    const s = { ...shard(1), replicas: [node(7001, 'replica'), node(7002, 'replica', 'failed'), node(7003, 'replica')] };
    const view = healthView({ 7000: { latency: 9 }, 7001: { latency: 1, usable: false }, 7002: { latency: 1 }, 7003: { latency: 4 } });
    expect(lowestLatency.pick(s, view).port).toBe(7003);
  });

  it('a down master loses to a slower usable replica', () => {
    expect(lowestLatency.pick(shard(1), healthView({ 7000: { latency: 1, usable: false }, 7001: { latency: 50 } })).port).toBe(7001);
  });

  it('a down master is kept over a replica not measured yet (both count as Infinity)', () => {
    // Pinned as it is: the heartbeat measures every replica within one interval of joining.
    expect(lowestLatency.pick(shard(1), healthView({ 7000: { latency: 1, usable: false } })).port).toBe(7000);
  });

  it('with nothing measured stays on the master', () => {
    expect(lowestLatency.pick(shard(2), healthView({})).port).toBe(7000);
  });

  it('with every node down still answers the master (the command then fails or is redirected)', () => {
    expect(lowestLatency.pick(shard(1), healthView({ 7000: { usable: false }, 7001: { usable: false } })).port).toBe(7000);
  });
});
