import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import type { NodeStateChange } from '../../../lib/core/cluster/health/health-types';
import { startPrivateCluster, type PrivateCluster } from '../../helpers/cluster-env';
import { Load, sleep, summarize, waitFor } from '../../helpers/load';
import { commandCalls, failoverOptions, masterServing, NODE_TIMEOUT, portOf } from './failover-helpers';

const INTERVAL = 200;
const FAILURES = 3;

describe('a replica frozen with SIGSTOP', () => {
  let cluster: PrivateCluster;

  beforeAll(async () => {
    cluster = await startPrivateCluster('frozen', { nodeTimeout: NODE_TIMEOUT });
  }, 60_000);
  afterAll(() => cluster?.stop());

  it('is marked down by the heartbeat, read around, and back in rotation within two intervals of SIGCONT', async () => {
    const client = new RedisClusterClient(
      failoverOptions(cluster, { readOnly: true, heartbeatInterval: INTERVAL, heartbeatFailures: FAILURES }),
    );
    await client.connect();
    const changes: Array<NodeStateChange & { at: number }> = [];
    client.on('nodeStateChange', (change) => changes.push({ ...change, at: Date.now() }));
    try {
      const master = masterServing(client, 0)!;
      const replica = client.health().nodes.find((n) => n.role === 'replica' && n.masterId === master.id)!;
      const load = new Load(client, { workers: 16, readRatio: 1 }).start();
      await sleep(300);

      const frozenAt = Date.now();
      cluster.kill(portOf(replica), 'SIGSTOP');
      const down = await waitFor(() => changes.find((c) => c.address === replica.address && c.to === 'down'), Boolean, 5000, 10);
      const downAfterMs = down!.at - frozenAt;
      // While it is down, its shard's reads go to the master and nothing waits on the frozen node.
      const beforeMaster = await commandCalls(cluster, portOf(master), 'get');
      await sleep(300);
      const duringMaster = await commandCalls(cluster, portOf(master), 'get');

      const thawedAt = Date.now();
      cluster.kill(portOf(replica), 'SIGCONT');
      const up = await waitFor(
        () => changes.find((c) => c.address === replica.address && c.to === 'up' && c.at >= thawedAt),
        Boolean,
        5000,
        10,
      );
      const upAfterMs = up!.at - thawedAt;
      const replicaBefore = await commandCalls(cluster, portOf(replica), 'get');
      await sleep(300);
      const replicaAfter = await commandCalls(cluster, portOf(replica), 'get');
      const report = await load.stop();

      console.log(
        `SIGSTOP replica: ${JSON.stringify({ interval: INTERVAL, failures: FAILURES, downAfterMs, upAfterMs, maxReadMs: report.maxReadMs, reads: report.reads, readErrors: report.readErrorCount })}`,
      );
      // Bounds with room for a loaded CI machine, where timers fire late; still well under readTimeout's 1 s per read.
      expect(downAfterMs).toBeLessThanOrEqual((FAILURES + 2) * INTERVAL + 300);
      expect(duringMaster).toBeGreaterThan(beforeMaster);
      expect(upAfterMs).toBeLessThanOrEqual(2 * INTERVAL + 200);
      expect(replicaAfter).toBeGreaterThan(replicaBefore);
      expect(summarize(report.readErrors)).toBe('');
    } finally {
      await client.close();
    }
  }, 60_000);
});
