/**
 * A command sleeping out a retry backoff is sent as soon as a topology shows its slot's new owner,
 * not when the backoff ends (issue 12): scripted mock nodes give the exact sequence, a CLUSTERDOWN
 * for one key on its old owner while the slot map moves it elsewhere.
 */
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { hashSlot } from '../../../lib/core/slots/hash-slot';
import { MockCluster } from '../../helpers/mock-cluster';
import { err } from '../../helpers/mock-node';
import { waitFor } from '../../helpers/load';

/** A backoff far longer than the release may take: the first retry waits at least 2 s. */
const SLOW_BACKOFF = { minRetryBackoff: 4000, maxRetryBackoff: 8000, maxRetries: 3 };

let mock: MockCluster | undefined;
let client: RedisClusterClient | undefined;

afterEach(async () => {
  await client?.close();
  await mock?.stop();
  client = mock = undefined;
});

async function parkedSet(): Promise<{ m: MockCluster; key: string; pending: Promise<unknown>; settled: () => boolean }> {
  const m = (mock = await MockCluster.start({ masters: 2, spares: 1 }));
  const c = (client = new RedisClusterClient({
    nodes: [m.seeds[0]],
    topologyRefreshInterval: 0,
    heartbeatInterval: 60_000,
    ...SLOW_BACKOFF,
  }));
  await c.connect();
  const [old] = m.nodes;
  const key = m.keyOn(old);
  // The old owner refuses the key's writes as a master being failed over does.
  m.script = (node, cmd) => (node === old && cmd[0] === 'SET' ? err('CLUSTERDOWN The cluster is down') : undefined);
  let done = false;
  const pending = c.set(key, 'v').finally(() => (done = true));
  await waitFor(
    () => m.commands('SET', key, old).length,
    (n) => n === 1,
    2000,
    5,
  );
  return { m, key, pending, settled: () => done };
}

describe('retries parked in a backoff', () => {
  it('are sent at once when a reload shows the slot on a new owner', async () => {
    const { m, key, pending } = await parkedSet();
    const spare = m.nodes[2];
    const movedAt = performance.now();
    m.moveSlot(hashSlot(key), spare);
    await pending;
    const waitedMs = performance.now() - movedAt;
    expect(m.store(spare).get(key)).toBe('v');
    expect(m.commands('SET', key, m.nodes[0])).toHaveLength(1);
    // The backoff alone would have held it at least 2000 ms; the close polling sees the move within tens.
    expect(waitedMs).toBeLessThan(1000);
  });

  it('stay parked when the change moves other slots only, and go when theirs moves', async () => {
    const { m, key, pending, settled } = await parkedSet();
    const [old, other, spare] = m.nodes;
    const fetches = m.topologyFetches;
    m.moveSlot(hashSlot(m.keyOn(other)), spare);
    // Two fetches after the move: the change has been seen and applied.
    await waitFor(
      () => m.topologyFetches,
      (n) => n >= fetches + 2,
      2000,
      5,
    );
    expect(settled()).toBe(false);
    expect(m.commands('SET', key, old)).toHaveLength(1);
    m.moveSlot(hashSlot(key), spare);
    await pending;
    expect(m.store(spare).get(key)).toBe('v');
  });
});
