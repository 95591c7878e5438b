/**
 * Transactions: multi() and watch() refuse keys of two slots before anything is sent; over one
 * slot ({hash tag}) MULTI ... EXEC is atomic against concurrent traffic, answers per command (a
 * WRONGTYPE in place, the rest applied), and watch() gives null when a watched key changed; the
 * WATCH connection goes back to the pool. Scripted mock nodes pin down what reaches the servers
 * and a transaction redirected mid-way (MOVED, ASK); the shared plain cluster proves the rest,
 * under a prefix of this file's own.
 */
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { hashSlot } from '../../../lib/core/slots/hash-slot';
import { CrossSlotKeysError } from '../../../lib/core/errors/cross-slot-error';
import { ReplyError } from '../../../lib/core/errors/reply-error';
import type { RedisClusterOptions } from '../../../lib/core/options/client-options';
import { plainCluster } from '../../helpers/cluster-env';
import { MockCluster } from '../../helpers/mock-cluster';
import { err } from '../../helpers/mock-node';
import { pollUntil, sleep, uniquePrefix } from '../../helpers/node-probe';
import { keyOn, transactions } from './mock-transactions';
import { rejection, sorted, twoSlotKeys } from './multi-key-helpers';

/** Fast retries and no background traffic after the first heartbeat: the mock logs hold what a test caused. */
const QUIET: Omit<RedisClusterOptions, 'nodes'> = {
  topologyRefreshInterval: 0,
  heartbeatInterval: 60_000,
  minRetryBackoff: 1,
  maxRetryBackoff: 10,
};

describe('against scripted mock nodes', () => {
  let mock: MockCluster | undefined;
  let client: RedisClusterClient | undefined;

  async function start(options: Omit<RedisClusterOptions, 'nodes'> = {}): Promise<{ m: MockCluster; c: RedisClusterClient }> {
    const m = await MockCluster.start({ masters: 3 });
    const c = new RedisClusterClient({ nodes: [m.seeds[0]], ...QUIET, ...options });
    mock = m;
    client = c;
    await c.connect();
    return { m, c };
  }

  afterEach(async () => {
    await client?.close();
    await mock?.stop();
    client = undefined;
    mock = undefined;
  });

  it('multi() and watch() over two slots are refused before any node sees a command', async () => {
    const { m, c } = await start();
    const {
      keys: [a, b],
      slots,
    } = twoSlotKeys('two-slots:');
    const logged = m.log.length;

    const multi = await rejection(c.multi().set(a, '1').incr(b).exec());
    expect(multi).toBeInstanceOf(CrossSlotKeysError);
    expect(sorted((multi as CrossSlotKeysError).slots)).toEqual(slots);
    const watch = await rejection(c.watch([a, b], async () => 'never'));
    expect(watch).toBeInstanceOf(CrossSlotKeysError);
    expect(sorted((watch as CrossSlotKeysError).slots)).toEqual(slots);

    await sleep(50);
    expect(m.log.slice(logged).map((l) => l.cmd[0])).toEqual([]);
    expect(m.commands('MULTI')).toEqual([]);
    expect(m.commands('WATCH')).toEqual([]);
  });

  it('MOVED on a queued command (EXECABORT): the whole transaction is sent again to the new owner, and succeeds', async () => {
    const { m, c } = await start();
    const [a, b] = m.nodes;
    const key = keyOn(m, a, 'moved');
    const slot = hashSlot(key);
    // The slot went to B; A still runs MULTI, refuses the commands with MOVED, and EXEC aborts.
    m.moveSlot(slot, b);
    m.script = transactions(m, (node) => (node === a ? err(`MOVED ${slot} ${b.address}`) : undefined));
    const fetches = m.topologyFetches;

    const results = await c.multi().set(key, '41').incr(key).get(key).exec();
    expect(results).toEqual([
      [null, 'OK'],
      [null, 42],
      [null, '42'],
    ]);
    const onA = m.log.filter((l) => l.node === a && ['MULTI', 'SET', 'INCR', 'GET', 'EXEC'].includes(l.cmd[0])).map((l) => l.cmd[0]);
    expect(onA).toEqual(['MULTI', 'SET', 'INCR', 'GET', 'EXEC']);
    // On B: the whole transaction, once, back to back on one connection.
    const onB = m.log.filter((l) => l.node === b && ['MULTI', 'SET', 'INCR', 'GET', 'EXEC'].includes(l.cmd[0]));
    expect(onB.map((l) => l.cmd[0])).toEqual(['MULTI', 'SET', 'INCR', 'GET', 'EXEC']);
    expect(new Set(onB.map((l) => l.conn)).size).toBe(1);
    expect(m.store(b).get(key)).toBe('42');
    expect(m.store(a).has(key)).toBe(false);
    // MOVED also made the client reload its topology (lazily: a moment later).
    expect(
      await pollUntil(
        () => m.topologyFetches,
        (n) => n > fetches,
        2000,
      ),
    ).toBeGreaterThan(fetches);
  });

  // ASKING right before MULTI holds for the whole MULTI ... EXEC on the importing node.
  it('ASK on a queued command: the transaction is sent to the importing node with ASKING before MULTI', async () => {
    const { m, c } = await start();
    const [a, b] = m.nodes;
    const key = keyOn(m, a, 'ask');
    const slot = hashSlot(key);
    m.store(b).set(key, '9');
    // A is migrating the slot and the key is gone: ASK. B serves it only after ASKING.
    m.script = transactions(m, (node, _cmd, asking) => {
      if (node === a) return err(`ASK ${slot} ${b.address}`);
      return asking ? undefined : err(`MOVED ${slot} ${a.address}`);
    });

    const results = await c.multi().incr(key).get(key).exec();
    expect(results).toEqual([
      [null, 10],
      [null, '10'],
    ]);
    const onB = m.log.filter((l) => l.node === b && ['ASKING', 'MULTI', 'INCR', 'GET', 'EXEC'].includes(l.cmd[0])).map((l) => l.cmd[0]);
    expect(onB).toEqual(['ASKING', 'MULTI', 'INCR', 'GET', 'EXEC']);
  });
});

describe('on the shared cluster, over one slot ({hash tag})', () => {
  const prefix = uniquePrefix('tx');
  const written = new Set<string>();
  const key = (name: string): string => {
    const k = `${prefix}{tx}:${name}`;
    written.add(k);
    return k;
  };
  let client: RedisClusterClient;

  /** Address of the master serving `k`'s slot, in the client's topology. */
  const ownerOf = (k: string): string => {
    const slot = hashSlot(k);
    const owner = client.health().nodes.find((n) => n.role === 'master' && n.slots.some(([x, y]) => x <= slot && slot <= y));
    if (owner === undefined) throw new Error(`no master serves slot ${slot}`);
    return owner.address;
  };

  beforeAll(async () => {
    client = new RedisClusterClient({ nodes: plainCluster().nodes, clientName: 'transactions-spec' });
    await client.connect();
  });

  afterAll(async () => {
    if (client?.status === 'ready' && written.size > 0) await client.del([...written]);
    await client?.close();
  });

  it('runs atomically: INCRs inside 20 transactions never interleave with 1,000 concurrent INCRs outside', async () => {
    const k = key('atomic');
    const TX = 20;
    const PER_TX = 25;
    const OUTSIDE = 1000;
    const outside = Array.from({ length: OUTSIDE }, () => client.incr(k));
    const inside = Array.from({ length: TX }, () => {
      const tx = client.multi();
      for (let i = 0; i < PER_TX; i++) tx.incr(k);
      return tx.exec();
    });
    const [plain, txs] = await Promise.all([Promise.all(outside), Promise.all(inside)]);

    const txValues = txs.map((results) => (results ?? []).map(([error, reply]) => (error === null ? Number(reply) : NaN)));
    for (const values of txValues) {
      expect(values).toHaveLength(PER_TX);
      // Atomic: one transaction's INCRs are consecutive, nothing ran between them.
      expect(values).toEqual(Array.from({ length: PER_TX }, (_, i) => values[0] + i));
    }
    const all = [...plain, ...txValues.flat()].sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: OUTSIDE + TX * PER_TX }, (_, i) => i + 1));
    expect(await client.get(k)).toBe(String(OUTSIDE + TX * PER_TX));
  });

  it('answers [error, reply] per command, typed transforms applied', async () => {
    const s = key('s');
    const h = key('h');
    const results = await client.multi().set(s, 'v').get(s).hset(h, { a: '1' }).hgetall(h).expire(s, 60).setnx(s, 'w').exec();
    expect(results).toEqual([
      [null, 'OK'],
      [null, 'v'],
      [null, 1],
      [null, { a: '1' }],
      [null, true],
      [null, false],
    ]);
  });

  it('a command failing inside (WRONGTYPE) is answered in place and the others apply', async () => {
    const list = key('list');
    const n = key('n');
    const results = await client.multi().lpush(list, 'x').incr(list).incr(n).lpush(list, 'y').get(list).incr(n).exec();
    expect(results).not.toBeNull();
    const shape = (results ?? []).map(([error, reply]) => (error === null ? reply : (error as ReplyError).code));
    expect(shape).toEqual([1, 'WRONGTYPE', 1, 2, 'WRONGTYPE', 2]);
    expect((results ?? [])[1][0]).toBeInstanceOf(ReplyError);
    expect(await client.lrange(list, 0, -1)).toEqual(['y', 'x']);
    expect(await client.get(n)).toBe('2');
  });

  it('a command refused while queueing (wrong arity) aborts the whole transaction: nothing applied', async () => {
    const k = key('aborted');
    const error = await rejection(client.multi().set(k, '1').call('GET', k, 'extra-arg').incr(k).exec());
    expect(error).toBeInstanceOf(ReplyError);
    expect(await client.exists(k)).toBe(0);
  });

  describe('watch()', () => {
    it('a change between WATCH and EXEC makes exec() resolve null, and nothing is applied', async () => {
      const k = key('w-conflict');
      const other = key('w-other');
      await client.set(k, '1');
      const outcome = await client.watch(k, async (session) => {
        const seen = Number(await session.get(k));
        // Another writer gets in between (the client's other sockets, not the watching one).
        await client.set(k, '100');
        return session
          .multi()
          .set(k, String(seen + 1))
          .set(other, 'written')
          .exec();
      });
      expect(outcome).toBeNull();
      expect(await client.mget(k, other)).toEqual(['100', null]);
    });

    it('no change: the transaction applies, results per command', async () => {
      const k = key('w-ok');
      await client.set(k, '1');
      const outcome = await client.watch([k], async (session) => {
        const seen = Number(await session.get(k));
        return session
          .multi()
          .set(k, String(seen + 1))
          .get(k)
          .exec();
      });
      expect(outcome).toEqual([
        [null, 'OK'],
        [null, '2'],
      ]);
      expect(await client.get(k)).toBe('2');
    });

    it('keys of two slots are refused with CrossSlotKeysError; so is a session read outside the watched slot', async () => {
      const {
        keys: [a, b],
        slots,
      } = twoSlotKeys(`${prefix}w-two:`);
      const error = await rejection(client.watch([a, b], async () => 'never'));
      expect(error).toBeInstanceOf(CrossSlotKeysError);
      expect(sorted((error as CrossSlotKeysError).slots)).toEqual(slots);
      const inside = await rejection(client.watch(a, (session) => session.get(b)));
      expect(inside).toBeInstanceOf(CrossSlotKeysError);
    });

    it('returns its connection to the pool: totalConns stays put over 50 sequential watch() calls; 50 concurrent ones stay within poolSize', async () => {
      const k = key('w-pool');
      await client.set(k, '0');
      const bump = (): Promise<unknown> =>
        client.watch(k, async (session) => {
          const seen = Number(await session.get(k));
          return session
            .multi()
            .set(k, String(seen + 1))
            .exec();
        });
      await bump();
      const before = client.poolStats().totalConns;
      for (let i = 0; i < 49; i++) await bump();
      expect(client.poolStats().totalConns).toBe(before);
      expect(await client.get(k)).toBe('50');

      // Concurrent: at most poolSize sockets to that node, every one back among the shared ones after.
      const outcomes = await Promise.all(Array.from({ length: 50 }, () => bump()));
      const applied = outcomes.filter((o) => o !== null).length;
      expect(Number(await client.get(k))).toBe(50 + applied);
      const stats = client.nodePoolStats()[ownerOf(k)];
      expect(stats.totalConns).toBeLessThanOrEqual(client.options.poolSize);
      expect(stats.idleConns).toBe(stats.totalConns);
      console.log(
        `transactions spec: ${before} sockets (all nodes) over 50 sequential watch() calls; 50 concurrent: ${applied} applied, ${stats.totalConns} sockets to the owner`,
      );
    });

    it('a callback that fails with a server error (WRONGTYPE) gives its socket back', async () => {
      const list = key('w-list');
      await client.lpush(list, 'x');
      const address = ownerOf(list);
      await client.watch(list, async () => 'warm');
      const before = client.nodePoolStats()[address];
      const error = await rejection(client.watch(list, (session) => session.incr(list)));
      expect((error as ReplyError).code).toBe('WRONGTYPE');
      const after = client.nodePoolStats()[address];
      expect(after.totalConns).toBe(before.totalConns);
      expect(after.idleConns).toBe(before.idleConns);
    });

    // Only a failed socket is discarded; after the callback's own error, UNWATCH makes it reusable.
    it('a callback that throws its own error gives its socket back too', async () => {
      const k = key('w-throws');
      const address = ownerOf(k);
      await client.watch(k, async () => 'warm');
      const before = client.nodePoolStats()[address];
      const error = await rejection(client.watch(k, async () => Promise.reject(new Error('balance too low'))));
      expect(error.message).toBe('balance too low');
      const after = client.nodePoolStats()[address];
      expect(after.totalConns).toBe(before.totalConns);
      expect(after.idleConns).toBe(before.idleConns);
    });
  });
});
