import { Command } from '../../../lib/core/connection/command';
import { ClientClosedError } from '../../../lib/core/errors/client-closed-error';
import { ConnectionError } from '../../../lib/core/errors/connection-error';
import { PoolTimeoutError } from '../../../lib/core/errors/pool-timeout-error';
import { NodePool } from '../../../lib/core/pool/node-pool';
import { PIPELINE_DEPTH_PER_CONNECTION, type PoolOptions } from '../../../lib/core/pool/pool-options';
import type { RespValue } from '../../../lib/core/resp/types';
import { FakeDialer, fakeConfig, type FakeConnection } from '../../helpers/fake-connection';
import { rejection } from '../../helpers/rejection';

const ADDRESS = '127.0.0.1:7000';
const defaults: PoolOptions = { poolSize: 4, minIdleConns: 0, poolTimeout: 500, idleTimeout: 0, idleCheckFrequency: 100, maxConnAge: 0 };

/** Lets the promise callbacks and process.nextTick work queued so far run (dials resolving, sticky sockets reset). */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Outcome {
  error: Error | null;
  reply: RespValue;
}

function command(name: string, outcomes: Outcome[] = []): Command {
  return new Command([name], (error, reply) => outcomes.push({ error, reply }));
}

jest.setTimeout(5000);

describe('NodePool (fake dial, fake timers)', () => {
  let dialer: FakeDialer;
  let pool: NodePool;

  function makePool(options: Partial<PoolOptions> = {}): NodePool {
    pool = new NodePool(ADDRESS, fakeConfig(), { ...defaults, ...options, open: dialer.open });
    return pool;
  }

  /** The FakeConnection behind a Connection the pool handed out. */
  function fake(connection: unknown): FakeConnection {
    const found = dialer.connections.find((c) => c.asConnection() === connection);
    if (found === undefined) throw new Error('not a connection of this dialer');
    return found;
  }

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'queueMicrotask'] });
    dialer = new FakeDialer();
  });

  afterEach(async () => {
    dialer.mode = 'open';
    for (const d of dialer.dials.splice(0)) d.succeed();
    // graceMs 0 is a (fake) timer: run it, so no socket of one test outlives it.
    const closing = pool?.close(new ClientClosedError('pool'), 0);
    await jest.advanceTimersByTimeAsync(1);
    await closing;
    jest.useRealTimers();
  });

  describe('start()', () => {
    it('opens minIdleConns connections and resolves once they are up', async () => {
      makePool({ minIdleConns: 3 });
      await pool.start();
      expect(dialer.calls).toBe(3);
      expect(pool.stats()).toMatchObject({ totalConns: 3, idleConns: 3 });
    });

    it('rejects with the first dial error', async () => {
      dialer.mode = 'fail';
      makePool({ minIdleConns: 2 });
      expect(await rejection(pool.start())).toBe(dialer.failure);
    });
  });

  describe('send()', () => {
    it('pipelines one synchronous run on one socket, and dials another once that socket is PIPELINE_DEPTH deep', async () => {
      makePool({ minIdleConns: 1 });
      await pool.start();
      for (let i = 0; i <= PIPELINE_DEPTH_PER_CONNECTION; i++) pool.send(command('GET'));
      const [first] = dialer.connections;
      expect(first.inFlight).toBe(PIPELINE_DEPTH_PER_CONNECTION + 1);
      expect(dialer.calls).toBe(2); // the grown one
      await turn();
      pool.send(command('GET'));
      expect(dialer.connections[1].inFlight).toBe(1);
      expect(first.inFlight).toBe(PIPELINE_DEPTH_PER_CONNECTION + 1);
      expect(pool.stats()).toMatchObject({ hits: PIPELINE_DEPTH_PER_CONNECTION + 2, misses: 1, totalConns: 2 });
    });

    it('grows to poolSize and no further', async () => {
      makePool({ minIdleConns: 1, poolSize: 2 });
      await pool.start();
      for (let round = 0; round < 4; round++) {
        for (let i = 0; i <= PIPELINE_DEPTH_PER_CONNECTION; i++) pool.send(command('GET'));
        await turn();
      }
      expect(dialer.calls).toBe(2);
      expect(pool.stats().totalConns).toBe(2);
      // Full sockets still take work: the least busy one.
      const [a, b] = dialer.connections;
      expect(a.inFlight + b.inFlight).toBe(4 * (PIPELINE_DEPTH_PER_CONNECTION + 1));
    });

    it('queues commands while the first socket is dialled, then flushes them to it in order', async () => {
      dialer.mode = 'manual';
      makePool();
      const names = ['ASKING', 'GET', 'SET'];
      for (const name of names) pool.send(command(name));
      expect(dialer.dials).toHaveLength(1); // one dial serves them all
      dialer.dials[0].succeed();
      await turn();
      expect(dialer.connections[0].sent.map((c) => c.name)).toEqual(names);
    });

    it('fails the queued commands with the dial error, unwritten, when the dial fails', async () => {
      dialer.mode = 'manual';
      makePool();
      const outcomes: Outcome[] = [];
      pool.send(command('GET', outcomes));
      pool.send(command('GET', outcomes));
      const refused = new ConnectionError('connect ECONNREFUSED', ADDRESS, false);
      dialer.dials[0].fail(refused);
      await turn();
      expect(outcomes.map((o) => o.error)).toEqual([refused, refused]);
    });

    it('a dial under way is not cut short by poolTimeout', async () => {
      dialer.mode = 'manual';
      makePool({ poolTimeout: 100 });
      const outcomes: Outcome[] = [];
      pool.send(command('GET', outcomes));
      await jest.advanceTimersByTimeAsync(1000);
      expect(outcomes).toEqual([]);
      const connection = dialer.dials[0].succeed();
      await turn();
      connection.reply('v');
      expect(outcomes).toEqual([{ error: null, reply: 'v' }]);
    });

    it('fails a command with PoolTimeoutError after poolTimeout when every socket is checked out', async () => {
      makePool({ poolSize: 1, poolTimeout: 200 });
      await pool.acquire();
      const outcomes: Outcome[] = [];
      pool.send(command('GET', outcomes));
      await jest.advanceTimersByTimeAsync(199);
      expect(outcomes).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(outcomes).toHaveLength(1);
      expect(outcomes[0].error).toBeInstanceOf(PoolTimeoutError);
      expect(pool.stats().timeouts).toBe(1);
    });

    it('one synchronous run goes to one socket; the next run fills the first socket with room', async () => {
      makePool({ minIdleConns: 2 });
      await pool.start();
      const [a, b] = dialer.connections;
      b.send(command('BUSY')); // b is not idle: a is still the first with room
      for (let i = 0; i < 3; i++) pool.send(command('GET'));
      expect([a.sent.length, b.sent.length]).toEqual([3, 1]);
      await turn();
      pool.send(command('GET'));
      expect([a.sent.length, b.sent.length]).toEqual([4, 1]);
    });

    it('sendGroup keeps a group together on one socket', async () => {
      makePool({ minIdleConns: 2 });
      await pool.start();
      pool.sendGroup([command('MULTI'), command('INCR'), command('EXEC')]);
      const used = dialer.connections.filter((c) => c.sent.length > 0);
      expect(used).toHaveLength(1);
      expect(used[0].sent.map((c) => c.name)).toEqual(['MULTI', 'INCR', 'EXEC']);
    });
  });

  describe('acquire() / release()', () => {
    it('checks out an idle shared connection (a hit) and dials when none is idle (a miss)', async () => {
      makePool({ minIdleConns: 1 });
      await pool.start();
      const first = await pool.acquire();
      expect(first).toBe(dialer.connections[0].asConnection());
      expect(pool.stats()).toMatchObject({ hits: 1, misses: 0, totalConns: 1, idleConns: 0 });
      const second = await pool.acquire();
      expect(second).toBe(dialer.connections[1].asConnection());
      expect(pool.stats()).toMatchObject({ hits: 1, misses: 1, totalConns: 2 });
    });

    it('a checked-out connection carries no ordinary traffic until it is released', async () => {
      makePool({ minIdleConns: 1, poolSize: 2 });
      await pool.start();
      const held = await pool.acquire();
      pool.send(command('GET'));
      await turn();
      expect(fake(held).sent).toHaveLength(0);
      pool.release(held);
      await turn();
      pool.send(command('GET'));
      expect(fake(held).sent.length + dialer.connections[1].sent.length).toBe(2);
      expect(pool.stats().totalConns).toBe(2);
    });

    it('serves a waiter at poolSize with the next connection released', async () => {
      makePool({ poolSize: 1 });
      const held = await pool.acquire();
      const waiting = pool.acquire();
      pool.release(held);
      await expect(waiting).resolves.toBe(held);
      expect(pool.stats().timeouts).toBe(0);
    });

    it('fails a waiter with PoolTimeoutError after poolTimeout and counts it', async () => {
      makePool({ poolSize: 1, poolTimeout: 300 });
      await pool.acquire();
      const waiting = rejection(pool.acquire());
      await jest.advanceTimersByTimeAsync(300);
      const error = await waiting;
      expect(error).toBeInstanceOf(PoolTimeoutError);
      expect(error.message).toContain(ADDRESS);
      expect(pool.stats().timeouts).toBe(1);
    });

    it('at poolSize with several shared sockets, takes the quietest one out of rotation once it drains', async () => {
      makePool({ minIdleConns: 2, poolSize: 2 });
      await pool.start();
      const [a, b] = dialer.connections;
      a.send(command('GET'));
      a.send(command('GET'));
      b.send(command('GET'));
      const taken = pool.acquire();
      let resolved = false;
      void taken.then(() => (resolved = true));
      await turn();
      expect(resolved).toBe(false); // b still has a reply in flight
      b.reply('v');
      await expect(taken).resolves.toBe(b.asConnection());
    });

    it('release(connection, true) destroys it instead of sharing it', async () => {
      makePool();
      const held = await pool.acquire();
      pool.release(held, true);
      expect(fake(held).isOpen).toBe(false);
      expect(pool.stats().totalConns).toBe(0);
    });

    it('a closed connection released is dropped, not shared', async () => {
      makePool();
      const held = await pool.acquire();
      fake(held).destroy(new ConnectionError('reset', ADDRESS, true));
      pool.release(held);
      expect(pool.stats().totalConns).toBe(0);
    });
  });

  describe('reaping', () => {
    async function openShared(n: number): Promise<void> {
      const held = [];
      for (let i = 0; i < n; i++) held.push(await pool.acquire());
      for (const c of held) pool.release(c);
    }

    it('closes connections idle past idleTimeout, never below minIdleConns', async () => {
      makePool({ minIdleConns: 1, poolSize: 3, idleTimeout: 1000, idleCheckFrequency: 100 });
      await openShared(3);
      expect(pool.stats().totalConns).toBe(3);
      await jest.advanceTimersByTimeAsync(900);
      expect(dialer.live).toHaveLength(3);
      await jest.advanceTimersByTimeAsync(200);
      expect(dialer.live).toHaveLength(1);
      expect(pool.stats()).toMatchObject({ totalConns: 1, staleConns: 2 });
    });

    it('keeps a connection with a command in flight', async () => {
      makePool({ minIdleConns: 0, poolSize: 1, idleTimeout: 1000 });
      pool.send(command('BLPOP'));
      await turn();
      await jest.advanceTimersByTimeAsync(5000);
      expect(dialer.live).toHaveLength(1);
    });

    it('tops up to minIdleConns when a connection is lost', async () => {
      makePool({ minIdleConns: 2, idleCheckFrequency: 100 });
      await pool.start();
      dialer.connections[0].destroy(new ConnectionError('reset', ADDRESS, true));
      expect(pool.stats().totalConns).toBe(1);
      await jest.advanceTimersByTimeAsync(100);
      expect(dialer.calls).toBe(3);
      expect(pool.stats().totalConns).toBe(2);
    });

    it('retires a connection past maxConnAge only once its successor is up when minIdleConns needs it', async () => {
      dialer.mode = 'manual';
      makePool({ minIdleConns: 1, maxConnAge: 1000, idleCheckFrequency: 100 });
      const started = pool.start();
      dialer.dials[0].succeed();
      await started;
      const [old] = dialer.connections;
      await jest.advanceTimersByTimeAsync(1000);
      expect(dialer.dials).toHaveLength(2); // the successor is being dialled
      expect(old.retiring).toBe(true);
      expect(old.closeCalls).toBe(0); // still serving
      await jest.advanceTimersByTimeAsync(500);
      expect(dialer.dials).toHaveLength(2); // one successor, not one per tick
      expect(old.closeCalls).toBe(0); // the dial under way is no socket yet: old must stay
      const successor = dialer.dials[1].succeed();
      await turn();
      expect(old.isOpen).toBe(false);
      expect(successor.isOpen).toBe(true);
      expect(pool.stats()).toMatchObject({ totalConns: 1, staleConns: 1 });
      pool.send(command('GET'));
      expect(successor.sent).toHaveLength(1);
    });

    it('retires an aged connection the node can spare without a successor', async () => {
      makePool({ minIdleConns: 0, poolSize: 2, maxConnAge: 1000, idleCheckFrequency: 100 });
      await openShared(2);
      await jest.advanceTimersByTimeAsync(1100);
      expect(dialer.calls).toBe(2);
      expect(dialer.live).toHaveLength(0);
      expect(pool.stats().staleConns).toBe(2);
    });

    it('a retired connection is closed only after its in-flight replies', async () => {
      makePool({ minIdleConns: 0, maxConnAge: 1000, idleCheckFrequency: 100 });
      const outcomes: Outcome[] = [];
      pool.send(command('GET', outcomes));
      await turn();
      await jest.advanceTimersByTimeAsync(1100);
      const [c] = dialer.connections;
      expect(c.closeCalls).toBe(1);
      expect(c.isOpen).toBe(true);
      c.reply('v');
      await turn();
      expect(outcomes).toEqual([{ error: null, reply: 'v' }]);
      expect(c.isOpen).toBe(false);
    });
  });

  describe('close()', () => {
    it('fails waiting commands and checkout waiters with the given reason', async () => {
      makePool({ poolSize: 1 });
      await pool.acquire();
      const waiter = rejection(pool.acquire());
      const outcomes: Outcome[] = [];
      pool.send(command('GET', outcomes));
      const reason = new ConnectionError(`${ADDRESS} left the cluster topology`, ADDRESS, false);
      await pool.close(reason);
      expect(await waiter).toBe(reason);
      expect(outcomes.map((o) => o.error)).toEqual([reason]);
    });

    it('waits for in-flight replies, then closes every socket', async () => {
      makePool({ minIdleConns: 1 });
      await pool.start();
      const outcomes: Outcome[] = [];
      pool.send(command('GET', outcomes));
      let closed = false;
      const closing = pool.close().then(() => (closed = true));
      await turn();
      expect(closed).toBe(false);
      dialer.connections[0].reply('v');
      await closing;
      expect(outcomes).toEqual([{ error: null, reply: 'v' }]);
      expect(dialer.live).toHaveLength(0);
    });

    it('past graceMs fails what is still in flight and destroys the sockets', async () => {
      makePool({ minIdleConns: 1 });
      await pool.start();
      const outcomes: Outcome[] = [];
      pool.send(command('GET', outcomes));
      await turn();
      const closing = pool.close(new ClientClosedError('pool'), 250);
      await jest.advanceTimersByTimeAsync(250);
      await closing;
      expect(outcomes[0].error).toBeInstanceOf(ClientClosedError);
      expect(dialer.live).toHaveLength(0);
    });

    it('a dial that completes after close() never leaves a socket open', async () => {
      dialer.mode = 'manual';
      makePool();
      pool.send(command('GET'));
      const closing = pool.close();
      const late = dialer.dials[0].succeed();
      await closing;
      expect(late.isOpen).toBe(false);
    });

    it('after close() commands fail with ClientClosedError and acquire() rejects', async () => {
      makePool();
      await pool.close();
      const outcomes: Outcome[] = [];
      pool.send(command('GET', outcomes));
      expect(outcomes[0].error).toBeInstanceOf(ClientClosedError);
      expect(await rejection(pool.acquire())).toBeInstanceOf(ClientClosedError);
      expect(dialer.calls).toBe(0);
    });
  });

  it('reset() fails what is in flight on the shared sockets and the pool dials afresh', async () => {
    makePool({ minIdleConns: 1 });
    await pool.start();
    const outcomes: Outcome[] = [];
    pool.send(command('GET', outcomes));
    const error = new ConnectionError('stopped answering', ADDRESS, true);
    pool.reset(error);
    expect(outcomes.map((o) => o.error)).toEqual([error]);
    await turn();
    pool.send(command('GET'));
    expect(dialer.calls).toBe(2);
  });
});
