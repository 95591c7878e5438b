/**
 * Pipelines: every queued command's `[error, reply]` comes back in its place, whichever master it
 * went to and whatever its neighbours did (a WRONGTYPE among writes and reads), typed-method
 * transforms included; 10,000 commands over all slots; commands on one key keep their order (not
 * yet when a node's pool holds several sockets: a known bug, marked failing); and a pipeline sent
 * while a slot is being migrated by hand (ASK, TRYAGAIN, then MOVED) still gives every command its
 * right result. The shared plain cluster under a prefix of this file's own; the migration on a
 * private 3-master cluster.
 */
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { hashSlot } from '../../../lib/core/slots/hash-slot';
import type { PipelineResult } from '../../../lib/core/cluster/batch/pipeline';
import { ReplyError } from '../../../lib/core/errors/reply-error';
import { plainCluster, startPrivateCluster, type PrivateCluster } from '../../helpers/cluster-env';
import { NodeProbes, errorStats, shardMasters, sleep, slotOwners, uniquePrefix, type ShardMaster } from '../../helpers/node-probe';
import { waitFor } from '../../helpers/load';
import { keyWhere } from './multi-key-helpers';

const prefix = uniquePrefix('pipe');
const written = new Set<string>();
const key = (name: string): string => {
  const k = `${prefix}${name}`;
  written.add(k);
  return k;
};

/** `[null, reply]` results as replies; an error result fails with the error's message. */
function replies(results: PipelineResult[]): unknown[] {
  return results.map(([error, reply], i) => {
    if (error !== null) throw new Error(`command ${i} failed: ${error.name}: ${error.message}`);
    return reply;
  });
}

describe('on the shared cluster', () => {
  let client: RedisClusterClient;
  /** One slot range start per master, from the client's own topology. */
  let masterSlots: [number, number][][];

  beforeAll(async () => {
    client = new RedisClusterClient({ nodes: plainCluster().nodes, clientName: 'pipeline-spec' });
    await client.connect();
    masterSlots = client
      .health()
      .nodes.filter((n) => n.role === 'master')
      .map((n) => n.slots);
  });

  afterAll(async () => {
    if (client?.status === 'ready' && written.size > 0) await client.del([...written]);
    await client?.close();
  });

  /** A key under `name` whose slot the `m`-th master serves. */
  const keyOnMaster = (m: number, name: string): string => {
    const k = keyWhere(`${prefix}${name}:m${m}:`, (slot) => masterSlots[m].some(([a, b]) => a <= slot && slot <= b));
    written.add(k);
    return k;
  };

  it('mixes reads, writes and failing commands over all three masters, each result in its place', async () => {
    expect(masterSlots).toHaveLength(3);
    const p = client.pipeline();
    /** What each queued command must come to: the error's code, or the reply. */
    const expected: Array<[code: string | null, reply: unknown]> = [];
    const want = (code: string | null, reply: unknown): void => void expected.push([code, reply]);
    for (let m = 0; m < 3; m++) {
      const str = keyOnMaster(m, 'str');
      const list = keyOnMaster(m, 'list');
      const counter = keyOnMaster(m, 'n');
      p.set(str, `s${m}`);
      want(null, 'OK');
      p.lpush(list, 'a', 'b');
      want(null, 2);
      p.incr(list); // on a list
      want('WRONGTYPE', null);
      p.get(str);
      want(null, `s${m}`);
      p.incr(str); // on a string that is not a number
      want('ERR', null);
      p.incrby(counter, 10);
      want(null, 10);
      p.get(list);
      want('WRONGTYPE', null);
      p.lrange(list, 0, -1);
      want(null, ['b', 'a']);
      p.call('NO-SUCH-COMMAND', str);
      want('ERR', null);
      p.incr(counter);
      want(null, 11);
      p.get(keyOnMaster(m, 'missing'));
      want(null, null);
    }
    const results = await p.exec();
    expect(p.length).toBe(0);
    expect(results).toHaveLength(expected.length);
    const seen = results.map(([error, reply]): [string | null, unknown] => [error === null ? null : (error as ReplyError).code, reply]);
    expect(seen).toEqual(expected);
    for (const [error] of results) if (error !== null) expect(error).toBeInstanceOf(ReplyError);
  });

  it('runs 10,000 commands over all slots, each GET seeing the command before it', async () => {
    const keys = Array.from({ length: 2500 }, (_, i) => key(`big:${i}`));
    // ~2,300 distinct slots on average; how many depends on the run's random prefix (1,978 seen once).
    expect(new Set(keys.map((k) => hashSlot(k))).size).toBeGreaterThan(1500);
    // This client's pools hold one socket per master here (nothing deeper than 64 was sent yet), so
    // per-key order holds; with several sockets it does not (see the failing test below).
    const p = client.pipeline();
    // Per key: SET, GET, INCR, GET; each GET must see what the command before it did.
    for (const [i, k] of keys.entries()) p.set(k, i).get(k).incr(k).get(k);
    expect(p.length).toBe(10_000);
    const started = performance.now();
    const results = replies(await p.exec());
    const ms = performance.now() - started;
    console.log(`pipeline spec: 10,000 commands in ${ms.toFixed(0)} ms`);
    const expected = keys.flatMap((_, i) => ['OK', String(i), i + 1, String(i + 1)]);
    const wrong = results.flatMap((r, j) => (r === expected[j] ? [] : [`#${j}: ${String(r)} != ${String(expected[j])}`]));
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('applies the typed methods’ reply transforms', async () => {
    const h = key('hash');
    const s = key('nx');
    const f = key('float');
    const bin = key('bin');
    const bytes = Buffer.from([0xff, 0x00, 0xfe]);
    const results = await client
      .pipeline()
      .hset(h, { a: '1', b: 'two' })
      .hgetall(h)
      .hgetall(key('no-hash'))
      .setnx(s, 'x')
      .setnx(s, 'y')
      .expire(s, 100)
      .expire(key('no-key'), 100)
      .incrbyfloat(f, 1.5)
      .hexists(h, 'a')
      .set(bin, bytes)
      .getBuffer(bin)
      .get(bin)
      .exec();
    const values = replies(results);
    expect(values.slice(0, 10)).toEqual([2, { a: '1', b: 'two' }, {}, true, false, true, false, 1.5, true, 'OK']);
    expect(Buffer.isBuffer(values[10]) && (values[10] as Buffer).equals(bytes)).toBe(true);
    expect(typeof values[11]).toBe('string');
  });

  it('an empty pipeline gives an empty list; a pipeline can be filled and run again', async () => {
    const p = client.pipeline();
    expect(await p.exec()).toEqual([]);
    const k = key('again');
    expect(replies(await p.set(k, 1).exec())).toEqual(['OK']);
    expect(replies(await p.get(k).exec())).toEqual(['1']);
  });
});

describe("order per key when a node's pool already holds several sockets (shared cluster)", () => {
  let client: RedisClusterClient;

  beforeAll(async () => {
    client = new RedisClusterClient({ nodes: plainCluster().nodes, clientName: 'pipeline-order-spec' });
    await client.connect();
    // One socket per master first; then a burst deeper than one socket's pipeline
    // (PIPELINE_DEPTH_PER_CONNECTION, 256) makes every master's pool dial a second shared one.
    const warm = Array.from({ length: 3000 }, (_, i) => `${prefix}warm:${i}`);
    await client.mget(warm);
    await Promise.all(warm.map((k) => client.get(k)));
    await waitFor(
      () => masterSockets(),
      (idle) => Math.min(...idle) > 1,
      3000,
      20,
    );
  });

  /** Idle shared sockets of each master's pool. */
  function masterSockets(): number[] {
    const stats = client.nodePoolStats();
    return client
      .health()
      .nodes.filter((n) => n.role === 'master')
      .map((n) => stats[n.address]?.idleConns ?? 0);
  }

  afterAll(() => client?.close());

  it("the warm-up left more than one socket in every master's pool", () => {
    const sockets = masterSockets();
    console.log(`pipeline spec: shared sockets per master after the warm-up: ${sockets.join(', ')}`);
    expect(Math.min(...sockets)).toBeGreaterThan(1);
  });

  // One synchronous run's commands to a node share a socket, so Redis runs them in queue order.
  it('600 INCRs of one key in one pipeline answer 1..600', async () => {
    const k = key('incr-order');
    const p = client.pipeline();
    for (let i = 0; i < 600; i++) p.incr(k);
    const results = replies(await p.exec());
    expect(results).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
  });
});

describe('while a slot migrates (private cluster)', () => {
  const KEYS = 40;
  let cluster: PrivateCluster | undefined;
  let probes: NodeProbes | undefined;
  let client: RedisClusterClient | undefined;

  afterAll(async () => {
    await client?.close();
    await probes?.close();
    await cluster?.stop();
  });

  it('completes with every command’s right result: ASK, TRYAGAIN and MOVED all handled', async () => {
    cluster = await startPrivateCluster('mk-pipeline', { masters: 3, replicas: 0 });
    probes = await NodeProbes.open(cluster.ports);
    const p = probes;
    const masters = await shardMasters(p.get(cluster.ports[0]));
    const owners = slotOwners(masters);
    const [source, target, third] = masters as [ShardMaster, ShardMaster, ShardMaster];
    let tag = 0;
    while (owners[hashSlot(`{mig${tag}}`)] !== source.port) tag++;
    const slot = hashSlot(`{mig${tag}}`);
    const keys = Array.from({ length: KEYS }, (_, i) => `{mig${tag}}:${i}`);
    const fresh = Array.from({ length: 10 }, (_, i) => `{mig${tag}}:new:${i}`);
    // Keys of the two other masters, pipelined with the migrating ones.
    const elsewhere = [target, third].map((m) => keyWhere('other:', (s) => owners[s] === m.port));

    // No periodic refresh, so only redirects teach the client; retries generous enough to wait out TRYAGAIN.
    // poolSize 1: one socket per node, so the redirected commands of a key keep their order (the
    // several-sockets ordering bug has its own test above); this test is about redirects.
    client = new RedisClusterClient({
      nodes: cluster.nodes,
      poolSize: 1,
      topologyRefreshInterval: 0,
      maxRetries: 100,
      minRetryBackoff: 5,
      maxRetryBackoff: 50,
    });
    const c = client;
    await c.connect();
    await c.mset(keys.flatMap((k, i) => [k, `init-${i}`]));
    await c.mset(elsewhere.flatMap((k) => [k, 'e']));
    const before = await errorStats(p.get(source.port));

    // Migration under way: the first half of the keys already on the target.
    await p.request(target.port, 'CLUSTER', 'SETSLOT', slot, 'IMPORTING', source.id);
    await p.request(source.port, 'CLUSTER', 'SETSLOT', slot, 'MIGRATING', target.id);
    const migrate = async (ks: string[]): Promise<void> => {
      for (const k of ks) expect(await p.request(source.port, 'MIGRATE', '127.0.0.1', target.port, k, 0, 5000)).toMatch(/^(OK|NOKEY)$/);
    };
    await migrate(keys.slice(0, KEYS / 2));

    // Pipeline 1: each key read, written, read back; new keys of the slot created; other masters too.
    const p1 = c.pipeline();
    const want1: unknown[] = [];
    keys.forEach((k, i) => {
      p1.get(k).set(k, `p1-${i}`).get(k);
      want1.push(`init-${i}`, 'OK', `p1-${i}`);
    });
    fresh.forEach((k, i) => {
      p1.set(k, `new-${i}`).incr(`{mig${tag}}:counter`);
      want1.push('OK', i + 1);
    });
    for (const k of elsewhere) {
      p1.get(k);
      want1.push('e');
    }
    expect(replies(await p1.exec())).toEqual(want1);

    // Pipeline 2, sent before the rest of the keys move: an MGET over a migrated and a not yet
    // migrated key gets TRYAGAIN until the migration ends; writes race the MIGRATEs key by key.
    const p2 = c.pipeline();
    const want2: unknown[] = [];
    p2.mget(keys[0], keys[KEYS - 1]);
    want2.push(['p1-0', `p1-${KEYS - 1}`]);
    for (let i = KEYS / 2; i < KEYS * 0.75; i++) {
      p2.get(keys[i]).set(keys[i], `p2-${i}`).get(keys[i]);
      want2.push(`p1-${i}`, 'OK', `p2-${i}`);
    }
    p2.get(fresh[0]);
    want2.push('new-0');
    const run2 = p2.exec();
    await sleep(30);
    await migrate(keys.slice(KEYS / 2));
    // Target first, so no node ever points back at the source once it has let go.
    for (const m of [target, source, third]) await p.request(m.port, 'CLUSTER', 'SETSLOT', slot, 'NODE', target.id);
    expect(replies(await run2)).toEqual(want2);

    // Pipeline 3, after the migration: every key read where it lives now.
    const p3 = c.pipeline();
    for (const k of keys) p3.get(k);
    const want3 = keys.map((_, i) => (i >= KEYS / 2 && i < KEYS * 0.75 ? `p2-${i}` : `p1-${i}`));
    expect(replies(await p3.exec())).toEqual(want3);

    // The servers say the redirects happened: the pipelines went through ASK and TRYAGAIN.
    const after = await errorStats(p.get(source.port));
    const delta = (code: string): number => (after[code] ?? 0) - (before[code] ?? 0);
    console.log(`pipeline spec, migration: source answered ASK ${delta('ASK')}, TRYAGAIN ${delta('TRYAGAIN')}, MOVED ${delta('MOVED')}`);
    expect(delta('ASK')).toBeGreaterThanOrEqual((KEYS / 2) * 3);
    expect(delta('TRYAGAIN')).toBeGreaterThan(0);
    expect(Number(await p.request(target.port, 'CLUSTER', 'COUNTKEYSINSLOT', slot))).toBe(KEYS + fresh.length + 1);
  }, 60_000);
});
