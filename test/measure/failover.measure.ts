/**
 * The longer failover measurement behind the figures in README: several kill -9 failovers of a
 * master under steady load, with readOnly on and off, at the node timeout DESIGN.md names.
 * Run: `npm run measure:failover` (MEASURE_ROUNDS, MEASURE_NODE_TIMEOUT to change it).
 */
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { startPrivateCluster, type PrivateCluster } from '../helpers/cluster-env';
import { Load, sleep, waitFor } from '../helpers/load';
import { failoverOptions, masterServing, portOf, waitForNewMaster } from '../integration/failover/failover-helpers';

const ROUNDS = Number(process.env.MEASURE_ROUNDS ?? 4);
const NODE_TIMEOUT = Number(process.env.MEASURE_NODE_TIMEOUT ?? 2000);

interface Round {
  readOnly: boolean;
  /** kill -9 until a node other than the victim reports itself master (the cluster's own failover). */
  promotedMs: number;
  /** kill -9 until the client routes the slot to the new master. */
  learnedMs: number;
  maxWriteMs: number;
  maxReadMs: number;
  errors: number;
  ops: number;
}

async function promotedAfter(cluster: PrivateCluster, replicaPort: number, since: number): Promise<number> {
  await waitFor(
    () => cluster.cli(replicaPort, 'ROLE').catch(() => ''),
    (role) => role.startsWith('master'),
    30_000,
    20,
  );
  return Date.now() - since;
}

async function oneRound(cluster: PrivateCluster, readOnly: boolean, slot: number): Promise<Round> {
  const client = new RedisClusterClient(failoverOptions(cluster, { readOnly }));
  await client.connect();
  try {
    const load = new Load(client, { workers: 32, readRatio: 0.5 }).start();
    await sleep(1000);
    const victim = masterServing(client, slot)!;
    const replica = client.health().nodes.find((n) => n.role === 'replica' && n.masterId === victim.id)!;
    const killedAt = Date.now();
    cluster.kill(portOf(victim));
    const [promotedMs] = await Promise.all([
      promotedAfter(cluster, portOf(replica), killedAt),
      waitForNewMaster(client, slot, victim.address, 30_000),
    ]);
    const learnedMs = Date.now() - killedAt;
    await sleep(1000);
    const report = await load.stop();
    await cluster.restart(portOf(victim));
    const allOk = () => Promise.all(cluster.ports.map((p) => cluster.cli(p, 'CLUSTER', 'INFO'))).catch(() => ['']);
    await waitFor(allOk, (infos) => infos.every((i) => i.includes('cluster_state:ok')), 30_000);
    return {
      readOnly,
      promotedMs,
      learnedMs,
      maxWriteMs: Math.round(report.maxWriteMs),
      maxReadMs: Math.round(report.maxReadMs),
      errors: report.readErrorCount + report.writeErrorCount,
      ops: report.reads + report.writes,
    };
  } finally {
    await client.close();
  }
}

describe(`failover measurement (cluster-node-timeout ${NODE_TIMEOUT} ms, ${ROUNDS} rounds)`, () => {
  let cluster: PrivateCluster;
  beforeAll(async () => {
    cluster = await startPrivateCluster('measure', { nodeTimeout: NODE_TIMEOUT });
  }, 60_000);
  afterAll(() => cluster?.stop());

  it('kill -9 of a master under load', async () => {
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push(await oneRound(cluster, i % 2 === 0, [0, 8000, 16000][i % 3]));
    const lines = [
      `| readOnly | promoted by the cluster (ms) | client routes to new master (ms) | longest write (ms) | longest read (ms) | errors surfaced | ops |`,
      `| --- | --- | --- | --- | --- | --- | --- |`,
      ...rounds.map(
        (r) => `| ${r.readOnly} | ${r.promotedMs} | ${r.learnedMs} | ${r.maxWriteMs} | ${r.maxReadMs} | ${r.errors} | ${r.ops} |`,
      ),
    ];
    console.log(`cluster-node-timeout ${NODE_TIMEOUT} ms\n${lines.join('\n')}`);
    expect(rounds.every((r) => r.errors === 0)).toBe(true);
  }, 600_000);
});
