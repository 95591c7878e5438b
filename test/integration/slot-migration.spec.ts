/**
 * A slot moved by hand, key by key, while the client keeps reading and writing those very keys:
 * ASK is followed during the migration, MOVED after it, and the client's topology ends up routing
 * the slot to its new master. Runs on a private 3-master cluster (no replicas: faster to form).
 */
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { hashSlot } from '../../lib/core/slots/hash-slot';
import { startPrivateCluster, type PrivateCluster } from '../helpers/cluster-env';
import {
  NodeProbes,
  calls,
  commandStats,
  errorStats,
  pollUntil,
  shardMasters,
  sleep,
  slotOwners,
  type ShardMaster,
} from '../helpers/node-probe';

jest.setTimeout(60_000);

const KEYS_IN_SLOT = 40;
const WORKERS = 4;

let cluster: PrivateCluster | undefined;
let probes: NodeProbes | undefined;
let client: RedisClusterClient | undefined;

afterAll(async () => {
  await client?.close();
  await probes?.close();
  await cluster?.stop();
});

type Phase = 'before' | 'migrating' | 'moved';

/** Reads and writes the keys, each worker its own keys, checking every read sees its own last write. */
class Load {
  phase: Phase = 'before';
  readonly ops: Record<Phase, number> = { before: 0, migrating: 0, moved: 0 };
  readonly errors: string[] = [];
  /** Each key's last acknowledged value. */
  readonly last = new Map<string, string>();
  private running = true;
  private readonly done: Promise<void[]>;

  constructor(c: RedisClusterClient, keys: string[]) {
    this.done = Promise.all(
      Array.from({ length: WORKERS }, async (_, w) => {
        const mine = keys.filter((_, i) => i % WORKERS === w);
        for (let round = 0; this.running; round++) {
          const key = mine[round % mine.length];
          const value = `${w}:${round}`;
          try {
            await c.set(key, value);
            this.last.set(key, value);
            const read = await c.get(key);
            if (read !== value) this.errors.push(`${this.phase}: ${key} read ${String(read)}, wrote ${value}`);
            this.ops[this.phase]++;
          } catch (error) {
            this.errors.push(`${this.phase}: ${key}: ${(error as Error).name}: ${(error as Error).message}`);
          }
        }
      }),
    );
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.done;
  }
}

it('moves a slot under load: ASK during the migration, MOVED after, no error reaches the caller', async () => {
  cluster = await startPrivateCluster('slot-migration', { masters: 3, replicas: 0 });
  probes = await NodeProbes.open(cluster.ports);
  const p = probes;
  const masters = await shardMasters(p.get(cluster.ports[0]));
  const owners = slotOwners(masters);
  const [source, target] = masters as [ShardMaster, ShardMaster, ShardMaster];

  // A hash tag whose slot the source owns: every key of the test shares it.
  let tag = 0;
  while (owners[hashSlot(`{m${tag}}`)] !== source.port) tag++;
  const slot = hashSlot(`{m${tag}}`);
  const keys = Array.from({ length: KEYS_IN_SLOT }, (_, i) => `{m${tag}}:${i}`);

  // No periodic refresh: only the MOVED replies may teach the client the new owner.
  client = new RedisClusterClient({ nodes: cluster.nodes, topologyRefreshInterval: 0 });
  await client.connect();
  await client.mset(keys.flatMap((k) => [k, 'initial']));
  expect(Number(await p.request(source.port, 'CLUSTER', 'COUNTKEYSINSLOT', slot))).toBe(KEYS_IN_SLOT);

  const sourceErrorsBefore = await errorStats(p.get(source.port));
  const targetStatsBefore = await commandStats(p.get(target.port));
  const load = new Load(client, keys);
  // The load must have run before the migration starts, or "before" proves nothing.
  await pollUntil(
    () => load.ops.before,
    (n) => n > 0,
    5000,
  );

  // The migration, the way redis-cli --cluster reshard does it, one key at a time.
  load.phase = 'migrating';
  await p.request(target.port, 'CLUSTER', 'SETSLOT', slot, 'IMPORTING', source.id);
  await p.request(source.port, 'CLUSTER', 'SETSLOT', slot, 'MIGRATING', target.id);
  for (const key of keys) {
    expect(await p.request(source.port, 'MIGRATE', '127.0.0.1', target.port, key, 0, 5000)).toMatch(/^(OK|NOKEY)$/);
    await sleep(10);
  }
  expect(Number(await p.request(source.port, 'CLUSTER', 'COUNTKEYSINSLOT', slot))).toBe(0);
  expect(Number(await p.request(target.port, 'CLUSTER', 'COUNTKEYSINSLOT', slot))).toBe(KEYS_IN_SLOT);

  load.phase = 'moved';
  // Target first, so no node ever points back at the source once it has let go.
  for (const master of [target, source, ...masters.filter((m) => m !== source && m !== target)]) {
    await p.request(master.port, 'CLUSTER', 'SETSLOT', slot, 'NODE', target.id);
  }
  await sleep(300);
  await load.stop();

  expect(load.errors).toEqual([]);
  expect(load.ops.before).toBeGreaterThan(0);
  expect(load.ops.migrating).toBeGreaterThan(0);
  expect(load.ops.moved).toBeGreaterThan(0);

  // The servers saw the redirects the client followed.
  const sourceErrors = await errorStats(p.get(source.port));
  const targetStats = await commandStats(p.get(target.port));
  expect((sourceErrors.ASK ?? 0) - (sourceErrorsBefore.ASK ?? 0)).toBeGreaterThan(0);
  expect((sourceErrors.MOVED ?? 0) - (sourceErrorsBefore.MOVED ?? 0)).toBeGreaterThan(0);
  expect(calls(targetStats, 'asking') - calls(targetStatsBefore, 'asking')).toBeGreaterThan(0);

  // MOVED made the client reload: its topology now gives the slot to the target.
  const c = client;
  const servedBy = (): string[] =>
    c
      .health()
      .nodes.filter((n) => n.role === 'master' && n.slots.some(([a, b]) => a <= slot && slot <= b))
      .map((n) => n.address);
  expect(await pollUntil(servedBy, (a) => a[0] === `127.0.0.1:${target.port}`, 3000)).toEqual([`127.0.0.1:${target.port}`]);

  // ... and routes there directly: no more MOVED from the source, every GET runs on the target.
  const movedBefore = (await errorStats(p.get(source.port))).MOVED ?? 0;
  const getsBefore = calls(await commandStats(p.get(target.port)), 'get');
  const values = await Promise.all(keys.map((k) => c.get(k)));
  expect(values).toEqual(keys.map((k) => load.last.get(k) ?? 'initial'));
  expect((await errorStats(p.get(source.port))).MOVED ?? 0).toBe(movedBefore);
  expect(calls(await commandStats(p.get(target.port)), 'get') - getsBefore).toBe(KEYS_IN_SLOT);
});
