import { LatencyHistogram } from '../../../bench/stats';

describe('LatencyHistogram snapshots (a cell recorded in a client process, read in run.ts)', () => {
  it('comes back with the same counts, total, max, mean and quantiles', () => {
    const recorded = new LatencyHistogram();
    for (let i = 1; i <= 5000; i++) recorded.record(i * 997);
    recorded.record(2 ** 33);
    // Through the structured clone the IPC channel uses.
    const restored = LatencyHistogram.fromSnapshot(structuredClone(recorded.snapshot()));
    expect(restored.total).toBe(5001);
    expect(restored.max).toBe(recorded.max);
    expect(restored.mean).toBe(recorded.mean);
    for (const q of [0.5, 0.9, 0.99, 0.999, 1]) expect(restored.quantile(q)).toBe(recorded.quantile(q));
  });

  it('refuses a snapshot with another bucket layout', () => {
    const snapshot = new LatencyHistogram().snapshot();
    expect(() => LatencyHistogram.fromSnapshot({ ...snapshot, counts: snapshot.counts.slice(1) })).toThrow(/buckets/);
  });
});
