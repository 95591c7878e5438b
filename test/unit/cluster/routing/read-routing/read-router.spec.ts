import { readRouterFor } from '../../../../../lib/core/cluster/routing/read-routing';
import { usableReplicas } from '../../../../../lib/core/cluster/routing/read-routing/read-router';
import { healthView, node, shard } from './shards';

describe('readRouterFor', () => {
  const latencies = healthView({ 7000: { latency: 9 }, 7001: { latency: 1 } });
  const pick = (options: { readOnly: boolean; routeByLatency: boolean; routeRandomly: boolean }): number =>
    readRouterFor(options).pick(shard(1), latencies).port;

  // With readOnly off the router never consults a read router (reads go to the master: see
  // test/integration/failover/read-routing.spec.ts), so there is no master-only strategy to test here.

  it('readOnly prefers a replica; routeByLatency wins over routeRandomly', () => {
    expect(pick({ readOnly: true, routeByLatency: false, routeRandomly: false })).toBe(7001);
    const random = jest.spyOn(Math, 'random').mockReturnValue(0.99); // routeRandomly then picks the master (last of its candidates)
    try {
      expect(pick({ readOnly: false, routeByLatency: true, routeRandomly: true })).toBe(7001);
      expect(pick({ readOnly: false, routeByLatency: false, routeRandomly: true })).toBe(7000);
    } finally {
      random.mockRestore();
    }
  });
});

describe('usableReplicas', () => {
  it('trusts CLUSTER SHARDS "loading" (Redis 7.0 reports it for any fresh replica) but not "failed"/"fail"', () => {
    const s = { ...shard(0), replicas: [node(7001, 'replica', 'loading'), node(7002, 'replica', 'failed'), node(7003, 'replica', 'fail')] };
    expect(usableReplicas(s, healthView({})).map((r) => r.port)).toEqual([7001]);
  });
});
