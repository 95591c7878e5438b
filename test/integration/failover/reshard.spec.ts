import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { startPrivateCluster, type PrivateCluster } from '../../helpers/cluster-env';
import { Load, sleep, summarize, waitFor } from '../../helpers/load';
import { commandCalls, failoverOptions, NODE_TIMEOUT } from './failover-helpers';

const run = promisify(execFile);

const slotCount = (ranges: Array<[number, number]> | undefined) => (ranges ?? []).reduce((n, [a, b]) => n + b - a + 1, 0);

/** redis-cli --cluster <args>; bounded, output kept for the failure message. */
async function clusterTool(...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['--cluster', ...args], { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

describe('slots moving while load runs', () => {
  let cluster: PrivateCluster;

  beforeAll(async () => {
    cluster = await startPrivateCluster('reshard', { nodeTimeout: NODE_TIMEOUT });
  }, 60_000);
  afterAll(() => cluster?.stop());

  it('redis-cli --cluster reshard: zero errors reach the caller', async () => {
    const client = new RedisClusterClient(failoverOptions(cluster));
    await client.connect();
    const load = new Load(client, { workers: 32, readRatio: 0.5, keys: 5000 });
    try {
      load.start();
      await sleep(300);
      const masters = client.health().nodes.filter((n) => n.role === 'master');
      const [from, to] = [masters[0], masters[1]];
      const seed = `${cluster.nodes[0].host}:${cluster.nodes[0].port}`;
      await clusterTool('reshard', seed, '--cluster-from', from.id, '--cluster-to', to.id, '--cluster-slots', '1000', '--cluster-yes');
      const moved = await waitFor(
        () => client.health().nodes.find((n) => n.id === to.id),
        (n) => slotCount(n?.slots) === slotCount(to.slots) + 1000,
        30_000,
      );
      await sleep(300);
      const report = await load.stop();
      await load.verify();
      console.log(
        `reshard 1000 slots: ${JSON.stringify({ reads: report.reads, writes: report.writes, errors: report.readErrorCount + report.writeErrorCount, maxWriteMs: report.maxWriteMs, lost: report.lost })}`,
      );
      expect(slotCount(moved?.slots)).toBe(slotCount(to.slots) + 1000);
      expect(summarize([...report.readErrors, ...report.writeErrors])).toBe('');
      expect(report.lost).toBe(0);
    } finally {
      // A failed wait must not leave the load running against a closed client.
      await load.stop();
      await client.close();
    }
  }, 120_000);

  it('a fourth master added and rebalanced to under load is discovered and used, zero errors', async () => {
    const client = new RedisClusterClient(failoverOptions(cluster));
    await client.connect();
    const load = new Load(client, { workers: 32, readRatio: 0.5, keys: 5000 });
    try {
      load.start();
      const port = await cluster.addNode();
      const seed = `${cluster.nodes[0].host}:${cluster.nodes[0].port}`;
      await clusterTool('rebalance', seed, '--cluster-use-empty-masters', '--cluster-yes');
      const fourth = await waitFor(
        () => client.health().nodes.find((n) => n.address.endsWith(`:${port}`) && n.role === 'master'),
        Boolean,
        30_000,
      );
      await sleep(500);
      const report = await load.stop();
      await load.verify();
      const served = (await commandCalls(cluster, port, 'set')) + (await commandCalls(cluster, port, 'get'));
      console.log(
        `add master + rebalance: ${JSON.stringify({ slots: slotCount(fourth?.slots), servedByNewMaster: served, errors: report.readErrorCount + report.writeErrorCount, lost: report.lost })}`,
      );
      expect(fourth).toBeDefined();
      expect(served).toBeGreaterThan(0);
      expect(summarize([...report.readErrors, ...report.writeErrors])).toBe('');
      expect(report.lost).toBe(0);
    } finally {
      // A failed wait must not leave the load running against a closed client.
      await load.stop();
      await client.close();
    }
  }, 180_000);
});
