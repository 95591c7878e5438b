import { evaluateCluster, evaluateNodes, formatRange } from '../../../lib/nest/health/evaluate-health';
import { healthySnapshot, withNode } from './snapshots';

describe('evaluateCluster', () => {
  it('is healthy when every slot has an up master, and lists every node', () => {
    const verdict = evaluateCluster(healthySnapshot());
    expect(verdict.healthy).toBe(true);
    expect(verdict.details.nodes).toHaveLength(6);
    expect(verdict.details.nodes).toContainEqual({ address: '127.0.0.1:7000', role: 'master', state: 'up', slots: ['0-5460'] });
  });

  it('names a down master and the slots it leaves uncovered', () => {
    const verdict = evaluateCluster(withNode(7001, { state: 'down', lastError: 'ECONNREFUSED' }));
    expect(verdict.healthy).toBe(false);
    expect(verdict.details).toMatchObject({
      uncoveredSlots: ['5461-10922'],
      downNodes: ['127.0.0.1:7001 (master)'],
    });
    expect(verdict.details.message).toContain('127.0.0.1:7001');
    expect(verdict.details.message).toContain('5461-10922');
  });

  it('is down on uncovered slots even when no node is down (slots assigned to nobody)', () => {
    const snapshot = healthySnapshot();
    snapshot.uncoveredSlots = [
      [100, 100],
      [200, 299],
    ];
    const verdict = evaluateCluster(snapshot);
    expect(verdict.healthy).toBe(false);
    expect(verdict.details.uncoveredSlots).toEqual(['100', '200-299']);
  });

  it('stays up with a suspect master or a down replica, and still lists the down replica', () => {
    expect(evaluateCluster(withNode(7000, { state: 'suspect' })).healthy).toBe(true);
    const verdict = evaluateCluster(withNode(7004, { state: 'down' }));
    expect(verdict.healthy).toBe(true);
    expect(verdict.details.nodes).toContainEqual(expect.objectContaining({ address: '127.0.0.1:7004', state: 'down' }));
  });

  it('is down when no node is known', () => {
    const verdict = evaluateCluster({ at: 0, nodes: [], uncoveredSlots: [] });
    expect(verdict.healthy).toBe(false);
    expect(verdict.details.message).toMatch(/no nodes/);
  });
});

describe('evaluateNodes', () => {
  it('is healthy and details every node with role, slots, state, latency and pool stats', () => {
    const verdict = evaluateNodes(healthySnapshot());
    expect(verdict.healthy).toBe(true);
    expect(verdict.details.warnings).toBeUndefined();
    expect(verdict.details.nodes).toContainEqual({
      address: '127.0.0.1:7004',
      id: 'id-7004',
      role: 'replica',
      masterId: 'id-7000',
      slots: ['0-5460'],
      state: 'up',
      latencyMs: 0.4,
      lastError: undefined,
      pool: { hits: 10, misses: 1, timeouts: 0, totalConns: 1, idleConns: 1, staleConns: 0 },
    });
  });

  it('is down on a down master, naming it and its last error', () => {
    const verdict = evaluateNodes(withNode(7002, { state: 'down', lastError: 'connect ECONNREFUSED' }));
    expect(verdict.healthy).toBe(false);
    expect(verdict.details.message).toBe('master 127.0.0.1:7002 down: connect ECONNREFUSED');
  });

  it('flags a suspect master without failing', () => {
    const verdict = evaluateNodes(withNode(7000, { state: 'suspect' }));
    expect(verdict.healthy).toBe(true);
    expect(verdict.details.warnings).toEqual(['master 127.0.0.1:7000 suspect (missed a heartbeat)']);
  });

  it('only warns on a down replica unless failOnReplicaDown', () => {
    const snapshot = withNode(7003, { state: 'down' });
    const lenient = evaluateNodes(snapshot);
    expect(lenient.healthy).toBe(true);
    expect(lenient.details.warnings).toEqual(['replica 127.0.0.1:7003 down']);

    const strict = evaluateNodes(snapshot, { failOnReplicaDown: true });
    expect(strict.healthy).toBe(false);
    expect(strict.details.message).toBe('replica 127.0.0.1:7003 down');
  });

  it('fails a node over maxLatencyMs, ignoring stale latency of down nodes and nodes never measured', () => {
    const slow = evaluateNodes(withNode(7005, { latencyMs: 120.456 }), { maxLatencyMs: 50 });
    expect(slow.healthy).toBe(false);
    expect(slow.details.message).toBe('replica 127.0.0.1:7005 latency 120.46 ms > 50 ms');

    expect(evaluateNodes(withNode(7005, { latencyMs: 50 }), { maxLatencyMs: 50 }).healthy).toBe(true);
    expect(evaluateNodes(withNode(7005, { latencyMs: null }), { maxLatencyMs: 1 }).healthy).toBe(true);
    expect(evaluateNodes(withNode(7005, { state: 'down', latencyMs: 900 }), { maxLatencyMs: 50 }).healthy).toBe(true);
  });

  it('is down when no node is known', () => {
    expect(evaluateNodes({ at: 0, nodes: [], uncoveredSlots: [] }).healthy).toBe(false);
  });
});

describe('formatRange', () => {
  it('prints one slot as itself and a range with a dash', () => {
    expect(formatRange([7, 7])).toBe('7');
    expect(formatRange([0, 16383])).toBe('0-16383');
  });
});
