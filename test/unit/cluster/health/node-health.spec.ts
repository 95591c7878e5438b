import type { NodeStateChange } from '../../../../lib/core/cluster/health/health-types';
import { NodeHealthTracker } from '../../../../lib/core/cluster/health/node-health';
import type { ClusterNode } from '../../../../lib/core/cluster/topology/topology';

function node(port: number, role: 'master' | 'replica' = 'master'): ClusterNode {
  return { id: `id-${port}`, host: '127.0.0.1', port, address: `127.0.0.1:${port}`, role, health: 'online' };
}

describe('NodeHealthTracker', () => {
  const a = node(7000);
  const b = node(7001, 'replica');
  let changes: NodeStateChange[];
  let health: NodeHealthTracker;

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    changes = [];
    health = new NodeHealthTracker(3, (change) => changes.push(change));
    health.sync([a, b]);
  });
  afterEach(() => jest.useRealTimers());

  it('starts every node up, with no latency yet', () => {
    expect(health.stateOf(a.address)).toBe('up');
    expect(health.isUsable(a.address)).toBe(true);
    expect(health.latency(a.address)).toBe(Infinity);
    expect(health.view(a.address)).toEqual({ state: 'up', latencyMs: null, lastError: undefined, lastSeenAt: undefined });
  });

  it('up -> suspect on a miss -> down after failuresToDown misses in a row -> up on the first answer', () => {
    health.recordFailure(b.address, new Error('timeout 1'));
    expect(health.stateOf(b.address)).toBe('suspect');
    expect(health.isUsable(b.address)).toBe(true); // suspect still serves
    health.recordFailure(b.address, new Error('timeout 2'));
    expect(health.stateOf(b.address)).toBe('suspect');
    health.recordFailure(b.address, new Error('timeout 3'));
    expect(health.stateOf(b.address)).toBe('down');
    expect(health.isUsable(b.address)).toBe(false);
    expect(health.view(b.address)?.lastError).toBe('timeout 3');
    health.recordSuccess(b.address, 2);
    expect(health.stateOf(b.address)).toBe('up');
    expect(changes).toEqual([
      { address: b.address, id: b.id, role: 'replica', from: 'up', to: 'suspect', error: 'timeout 1' },
      { address: b.address, id: b.id, role: 'replica', from: 'suspect', to: 'down', error: 'timeout 3' },
      { address: b.address, id: b.id, role: 'replica', from: 'down', to: 'up', error: undefined },
    ]);
  });

  it('an answer resets the count of misses', () => {
    health.recordFailure(a.address, new Error('x'));
    health.recordFailure(a.address, new Error('x'));
    health.recordSuccess(a.address, 1);
    health.recordFailure(a.address, new Error('x'));
    health.recordFailure(a.address, new Error('x'));
    expect(health.stateOf(a.address)).toBe('suspect');
  });

  it('smooths latency: the first sample as is, then 30% of each new one', () => {
    health.recordSuccess(a.address, 10);
    expect(health.latency(a.address)).toBe(10);
    health.recordSuccess(a.address, 20);
    expect(health.latency(a.address)).toBeCloseTo(13);
    health.recordSuccess(a.address, 3);
    expect(health.latency(a.address)).toBeCloseTo(13 + 0.3 * (3 - 13));
    expect(health.view(a.address)).toMatchObject({ state: 'up', lastSeenAt: 1_000_000, lastError: undefined });
  });

  it('a loading replica is skipped for a second, and usable again after', () => {
    health.markLoading(b.address);
    expect(health.isUsable(b.address)).toBe(false);
    expect(health.stateOf(b.address)).toBe('up'); // loading is not a state change
    jest.advanceTimersByTime(1001);
    expect(health.isUsable(b.address)).toBe(true);
  });

  it('sync drops nodes that left and ignores reports about unknown ones', () => {
    health.sync([a]);
    expect(health.view(b.address)).toBeUndefined();
    health.recordFailure(b.address, new Error('x'));
    health.markLoading(b.address);
    expect(changes).toEqual([]);
    expect(health.isUsable(b.address)).toBe(true);
    expect(health.stateOf(b.address)).toBe('up');
  });

  it('sync keeps the state of nodes that stay, with their new description', () => {
    health.recordFailure(a.address, new Error('x'));
    const promoted = { ...a, role: 'replica' as const };
    health.sync([promoted, b]);
    expect(health.stateOf(a.address)).toBe('suspect');
    health.recordSuccess(a.address, 1);
    expect(changes.at(-1)).toMatchObject({ address: a.address, role: 'replica', to: 'up' });
  });
});
