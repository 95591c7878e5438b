/**
 * The per-node pools against the shared plain cluster, counted from the servers' side with
 * CLIENT LIST (each client here has a CLIENT SETNAME of its own): minIdleConns opened at connect,
 * poolSize as the ceiling, idle reaping, maxConnAge retirement, poolTimeout for exclusive checkouts.
 *
 * The heartbeat's own socket (one per node) is named `<clientName>:heartbeat`, so CLIENT LIST tells
 * it apart from the pool's sockets.
 */
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { hashSlot } from '../../lib/core/slots/hash-slot';
import { PoolTimeoutError } from '../../lib/core/errors/pool-timeout-error';
import type { RedisClusterOptions } from '../../lib/core/options/client-options';
import { NodePool } from '../../lib/core/pool/node-pool';
import { plainCluster, type PlainCluster } from '../helpers/cluster-env';
import { NodeProbes, clientList, pollUntil, shardMasters, slotOwners, uniquePrefix, type ShardMaster } from '../helpers/node-probe';

let cluster: PlainCluster;
let probes: NodeProbes;
let masters: ShardMaster[];
let owners: Int32Array;
const prefix = uniquePrefix('pool');
let clients: RedisClusterClient[] = [];

beforeAll(async () => {
  cluster = plainCluster();
  probes = await NodeProbes.open(cluster.ports);
  masters = await shardMasters(probes.get(cluster.ports[0]));
  owners = slotOwners(masters);
});

afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  clients = [];
});

afterAll(async () => {
  await probes?.close();
});

let names = 0;
function uniqueName(): string {
  return `pool-spec-${process.pid}-${++names}-${Date.now().toString(36)}`;
}

async function connected(options: Omit<RedisClusterOptions, 'nodes'>): Promise<RedisClusterClient> {
  const client = new RedisClusterClient({ nodes: cluster.nodes, ...options });
  clients.push(client);
  await client.connect();
  return client;
}

interface Sockets {
  /** Pool sockets per port, in the order of cluster.ports. */
  pool: number[];
  /** Heartbeat sockets per port. */
  heartbeat: number[];
  /** `port/id` of each pool socket, all nodes together. */
  ids: Set<string>;
}

async function socketsNamed(name: string): Promise<Sockets> {
  const lists = await Promise.all(cluster.ports.map((p) => clientList(probes.get(p))));
  const pool = lists.map((list) => list.filter((c) => c.name === name));
  return {
    pool: pool.map((list) => list.length),
    heartbeat: lists.map((list) => list.filter((c) => c.name === `${name}:heartbeat`).length),
    ids: new Set(pool.flatMap((list, i) => list.map((c) => `${cluster.ports[i]}/${c.id}`))),
  };
}

/** Waits until the heartbeat has answered on every node (its socket is open and named). */
async function heartbeatSeen(client: RedisClusterClient): Promise<void> {
  const nodes = await pollUntil(
    () => client.health().nodes,
    (n) => n.length === 6 && n.every((x) => x.latencyMs !== null),
  );
  expect(nodes.every((x) => x.latencyMs !== null)).toBe(true);
}

/** `count` keys whose slots belong to the master on `port`. */
function keysOn(port: number, count: number, tag: string): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const key = `${prefix}${tag}:${i}`;
    if (owners[hashSlot(key)] === port) out.push(key);
  }
  return out;
}

const each = (n: number): number[] => cluster.ports.map(() => n);

describe('minIdleConns and poolSize', () => {
  it('poolSize 10 + minIdleConns 10: exactly 10 pool sockets on each of the 6 nodes, and never more', async () => {
    const name = uniqueName();
    const client = await connected({ poolSize: 10, minIdleConns: 10, clientName: name });
    await heartbeatSeen(client);

    const sockets = await socketsNamed(name);
    expect(sockets.pool).toEqual(each(10));
    // Besides the pool: the heartbeat's one socket per node, under a name of its own.
    expect(sockets.heartbeat).toEqual(each(1));

    const total = client.poolStats();
    expect(total.totalConns).toBe(60);
    expect(total.idleConns).toBe(60);
    const perNode = client.nodePoolStats();
    expect(Object.keys(perNode).sort()).toEqual(cluster.ports.map((p) => `127.0.0.1:${p}`).sort());
    expect(Object.values(perNode).map((s) => s.totalConns)).toEqual(each(10));

    // A flood of pipelined commands may fill every socket, never open an 11th.
    const keys = Array.from({ length: 20_000 }, (_, i) => `${prefix}flood:${i % 500}`);
    await Promise.all(keys.map((k) => client.get(k)));
    expect((await socketsNamed(name)).pool).toEqual(each(10));
    expect(client.poolStats().totalConns).toBe(60);
  });
});

describe('idle reaping', () => {
  it('shrinks a burst back to minIdleConns per node, counting the closed ones as stale', async () => {
    const name = uniqueName();
    const client = await connected({ poolSize: 10, minIdleConns: 1, idleTimeout: 200, idleCheckFrequency: 100, clientName: name });
    await heartbeatSeen(client);
    expect((await socketsNamed(name)).pool).toEqual(each(1));

    // Four blocking pops per master at once: each takes a socket of its own, so each master's
    // pool grows to four.
    const PER_MASTER = 4;
    const pops = masters.flatMap((m) => keysOn(m.port, PER_MASTER, `idle-${m.port}`).map((k) => client.call('BLPOP', k, '0.3')));
    const grown = await pollUntil(
      () => socketsNamed(name),
      (s) => masters.every((m) => s.pool[cluster.ports.indexOf(m.port)] === PER_MASTER),
    );
    for (const m of masters) expect(grown.pool[cluster.ports.indexOf(m.port)]).toBe(PER_MASTER);
    expect(await Promise.all(pops)).toEqual(pops.map(() => null));

    // Back to one per node, on the client's books and on the servers'.
    const stats = await pollUntil(
      () => client.poolStats(),
      (s) => s.totalConns === 6,
      5000,
    );
    expect(stats.totalConns).toBe(6);
    expect(stats.staleConns).toBeGreaterThanOrEqual(masters.length * (PER_MASTER - 1));
    const after = await pollUntil(
      () => socketsNamed(name),
      (s) => s.pool.every((n) => n === 1),
    );
    expect(after.pool).toEqual(each(1));
    expect(await client.get(`${prefix}after-reap`)).toBeNull();
  });
});

describe('maxConnAge', () => {
  it('retires old sockets while commands keep working; new sockets take their place', async () => {
    const name = uniqueName();
    const client = await connected({ poolSize: 4, minIdleConns: 2, maxConnAge: 300, idleCheckFrequency: 100, clientName: name });
    await heartbeatSeen(client);
    const first = await socketsNamed(name);
    expect(first.pool).toEqual(each(2));

    const keys = Array.from({ length: 60 }, (_, i) => `${prefix}age:${i}`);
    let rounds = 0;
    const until = Date.now() + 1200;
    while (Date.now() < until) {
      const replies = await Promise.all(keys.map((k, i) => (i % 2 === 0 ? client.set(k, String(rounds)) : client.get(k))));
      expect(replies.filter((r, i) => i % 2 === 0 && r !== 'OK')).toEqual([]);
      rounds++;
    }
    expect(rounds).toBeGreaterThan(5);
    expect(await client.mget(keys.filter((_, i) => i % 2 === 0))).toEqual(keys.filter((_, i) => i % 2 === 0).map(() => String(rounds - 1)));

    // Each node's minIdleConns sockets were retired at least twice over 1.2 s of 300 ms lives.
    expect(client.poolStats().staleConns).toBeGreaterThanOrEqual(6 * 2 * 2);
    const later = await socketsNamed(name);
    expect([...first.ids].filter((id) => later.ids.has(id))).toEqual([]);
    for (const n of later.pool) expect(n).toBeGreaterThanOrEqual(1);
    await client.del(keys);
  });
});

describe('poolTimeout', () => {
  const options = { poolSize: 1, minIdleConns: 0, poolTimeout: 200, idleTimeout: 0, idleCheckFrequency: 60_000, maxConnAge: 0 };
  let pool: NodePool | undefined;

  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('bounds a NodePool checkout when its only connection is taken (real node)', async () => {
    const port = masters[0].port;
    pool = new NodePool(
      `127.0.0.1:${port}`,
      {
        host: '127.0.0.1',
        port,
        tls: undefined,
        username: undefined,
        password: undefined,
        clientName: uniqueName(),
        protocol: 3,
        readOnly: false,
        dialTimeout: 2000,
        readTimeout: 2000,
        writeTimeout: 2000,
      },
      options,
    );
    const only = await pool.acquire();
    expect(await only.request(['PING'])).toBe('PONG');

    const started = Date.now();
    const second = await pool.acquire().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(second).toBeInstanceOf(PoolTimeoutError);
    expect((second as PoolTimeoutError).code).toBe('ERR_POOL_TIMEOUT');
    expect((second as PoolTimeoutError).address).toBe(`127.0.0.1:${port}`);
    // Not before poolTimeout (timers may fire a millisecond early on some platforms).
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(pool.stats()).toMatchObject({ timeouts: 1, totalConns: 1 });

    // Given back in time, the connection goes to the next waiter.
    const third = pool.acquire();
    setTimeout(() => pool?.release(only), 50);
    expect(await third).toBe(only);
    expect(pool.stats().timeouts).toBe(1);
    pool.release(only);
  });

  it('through the client: a blocking command waiting for a taken node socket fails with PoolTimeoutError', async () => {
    const client = await connected({ poolSize: 1, poolTimeout: 200, maxRetries: 0 });
    const [holder, waiter] = keysOn(masters[1].port, 2, 'pt');
    const address = `127.0.0.1:${masters[1].port}`;
    // The node's only socket is checked out by a pop that blocks for a second.
    const holding = client.call('BLPOP', holder, '1');
    await pollUntil(
      () => client.nodePoolStats()[address].idleConns,
      (n) => n === 0,
    );
    const error = await client.call('BLPOP', waiter, '1').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PoolTimeoutError);
    expect((error as PoolTimeoutError).address).toBe(address);
    expect(client.nodePoolStats()[address].timeouts).toBe(1);
    expect(await holding).toBeNull();
    // Free again: the same node serves the next command at once.
    expect(await client.get(waiter)).toBeNull();
  });
});
