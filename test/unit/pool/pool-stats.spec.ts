import { sumStats, type PoolStats } from '../../../lib/core/pool/pool-stats';

// emptyStats is not used directly: the issue lists it as dead code, to be removed.
describe('pool stats', () => {
  it('sumStats adds every field across nodes', () => {
    const a: PoolStats = { hits: 1, misses: 2, timeouts: 3, totalConns: 4, idleConns: 5, staleConns: 6 };
    const b: PoolStats = { hits: 10, misses: 20, timeouts: 30, totalConns: 40, idleConns: 50, staleConns: 60 };
    expect(sumStats([a, b])).toEqual({ hits: 11, misses: 22, timeouts: 33, totalConns: 44, idleConns: 55, staleConns: 66 });
    expect(sumStats([])).toEqual({ hits: 0, misses: 0, timeouts: 0, totalConns: 0, idleConns: 0, staleConns: 0 });
  });
});
