import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { startPrivateCluster, type PrivateCluster } from '../../helpers/cluster-env';
import { Load, sleep, summarize, waitFor } from '../../helpers/load';
import { failoverOptions, masterServing, NODE_TIMEOUT, portOf, waitForNewMaster } from './failover-helpers';

// Figures are printed for the README and the issue note; bench/failover.ts runs the longer measurement.
describe('kill -9 of a master under steady load', () => {
  let cluster: PrivateCluster;

  beforeAll(async () => {
    cluster = await startPrivateCluster('kill', { nodeTimeout: NODE_TIMEOUT });
  }, 60_000);
  afterAll(() => cluster?.stop());

  async function killUnderLoad(readOnly: boolean) {
    const client = new RedisClusterClient(failoverOptions(cluster, { readOnly }));
    await client.connect();
    try {
      const load = new Load(client, { workers: 32, readRatio: 0.5 }).start();
      await sleep(500);
      const victim = masterServing(client, 0)!;
      const killedAt = Date.now();
      cluster.kill(portOf(victim));
      const promoted = await waitForNewMaster(client, 0, victim.address);
      const learnedMs = Date.now() - killedAt;
      await sleep(1000);
      const report = await load.stop();
      const figures = {
        readOnly,
        nodeTimeoutMs: NODE_TIMEOUT,
        learnedNewMasterMs: learnedMs,
        maxWriteMs: report.maxWriteMs,
        maxReadMs: report.maxReadMs,
        reads: report.reads,
        writes: report.writes,
        readErrors: report.readErrorCount,
        writeErrors: report.writeErrorCount,
      };
      console.log(`kill -9 master: ${JSON.stringify(figures)}`);
      expect(promoted?.address).not.toBe(victim.address);
      return { report, victim };
    } finally {
      await client.close();
    }
  }

  it('with readOnly: no read errors; writes to the dead shard pause, then succeed', async () => {
    const { report, victim } = await killUnderLoad(true);
    expect(summarize(report.readErrors)).toBe('');
    expect(summarize(report.writeErrors)).toBe('');
    expect(report.reads).toBeGreaterThan(0);
    // The longest write waited for the cluster's own failover; it must not wait much beyond it.
    expect(report.maxWriteMs).toBeLessThan(NODE_TIMEOUT + 4000);
    await cluster.restart(portOf(victim));
  }, 60_000);

  it('with readOnly off: the same failover, measured; no error reaches the caller either', async () => {
    // Every node answers and agrees the cluster is whole again (the restarted one included).
    const allOk = () => Promise.all(cluster.ports.map((p) => cluster.cli(p, 'CLUSTER', 'INFO'))).catch(() => ['not yet']);
    await waitFor(allOk, (infos) => infos.every((info) => info.includes('cluster_state:ok')), 20_000);
    const { report } = await killUnderLoad(false);
    expect(summarize([...report.readErrors, ...report.writeErrors])).toBe('');
  }, 60_000);
});
