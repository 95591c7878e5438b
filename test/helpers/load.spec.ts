import { ClientClosedError, ConnectionError } from '../../lib/core/errors';
import type { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { Load } from './load';

/** A client whose every call fails at once, as a closed client's does. */
function failingClient(error: () => Error): RedisClusterClient {
  const fail = () => Promise.reject(error());
  return { get: fail, set: fail } as unknown as RedisClusterClient;
}

describe('Load (the failover suites’ traffic)', () => {
  it('stops by itself on a closed client instead of spinning on microtasks', async () => {
    const load = new Load(failingClient(() => new ClientClosedError())).start();
    let timerRan = false;
    await new Promise<void>((resolve) =>
      setTimeout(() => {
        timerRan = true;
        resolve();
      }, 20),
    );
    const report = await load.stop();
    expect(timerRan).toBe(true);
    expect(report.readErrorCount + report.writeErrorCount).toBeGreaterThan(0);
    expect(report.readErrorCount + report.writeErrorCount).toBeLessThanOrEqual(16);
  });

  it('keeps timers running and a bounded error list while every call fails at once', async () => {
    const load = new Load(
      failingClient(() => new ConnectionError('refused', '127.0.0.1:1')),
      { workers: 4 },
    ).start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const report = await load.stop();
    expect(report.readErrorCount + report.writeErrorCount).toBeGreaterThan(2000);
    expect(report.readErrors.length).toBeLessThanOrEqual(1000);
    expect(report.writeErrors.length).toBeLessThanOrEqual(1000);
  });

  it('stops by itself after maxMs when a test never calls stop()', async () => {
    let calls = 0;
    const client = failingClient(() => {
      calls++;
      return new ConnectionError('refused', '127.0.0.1:1');
    });
    new Load(client, { workers: 1, maxMs: 50 }).start();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const after = calls;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(after).toBeGreaterThan(0);
    expect(calls).toBe(after);
  });
});
