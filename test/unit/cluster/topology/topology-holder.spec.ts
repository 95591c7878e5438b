/** The current topology and the reloads that replace it, with a scripted fetch and fake timers. */
import { FAILOVER_POLL_MS, TopologyHolder, type TopologyHolderHooks } from '../../../../lib/core/cluster/topology/topology-holder';
import { Topology, type ClusterNode } from '../../../../lib/core/cluster/topology/topology';

function node(port: number): ClusterNode {
  return { id: `id-${port}`, host: '127.0.0.1', port, address: `127.0.0.1:${port}`, role: 'master', health: 'online' };
}

const one = (): Topology => new Topology([{ master: node(7000), replicas: [], slots: [[0, 16383]] }]);
const two = (): Topology =>
  new Topology([
    { master: node(7000), replicas: [], slots: [[0, 8191]] },
    { master: node(7001), replicas: [], slots: [[8192, 16383]] },
  ]);

interface Probe {
  holder: TopologyHolder;
  log: string[];
  loads: () => number;
  /** What the masterDown hook answers. */
  down: { master: boolean };
}

function holder(fetches: Array<() => Topology>, refreshMs = 0): Probe {
  const log: string[] = [];
  let loads = 0;
  const down = { master: false };
  const hooks: TopologyHolderHooks = {
    load: async () => {
      const next = fetches[Math.min(loads++, fetches.length - 1)];
      return next();
    },
    changed: (previous, next) => log.push(`changed ${previous?.shards.length ?? 'none'} -> ${next.shards.length}`),
    unchanged: (current) => log.push(`unchanged ${current.shards.length}`),
    error: (error) => log.push(`error ${error.message}`),
    masterDown: () => down.master,
  };
  return { holder: new TopologyHolder(refreshMs, hooks), log, loads: () => loads, down };
}

afterEach(() => jest.useRealTimers());

describe('TopologyHolder', () => {
  it('keeps the first topology, then replaces it only with a different one', async () => {
    const h = holder([one, one, two]);
    await h.holder.loadFirst();
    const first = h.holder.get();
    await h.holder.reload();
    expect(h.holder.get()).toBe(first);
    await h.holder.reload();
    expect(h.holder.get()?.shards).toHaveLength(2);
    expect(h.log).toEqual(['changed none -> 1', 'unchanged 1', 'changed 1 -> 2']);
  });

  it('turns a burst of lazy reload requests into one fetch', async () => {
    jest.useFakeTimers();
    const h = holder([one]);
    for (let i = 0; i < 50; i++) h.holder.requestReload();
    await jest.advanceTimersByTimeAsync(0);
    expect(h.loads()).toBe(1);
    // The next request waits out the gap since that reload.
    h.holder.requestReload();
    await jest.advanceTimersByTimeAsync(50);
    expect(h.loads()).toBe(1);
    await jest.advanceTimersByTimeAsync(60);
    expect(h.loads()).toBe(2);
  });

  it('refreshes every interval, and stops for good at close()', async () => {
    jest.useFakeTimers();
    const h = holder([one], 1000);
    await h.holder.loadFirst();
    h.holder.startRefresh();
    await jest.advanceTimersByTimeAsync(1001);
    expect(h.loads()).toBe(2);
    h.holder.close();
    h.holder.requestReload();
    await h.holder.reload();
    await jest.advanceTimersByTimeAsync(5000);
    expect(h.loads()).toBe(2);
  });

  it('reports a failed background reload and keeps the current topology', async () => {
    const h = holder([
      one,
      () => {
        throw new Error('no seed answered');
      },
    ]);
    await h.holder.loadFirst();
    const first = h.holder.get();
    await h.holder.reload();
    expect(h.holder.get()).toBe(first);
    expect(h.log).toEqual(['changed none -> 1', 'error no seed answered']);
  });

  it('gives the first load error to the caller, and reset() forgets the topology', async () => {
    const h = holder([
      () => {
        throw new Error('no seed answered');
      },
    ]);
    await expect(h.holder.loadFirst()).rejects.toThrow('no seed answered');
    expect(h.log).toEqual([]);
    const ok = holder([one]);
    await ok.holder.loadFirst();
    ok.holder.reset();
    expect(ok.holder.get()).toBeUndefined();
  });

  describe('watchFailover', () => {
    it('polls every FAILOVER_POLL_MS while signs keep coming, and stops a quiet second after the last', async () => {
      jest.useFakeTimers();
      const h = holder([one]);
      await h.holder.loadFirst();
      h.holder.watchFailover();
      await jest.advanceTimersByTimeAsync(10 * FAILOVER_POLL_MS);
      expect(h.loads()).toBe(1 + 10);
      // A second sign extends the stretch rather than starting a second timer.
      h.holder.watchFailover();
      await jest.advanceTimersByTimeAsync(1000);
      const afterQuiet = h.loads();
      expect(afterQuiet).toBeGreaterThanOrEqual(1 + 10 + 1000 / FAILOVER_POLL_MS - 2);
      await jest.advanceTimersByTimeAsync(5000);
      expect(h.loads()).toBe(afterQuiet);
    });

    it('keeps polling while a master is down, at most 30 s at a stretch, then rests as long', async () => {
      jest.useFakeTimers();
      const h = holder([one]);
      await h.holder.loadFirst();
      h.down.master = true;
      h.holder.watchFailover();
      await jest.advanceTimersByTimeAsync(10_000);
      expect(h.loads()).toBeGreaterThan(300);
      await jest.advanceTimersByTimeAsync(25_000);
      const atCap = h.loads();
      expect(atCap).toBeLessThanOrEqual(1 + 30_000 / FAILOVER_POLL_MS);
      // Resting: a new sign does not start another stretch yet...
      h.holder.watchFailover();
      await jest.advanceTimersByTimeAsync(10_000);
      expect(h.loads()).toBe(atCap);
      // ...until the rest is over.
      await jest.advanceTimersByTimeAsync(20_000);
      h.holder.watchFailover();
      await jest.advanceTimersByTimeAsync(10 * FAILOVER_POLL_MS);
      expect(h.loads()).toBe(atCap + 10);
    });

    it('leaves no timer behind at close()', async () => {
      jest.useFakeTimers();
      const h = holder([one]);
      await h.holder.loadFirst();
      h.holder.watchFailover();
      h.holder.close();
      h.holder.watchFailover();
      await jest.advanceTimersByTimeAsync(1000);
      expect(h.loads()).toBe(1);
      expect(jest.getTimerCount()).toBe(0);
    });
  });
});
