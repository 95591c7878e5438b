import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { startPrivateCluster, type PrivateCluster } from '../../helpers/cluster-env';
import { Load, sleep, summarize } from '../../helpers/load';
import { failoverOptions, masterServing, NODE_TIMEOUT, portOf, waitForNewMaster } from './failover-helpers';

describe('CLUSTER FAILOVER (manual) under load', () => {
  let cluster: PrivateCluster;

  beforeAll(async () => {
    cluster = await startPrivateCluster('manual-failover', { nodeTimeout: NODE_TIMEOUT });
  }, 60_000);
  afterAll(() => cluster?.stop());

  it.each([false, true])(
    'readOnly %s: zero errors, every acknowledged write reads back',
    async (readOnly) => {
      const client = new RedisClusterClient(failoverOptions(cluster, { readOnly }));
      await client.connect();
      try {
        const load = new Load(client, { workers: 32, readRatio: 0.3 }).start();
        await sleep(300);
        const master = masterServing(client, 16383)!;
        const replica = client.health().nodes.find((n) => n.role === 'replica' && n.masterId === master.id)!;
        await cluster.cli(portOf(replica), 'CLUSTER', 'FAILOVER');
        const promoted = await waitForNewMaster(client, 16383, master.address);
        await sleep(500);
        const report = await load.stop();
        await load.verify();
        console.log(
          `manual failover: ${JSON.stringify({ readOnly, maxWriteMs: report.maxWriteMs, writes: report.writes, reads: report.reads, errors: report.readErrorCount + report.writeErrorCount, lost: report.lost })}`,
        );
        expect(promoted?.address).toBe(replica.address);
        expect(summarize([...report.readErrors, ...report.writeErrors])).toBe('');
        expect(report.lost).toBe(0);
      } finally {
        await client.close();
      }
    },
    60_000,
  );
});
