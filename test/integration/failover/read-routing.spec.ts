import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { hashSlot } from '../../../lib/core/slots/hash-slot';
import type { RedisClusterOptions } from '../../../lib/core/options/client-options';
import { startPrivateCluster, type PrivateCluster } from '../../helpers/cluster-env';
import { sleep, waitFor } from '../../helpers/load';
import { commandCalls, failoverOptions, masterServing, portOf } from './failover-helpers';

/** GETs per node for `reads` reads of keys over all slots, counted by the servers themselves. */
async function readsPerNode(
  cluster: PrivateCluster,
  options: Partial<RedisClusterOptions>,
  reads = 3000,
): Promise<{ client: RedisClusterClient; perPort: Map<number, number> }> {
  for (const port of cluster.ports) await cluster.cli(port, 'CONFIG', 'RESETSTAT');
  const client = new RedisClusterClient(failoverOptions(cluster, options));
  await client.connect();
  for (let i = 0; i < reads; i += 100) await Promise.all(Array.from({ length: 100 }, (_, j) => client.get(`route:${i + j}`)));
  const perPort = new Map<number, number>();
  for (const port of cluster.ports) perPort.set(port, await commandCalls(cluster, port, 'get'));
  return { client, perPort };
}

describe('read routing, as the servers count it', () => {
  let cluster: PrivateCluster;
  let masters: number[];
  let replicas: number[];

  beforeAll(async () => {
    cluster = await startPrivateCluster('read-routing');
    const probe = new RedisClusterClient({ nodes: cluster.nodes });
    await probe.connect();
    masters = probe
      .health()
      .nodes.filter((n) => n.role === 'master')
      .map(portOf);
    replicas = probe
      .health()
      .nodes.filter((n) => n.role === 'replica')
      .map(portOf);
    await probe.close();
  }, 60_000);
  afterAll(() => cluster?.stop());

  const total = (perPort: Map<number, number>, ports: number[]) => ports.reduce((n, p) => n + (perPort.get(p) ?? 0), 0);

  it('readOnly off: masters serve every read', async () => {
    const { client, perPort } = await readsPerNode(cluster, {});
    await client.close();
    expect(total(perPort, masters)).toBe(3000);
    expect(total(perPort, replicas)).toBe(0);
  }, 30_000);

  it('readOnly on: replicas serve every read', async () => {
    const { client, perPort } = await readsPerNode(cluster, { readOnly: true });
    await client.close();
    expect(total(perPort, replicas)).toBe(3000);
    expect(total(perPort, masters)).toBe(0);
  }, 30_000);

  it('routeRandomly: reads spread over masters and replicas', async () => {
    const { client, perPort } = await readsPerNode(cluster, { routeRandomly: true });
    await client.close();
    for (const port of cluster.ports) expect(perPort.get(port)).toBeGreaterThan(100);
  }, 30_000);

  it('routeByLatency: reads move away from a node made slow', async () => {
    const options = { routeByLatency: true, heartbeatInterval: 50 };
    const slowClient = new RedisClusterClient({ nodes: cluster.nodes });
    await slowClient.connect();
    const probe = new RedisClusterClient(failoverOptions(cluster, options));
    await probe.connect();
    const master = masterServing(probe, 0)!;
    const slowNode = slowClient.nodes('master').find((n) => n.address === master.address)!;
    let slowing = true;
    // The master of slot 0 answers every PING late: it spends most of its time in DEBUG SLEEP. 50 ms
    // at a time, so its latency stands far above what a loaded machine does to a replica's (20 ms
    // sleeps let replica spikes under CI load win some beats).
    const slowdown = (async () => {
      while (slowing) await slowNode.call('DEBUG', 'SLEEP', '0.05').catch(() => undefined);
    })();
    try {
      await waitFor(
        () => probe.health().nodes.find((n) => n.address === master.address)?.latencyMs ?? 0,
        (ms) => ms > 15,
        5000,
        50,
      );
      for (const port of cluster.ports) await cluster.cli(port, 'CONFIG', 'RESETSTAT');
      const keys = Array.from({ length: 2000 }, (_, i) => `latency:${i}`).filter(
        (k) => masterServing(probe, hashSlot(k))?.address === master.address,
      );
      for (let i = 0; i < keys.length; i += 50) await Promise.all(keys.slice(i, i + 50).map((k) => probe.get(k)));
      const onMaster = await commandCalls(cluster, portOf(master), 'get');
      const replica = probe.health().nodes.find((n) => n.role === 'replica' && n.masterId === master.id)!;
      const onReplica = await commandCalls(cluster, portOf(replica), 'get');
      console.log(
        `routeByLatency with a slowed master: ${JSON.stringify({ onMaster, onReplica, masterLatencyMs: probe.health().nodes.find((n) => n.address === master.address)?.latencyMs })}`,
      );
      expect(onReplica).toBeGreaterThan(onMaster * 5);
    } finally {
      slowing = false;
      await slowdown;
      await sleep(50);
      await Promise.all([probe.close(), slowClient.close()]);
    }
  }, 30_000);
});
