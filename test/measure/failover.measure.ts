/**
 * The failover measurement behind README's figures and issue 12's goal: kill -9 of a master under
 * steady load, several rounds, readOnly on and off, with the retry settings a careful user picks
 * (maxRetries 30, minRetryBackoff 50, maxRetryBackoff 500). Per round: when the cluster promoted
 * the replica (its own `ROLE`, polled on a raw socket) and our lag after it: the end of the last
 * command that failed or was slow (> SLOW_MS), counted from the promotion.
 * Run: `npm run measure:failover` (MEASURE_ROUNDS, MEASURE_NODE_TIMEOUT to change it).
 */
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { startPrivateCluster, type PrivateCluster } from '../helpers/cluster-env';
import { Load, sleep, waitFor, type FinishedOp } from '../helpers/load';
import { failoverOptions, masterServing, portOf, waitForNewMaster } from '../integration/failover/failover-helpers';
import { promotedAt } from './role-watch';

const ROUNDS = Number(process.env.MEASURE_ROUNDS ?? 6);
const NODE_TIMEOUT = Number(process.env.MEASURE_NODE_TIMEOUT ?? 2000);
/** Far above a command's latency under this load (1-3 ms), below any retry backoff worth noticing. */
const SLOW_MS = 20;
const RETRIES = { maxRetries: 30, minRetryBackoff: 50, maxRetryBackoff: 500 };

interface Round {
  readOnly: boolean;
  /** kill -9 until the replica answers ROLE master. */
  promotedMs: number;
  /** Promotion until the last failing or slow command ended (0: none ended after it). */
  lagMs: number;
  maxWriteMs: number;
  errors: number;
  ops: number;
}

async function oneRound(cluster: PrivateCluster, readOnly: boolean, slot: number): Promise<Round> {
  const client = new RedisClusterClient(failoverOptions(cluster, { readOnly, ...RETRIES }));
  await client.connect();
  const troubled: FinishedOp[] = [];
  const load = new Load(client, {
    workers: 32,
    readRatio: 0.5,
    onOp: (op) => (op.error !== undefined || op.end - op.start > SLOW_MS ? troubled.push(op) : undefined),
  });
  try {
    load.start();
    await sleep(1000);
    const victim = masterServing(client, slot)!;
    const replica = client.health().nodes.find((n) => n.role === 'replica' && n.masterId === victim.id)!;
    const killedAt = performance.now();
    troubled.length = 0;
    cluster.kill(portOf(victim));
    const [promoted] = await Promise.all([promotedAt(portOf(replica), 30_000), waitForNewMaster(client, slot, victim.address, 30_000)]);
    await sleep(1500);
    const report = await load.stop();
    await cluster.restart(portOf(victim));
    const allOk = () => Promise.all(cluster.ports.map((p) => cluster.cli(p, 'CLUSTER', 'INFO'))).catch(() => ['']);
    await waitFor(allOk, (infos) => infos.every((i) => i.includes('cluster_state:ok')), 30_000);
    const lastTrouble = Math.max(promoted, ...troubled.map((op) => op.end));
    if (process.env.MEASURE_DEBUG)
      console.log(
        troubled
          .filter((op) => op.end > promoted)
          .sort((a, b) => b.end - a.end)
          .slice(0, 8)
          .map((op) => `${op.kind} start ${Math.round(op.start - promoted)} end ${Math.round(op.end - promoted)} ${op.error?.name ?? ''}`)
          .join('\n'),
      );
    return {
      readOnly,
      promotedMs: Math.round(promoted - killedAt),
      lagMs: Math.round(lastTrouble - promoted),
      maxWriteMs: Math.round(report.maxWriteMs),
      errors: report.readErrorCount + report.writeErrorCount,
      ops: report.reads + report.writes,
    };
  } finally {
    await load.stop();
    await client.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

describe(`failover measurement (cluster-node-timeout ${NODE_TIMEOUT} ms, ${ROUNDS} rounds)`, () => {
  let cluster: PrivateCluster;
  beforeAll(async () => {
    cluster = await startPrivateCluster('measure', { nodeTimeout: NODE_TIMEOUT });
  }, 60_000);
  afterAll(() => cluster?.stop());

  it('kill -9 of a master under load: lag after the promotion', async () => {
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push(await oneRound(cluster, i % 2 === 0, [0, 8000, 16000][i % 3]));
    const lags = rounds.map((r) => r.lagMs);
    const lines = [
      `| round | readOnly | promoted after kill (ms) | our lag after promotion (ms) | longest write (ms) | errors surfaced | ops |`,
      `| --: | --- | --: | --: | --: | --: | --: |`,
      ...rounds.map((r, i) => `| ${i + 1} | ${r.readOnly} | ${r.promotedMs} | ${r.lagMs} | ${r.maxWriteMs} | ${r.errors} | ${r.ops} |`),
      ``,
      `lag after promotion: median ${median(lags)} ms, worst ${Math.max(...lags)} ms (retries ${JSON.stringify(RETRIES)})`,
    ];
    console.log(`cluster-node-timeout ${NODE_TIMEOUT} ms\n${lines.join('\n')}`);
    expect(rounds.every((r) => r.errors === 0)).toBe(true);
    expect(median(lags)).toBeLessThanOrEqual(50);
    expect(Math.max(...lags)).toBeLessThanOrEqual(100);
  }, 900_000);
});
