import { ClusterState } from '../../../lib/core/cluster/cluster-state';
import { ClientClosedError } from '../../../lib/core/errors/client-closed-error';
import { resolveOptions } from '../../../lib/core/options/resolve-options';

/** The wiring of the cluster's owners, before any network: what it says and refuses without a topology. */
function state(): { state: ClusterState; errors: Error[] } {
  const errors: Error[] = [];
  const s = new ClusterState(resolveOptions({ nodes: ['127.0.0.1:1', 'seed.example.test:6380'] }), {
    nodeStateChange: () => undefined,
    topologyChange: () => undefined,
    error: (error) => errors.push(error),
    warning: () => undefined,
  });
  return { state: s, errors };
}

describe('ClusterState', () => {
  it('reports every slot uncovered and no pool before the first topology', () => {
    const { state: s } = state();
    expect(s.topology()).toBeUndefined();
    expect(s.snapshot()).toMatchObject({ nodes: [], uncoveredSlots: [[0, 16383]] });
    expect(s.poolStats()).toEqual({ hits: 0, misses: 0, timeouts: 0, totalConns: 0, idleConns: 0, staleConns: 0 });
    expect(s.nodePoolStats()).toEqual({});
  });

  it('vouches for the seeds and nothing else before a topology lists any node', () => {
    const { state: s } = state();
    expect(s.knows({ host: '127.0.0.1', port: 1 })).toBe(true);
    expect(s.knows({ host: 'seed.example.test', port: 6380 })).toBe(true);
    expect(s.knows({ host: '127.0.0.1', port: 2 })).toBe(false);
  });

  it('is final once closed: connect() rejects with ClientClosedError without dialling', async () => {
    const { state: s, errors } = state();
    await s.close();
    await expect(s.connect()).rejects.toBeInstanceOf(ClientClosedError);
    expect(s.nodePoolStats()).toEqual({});
    expect(errors).toEqual([]);
  });

  it('builds each socket configuration from the options, the per-node TLS name included', () => {
    const { state: s } = state();
    const config = s.connectionConfig({ host: '127.0.0.1', port: 1, servername: 'node-1.example.test' });
    expect(config).toMatchObject({ host: '127.0.0.1', port: 1, servername: 'node-1.example.test', readTimeout: 3000 });
  });
});
