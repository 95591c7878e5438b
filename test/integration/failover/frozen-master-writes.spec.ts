import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { ReplicationError } from '../../../lib/core/errors/replication-error';
import { startPrivateCluster, type PrivateCluster } from '../../helpers/cluster-env';
import { Load, sleep, waitFor } from '../../helpers/load';
import { failoverOptions, masterServing, NODE_TIMEOUT, portOf, waitForNewMaster } from './failover-helpers';

const SLEEP_SECONDS = 4;

/**
 * A master frozen longer than cluster-node-timeout is failed over while it sleeps; when it wakes it
 * acknowledges the writes queued on its sockets, then learns it was demoted and drops them.
 */
describe('DEBUG SLEEP on a master under write load', () => {
  let cluster: PrivateCluster;

  beforeAll(async () => {
    cluster = await startPrivateCluster('frozen-master', { nodeTimeout: NODE_TIMEOUT });
  }, 60_000);
  afterAll(() => cluster?.stop());

  async function freezeUnderLoad(waitReplicas: number) {
    // readTimeout beyond the freeze: writes queued on the sleeping master stay there and get its OK.
    const client = new RedisClusterClient(failoverOptions(cluster, { waitReplicas, waitReplicasTimeout: 500, readTimeout: 15_000 }));
    await client.connect();
    try {
      // 200 writes/s, as in the comparison of peer clients: writes keep arriving while the master sleeps.
      const load = new Load(client, { keys: 2000 }).startOpenLoop(200);
      await sleep(300);
      const master = masterServing(client, 0)!;
      void cluster.cli(portOf(master), 'DEBUG', 'SLEEP', String(SLEEP_SECONDS)).catch(() => undefined);
      await waitForNewMaster(client, 0, master.address, 20_000);
      await sleep(SLEEP_SECONDS * 1000 + 1500);
      const report = await load.stop();
      // The demoted master resyncs from the new one; read once the cluster is whole again.
      await waitFor(
        () => cluster.cli(portOf(master), 'INFO', 'replication'),
        (info) => info.includes('master_link_status:up'),
        20_000,
      );
      await load.verify();
      const replicationErrors = report.writeErrors.filter((e) => e instanceof ReplicationError).length;
      console.log(
        `DEBUG SLEEP ${SLEEP_SECONDS} on a master, waitReplicas=${waitReplicas}: ${JSON.stringify({ writes: report.writes, lost: report.lost, writeErrors: report.writeErrorCount, replicationErrors })}`,
      );
      return report;
    } finally {
      await client.close();
    }
  }

  it('without waitReplicas: acknowledged writes are lost (measured, not asserted)', async () => {
    const report = await freezeUnderLoad(0);
    expect(report.writes).toBeGreaterThan(0);
  }, 90_000);

  it('with waitReplicas: 1, no acknowledged write is lost; the others fail with ReplicationError', async () => {
    const report = await freezeUnderLoad(1);
    expect(report.lost).toBe(0);
    expect(report.writes).toBeGreaterThan(0);
    // What was not confirmed by a replica failed with the typed error instead of a false OK.
    for (const error of report.writeErrors) expect(error).toBeInstanceOf(ReplicationError);
  }, 90_000);
});
