/**
 * createScript(lua).run(keys, args) on a private cluster (3 masters + 3 replicas), counted by the
 * servers' own commandstats: each run goes to the master of its keys' slot; a node that lacks the
 * script answers NOSCRIPT and gets one EVAL, then EVALSHA again; a SCRIPT FLUSH on every node is
 * survived the same way; keys of two slots are refused before sending; a readOnly script
 * (EVALSHA_RO / EVAL_RO) runs on replicas when the client routes reads there.
 */
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { hashSlot } from '../../../lib/core/slots/hash-slot';
import { CrossSlotKeysError } from '../../../lib/core/errors/cross-slot-error';
import { startPrivateCluster, type PrivateCluster } from '../../helpers/cluster-env';
import { waitFor } from '../../helpers/load';
import { NodeProbes, calls, commandStats, shardMasters, slotOwners, type CommandStat } from '../../helpers/node-probe';
import { rejection, sorted, twoSlotKeys } from './multi-key-helpers';

const SCRIPT_COMMANDS = ['evalsha', 'eval', 'evalsha_ro', 'eval_ro'] as const;
type ScriptCommand = (typeof SCRIPT_COMMANDS)[number];

let cluster: PrivateCluster;
let probes: NodeProbes;
let client: RedisClusterClient;
let masterPorts: number[];
let replicaPorts: number[];
/** One hash tag per master, in masterPorts order: `{tag}` keys live on that master. */
let tags: string[];

beforeAll(async () => {
  cluster = await startPrivateCluster('mk-scripts', { masters: 3, replicas: 1 });
  probes = await NodeProbes.open(cluster.ports);
  const masters = await shardMasters(probes.get(cluster.ports[0]));
  const owners = slotOwners(masters);
  masterPorts = masters.map((m) => m.port);
  replicaPorts = cluster.ports.filter((p) => !masterPorts.includes(p));
  tags = masterPorts.map((port) => {
    let i = 0;
    while (owners[hashSlot(`{s${i}}`)] !== port) i++;
    return `{s${i}}`;
  });
  client = new RedisClusterClient({ nodes: cluster.nodes, topologyRefreshInterval: 0 });
  await client.connect();
}, 60_000);

afterAll(async () => {
  await client?.close();
  await probes?.close();
  await cluster?.stop();
});

/** Script command calls per port, for every node. */
async function scriptCalls(): Promise<Map<number, Record<ScriptCommand, number>>> {
  const all = await Promise.all(cluster.ports.map((p) => commandStats(probes.get(p))));
  return new Map(cluster.ports.map((p, i) => [p, countsOf(all[i])]));
}

function countsOf(stats: Record<string, CommandStat>): Record<ScriptCommand, number> {
  return Object.fromEntries(SCRIPT_COMMANDS.map((c) => [c, calls(stats, c)])) as Record<ScriptCommand, number>;
}

/** What ran where between two scriptCalls() snapshots; nodes and commands with no calls left out. */
function delta(
  before: Map<number, Record<ScriptCommand, number>>,
  after: Map<number, Record<ScriptCommand, number>>,
): Record<number, Partial<Record<ScriptCommand, number>>> {
  const out: Record<number, Partial<Record<ScriptCommand, number>>> = {};
  for (const [port, counts] of after) {
    for (const c of SCRIPT_COMMANDS) {
      const d = counts[c] - (before.get(port)?.[c] ?? 0);
      if (d !== 0) (out[port] ??= {})[c] = d;
    }
  }
  return out;
}

const SET_AND_INCR = "redis.call('SET', KEYS[1], ARGV[1]); return redis.call('INCR', KEYS[2])";

describe('a write script', () => {
  const script = (): ReturnType<RedisClusterClient['createScript']> => client.createScript(SET_AND_INCR);

  it('runs on the master of each run’s slot; the first run per node falls back to EVAL on NOSCRIPT, later runs are EVALSHA', async () => {
    const s = script();
    const before = await scriptCalls();
    const first = await Promise.all(tags.map((tag, i) => s.run([`${tag}:name`, `${tag}:n`], [`shard-${i}`])));
    expect(first).toEqual([1, 1, 1]);
    const afterFirst = await scriptCalls();
    // NOSCRIPT counts as a call of EVALSHA (failed), then EVAL loads and runs it.
    expect(delta(before, afterFirst)).toEqual(Object.fromEntries(masterPorts.map((p) => [p, { evalsha: 1, eval: 1 }])));

    const second = await Promise.all(tags.map((tag, i) => s.run([`${tag}:name`, `${tag}:n`], [`again-${i}`])));
    expect(second).toEqual([2, 2, 2]);
    expect(delta(afterFirst, await scriptCalls())).toEqual(Object.fromEntries(masterPorts.map((p) => [p, { evalsha: 1 }])));
    expect(await client.mget(tags.map((tag) => `${tag}:name`))).toEqual(['again-0', 'again-1', 'again-2']);
  });

  it('survives SCRIPT FLUSH on every node: one EVAL per master, then EVALSHA again', async () => {
    const s = script();
    await Promise.all(tags.map((tag) => s.run([`${tag}:name`, `${tag}:n`], ['warm'])));
    expect(await client.call('SCRIPT', 'FLUSH')).toBe('OK');
    const exists = await Promise.all(cluster.ports.map((p) => probes.request(p, 'SCRIPT', 'EXISTS', s.sha1)));
    expect(exists).toEqual(cluster.ports.map(() => [0]));

    const before = await scriptCalls();
    const counts = await Promise.all(tags.map((tag) => s.run([`${tag}:name`, `${tag}:n`], ['after-flush'])));
    const afterRun = await scriptCalls();
    expect(delta(before, afterRun)).toEqual(Object.fromEntries(masterPorts.map((p) => [p, { evalsha: 1, eval: 1 }])));
    await Promise.all(tags.map((tag) => s.run([`${tag}:name`, `${tag}:n`], ['cached'])));
    expect(delta(afterRun, await scriptCalls())).toEqual(Object.fromEntries(masterPorts.map((p) => [p, { evalsha: 1 }])));
    expect(counts.every((n) => typeof n === 'number' && n > 0)).toBe(true);
  });

  it('refuses keys of two slots with CrossSlotKeysError before anything is sent', async () => {
    const s = script();
    const { keys, slots } = twoSlotKeys('script-two-slots:');
    const before = await scriptCalls();
    const error = await rejection(s.run(keys, ['x']));
    expect(error).toBeInstanceOf(CrossSlotKeysError);
    expect((error as CrossSlotKeysError).command).toBe('EVALSHA');
    expect(sorted((error as CrossSlotKeysError).slots)).toEqual(slots);
    expect(delta(before, await scriptCalls())).toEqual({});
    expect(await client.exists(keys)).toBe(0);
  });
});

describe('a readOnly script (EVALSHA_RO)', () => {
  const GET = "return redis.call('GET', KEYS[1])";

  it('with readOnly routing runs on the replicas, the fallback EVAL_RO too; never on a master', async () => {
    const reader = new RedisClusterClient({ nodes: cluster.nodes, readOnly: true, topologyRefreshInterval: 0 });
    await reader.connect();
    try {
      const keys = tags.map((tag) => `${tag}:ro`);
      await client.mset(keys.flatMap((k, i) => [k, `ro-${i}`]));
      const s = reader.createScript(GET, { readOnly: true });
      const first = await scriptCalls();
      // Replication is asynchronous: wait until every replica has the values.
      const seen = await waitFor(
        () => Promise.all(keys.map((k) => s.run([k]))),
        (v) => v.every((x, i) => x === `ro-${i}`),
        5000,
        20,
      );
      expect(seen).toEqual(['ro-0', 'ro-1', 'ro-2']);
      // The replicas had never seen the script: NOSCRIPT, then EVAL_RO, both on the replica.
      const fallback = delta(first, await scriptCalls());
      expect(Object.keys(fallback).map(Number).sort()).toEqual(sorted(replicaPorts));
      for (const port of replicaPorts) {
        expect(fallback[port].eval_ro).toBe(1);
        expect(fallback[port].evalsha_ro).toBeGreaterThanOrEqual(1);
      }

      const before = await scriptCalls();
      for (let round = 0; round < 10; round++) expect(await Promise.all(keys.map((k) => s.run([k])))).toEqual(['ro-0', 'ro-1', 'ro-2']);
      const d = delta(before, await scriptCalls());
      expect(Object.keys(d).map(Number).sort()).toEqual(sorted(replicaPorts));
      for (const port of replicaPorts) expect(d[port]).toEqual({ evalsha_ro: 10 });

      // A write script from the same client still goes to the masters.
      const writeBefore = await scriptCalls();
      await reader.createScript(SET_AND_INCR).run([`${tags[0]}:name`, `${tags[0]}:n`], ['w']);
      const writeDelta = delta(writeBefore, await scriptCalls());
      expect(Object.keys(writeDelta).map(Number)).toEqual([masterPorts[0]]);
    } finally {
      await reader.close();
    }
  });

  it('without readOnly routing runs on the master', async () => {
    const s = client.createScript(GET, { readOnly: true });
    const key = `${tags[1]}:ro`;
    await s.run([key]);
    const before = await scriptCalls();
    expect(await s.run([key])).toBe('ro-1');
    expect(delta(before, await scriptCalls())).toEqual({ [masterPorts[1]]: { evalsha_ro: 1 } });
  });
});
