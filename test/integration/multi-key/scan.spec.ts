/**
 * scanIterator() over 50,500 keys of a private cluster (3 masters + 3 replicas, node timeout 1 s):
 * every key exactly once on a stable cluster; MATCH / TYPE / COUNT passed through; nodes('master')
 * for per-node commands (DBSIZE per master sums to the total); and a failover in the middle of a
 * master's pass (CLUSTER FAILOVER, then kill -9) still returns every key.
 */
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { hashSlot } from '../../../lib/core/slots/hash-slot';
import { startPrivateCluster, type PrivateCluster } from '../../helpers/cluster-env';
import { NodeProbes, calls, commandStats, sleep } from '../../helpers/node-probe';
import { failoverOptions, masterServing, NODE_TIMEOUT, portOf, waitForNewMaster } from '../failover/failover-helpers';

const STRINGS = 50_000;
const HASHES = 300;
const LISTS = 200;
const strings = Array.from({ length: STRINGS }, (_, i) => `user:${i}`);
const hashes = Array.from({ length: HASHES }, (_, i) => `h:${i}`);
const lists = Array.from({ length: LISTS }, (_, i) => `l:${i}`);
const everyKey = [...strings, ...hashes, ...lists];

let cluster: PrivateCluster;
let probes: NodeProbes;
let client: RedisClusterClient;

beforeAll(async () => {
  cluster = await startPrivateCluster('mk-scan', { masters: 3, replicas: 1, nodeTimeout: NODE_TIMEOUT });
  probes = await NodeProbes.open(cluster.ports);
  client = new RedisClusterClient({ nodes: cluster.nodes, topologyRefreshInterval: 0 });
  await client.connect();
  const started = performance.now();
  for (let i = 0; i < STRINGS; i += 10_000) await client.mset(strings.slice(i, i + 10_000).flatMap((k) => [k, 'v']));
  const p = client.pipeline();
  for (const h of hashes) p.hset(h, 'f', 'v');
  for (const l of lists) p.rpush(l, 'a');
  expect((await p.exec()).filter(([error]) => error !== null)).toEqual([]);
  console.log(`scan spec: ${everyKey.length} keys written in ${(performance.now() - started).toFixed(0)} ms`);
}, 60_000);

afterAll(async () => {
  await client?.close();
  await probes?.close();
  await cluster?.stop();
});

async function collect(iterator: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const key of iterator) out.push(key);
  return out;
}

/** Keys seen more than once, and expected keys never seen. */
function audit(seen: readonly string[], expected: readonly string[]): { duplicates: string[]; missing: string[] } {
  const counts = new Map<string, number>();
  for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
  return {
    duplicates: [...counts].filter(([, n]) => n > 1).map(([k]) => k),
    missing: expected.filter((k) => !counts.has(k)),
  };
}

/** SCAN calls the masters ran, all together. */
async function scanCalls(): Promise<number> {
  const stats = await Promise.all(cluster.ports.map((p) => commandStats(probes.get(p))));
  return stats.reduce((sum, s) => sum + calls(s, 'scan'), 0);
}

describe('on a stable cluster', () => {
  it('returns every key exactly once', async () => {
    const started = performance.now();
    const seen = await collect(client.scanIterator());
    console.log(`scan spec: ${seen.length} keys scanned in ${(performance.now() - started).toFixed(0)} ms`);
    expect(seen).toHaveLength(everyKey.length);
    expect(audit(seen, everyKey)).toEqual({ duplicates: [], missing: [] });
  });

  it('passes MATCH and TYPE through', async () => {
    const ones = await collect(client.scanIterator({ match: 'user:1*' }));
    expect(ones.sort()).toEqual(strings.filter((k) => k.startsWith('user:1')).sort());
    expect((await collect(client.scanIterator({ type: 'hash' }))).sort()).toEqual([...hashes].sort());
    expect((await collect(client.scanIterator({ type: 'list', match: 'l:1*' }))).sort()).toEqual(
      lists.filter((k) => k.startsWith('l:1')).sort(),
    );
    expect(await collect(client.scanIterator({ match: 'no-such-key:*' }))).toEqual([]);
  });

  it('passes COUNT through: a bigger COUNT takes fewer SCAN calls for the same keys', async () => {
    const before = await scanCalls();
    const small = await collect(client.scanIterator({ count: 100 }));
    const middle = await scanCalls();
    const big = await collect(client.scanIterator({ count: 5000 }));
    const after = await scanCalls();
    console.log(`scan spec: SCAN calls for ${everyKey.length} keys: ${middle - before} with COUNT 100, ${after - middle} with COUNT 5000`);
    expect(small).toHaveLength(everyKey.length);
    expect(big).toHaveLength(everyKey.length);
    expect(middle - before).toBeGreaterThan(everyKey.length / 100 / 2);
    expect(after - middle).toBeLessThan(30);
  });

  it("nodes('master') gives per-node access: DBSIZE per master sums to the total", async () => {
    const masters = client.nodes('master');
    expect(masters).toHaveLength(3);
    expect(client.nodes('replica')).toHaveLength(3);
    expect(client.nodes('all')).toHaveLength(6);
    const sizes = await Promise.all(masters.map((m) => m.call('DBSIZE')));
    // Each handle ran on its own node: the same number the node itself gives.
    const direct = await Promise.all(masters.map((m) => probes.request(Number(m.address.split(':')[1]), 'DBSIZE')));
    expect(sizes).toEqual(direct);
    expect(sizes.every((n) => Number(n) > everyKey.length / 5)).toBe(true);
    expect(sizes.reduce<number>((sum, n) => sum + Number(n), 0)).toBe(everyKey.length);
    expect(await client.call('DBSIZE')).toBe(everyKey.length);
  });
});

/**
 * Iterates slowly; once `atKey` keys of one master's pass have been read, runs `fail(master)` and
 * goes on. Returns every key read.
 */
async function scanThroughFailover(c: RedisClusterClient, atKey: number, fail: (slot: number) => Promise<void>): Promise<string[]> {
  // slot -> master index, from one health snapshot taken before the scan (health() per key is slow).
  const owners = new Int8Array(16384).fill(-1);
  c.health()
    .nodes.filter((n) => n.role === 'master')
    .forEach((n, i) => n.slots.forEach(([a, b]) => owners.fill(i, a, b + 1)));
  const seen: string[] = [];
  let shard = -1;
  let inShard = 0;
  let failed = false;
  for await (const key of c.scanIterator({ count: 100 })) {
    seen.push(key);
    const owner = owners[hashSlot(key)];
    if (owner !== shard && !failed) [shard, inShard] = [owner, 0];
    if (++inShard === atKey && !failed) {
      failed = true;
      await fail(hashSlot(key));
    }
    if (seen.length % 250 === 0) await sleep(1);
  }
  expect(failed).toBe(true);
  return seen;
}

describe('a failover in the middle of a master’s pass', () => {
  // A cursor belongs to one process's hash table: on a new master the pass restarts from 0.
  it('CLUSTER FAILOVER of the master being scanned: every key still returned, none twice', async () => {
    const c = new RedisClusterClient(failoverOptions(cluster, { topologyRefreshInterval: 200 }));
    await c.connect();
    try {
      const seen = await scanThroughFailover(c, 5000, async (slot) => {
        const master = masterServing(c, slot);
        const replica = c.health().nodes.find((n) => n.role === 'replica' && n.masterId === master?.id);
        if (master === undefined || replica === undefined) throw new Error(`no master/replica for slot ${slot}`);
        await cluster.cli(portOf(replica), 'CLUSTER', 'FAILOVER');
        expect((await waitForNewMaster(c, slot, master.address))?.address).toBe(replica.address);
      });
      const { duplicates, missing } = audit(seen, everyKey);
      console.log(`scan spec, CLUSTER FAILOVER mid-pass: ${seen.length} keys read, ${missing.length} missing, ${duplicates.length} twice`);
      expect({ duplicates: duplicates.length, missing: missing.length }).toEqual({ duplicates: 0, missing: 0 });
    } finally {
      await c.close();
    }
  }, 30_000);

  it('kill -9 of the master being scanned: every key still returned, none twice', async () => {
    const c = new RedisClusterClient(failoverOptions(cluster, { topologyRefreshInterval: 200 }));
    await c.connect();
    try {
      const started = Date.now();
      const seen = await scanThroughFailover(c, 5000, async (slot) => {
        const master = masterServing(c, slot);
        if (master === undefined) throw new Error(`no master for slot ${slot}`);
        cluster.kill(portOf(master));
      });
      const { duplicates, missing } = audit(seen, everyKey);
      console.log(
        `scan spec, kill -9 mid-pass: ${seen.length} keys read in ${Date.now() - started} ms, ${missing.length} missing, ${duplicates.length} twice`,
      );
      expect({ duplicates: duplicates.length, missing: missing.length }).toEqual({ duplicates: 0, missing: 0 });
    } finally {
      await c.close();
    }
  }, 30_000);
});
