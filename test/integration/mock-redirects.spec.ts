/**
 * The redirect loop, pinned down against scripted mock nodes: exactly which commands each node sees
 * for MOVED, ASK, TRYAGAIN, CLUSTERDOWN, LOADING, too many redirects, and a connection that drops
 * after a command was written.
 */
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { hashSlot } from '../../lib/core/slots/hash-slot';
import { MaxRedirectsError } from '../../lib/core/errors/max-redirects-error';
import { MovedError } from '../../lib/core/errors/moved-error';
import { UnknownOutcomeError } from '../../lib/core/errors/unknown-outcome-error';
import type { RedisClusterOptions } from '../../lib/core/options/client-options';
import { MockCluster } from '../helpers/mock-cluster';
import { rejection } from '../helpers/rejection';
import { err, STALL } from '../helpers/mock-node';
import { pollUntil, sleep } from '../helpers/node-probe';

let mock: MockCluster | undefined;
let client: RedisClusterClient | undefined;

/** Fast retries and no background traffic but the first heartbeat, so the logs hold only what a test caused. */
const QUIET: Omit<RedisClusterOptions, 'nodes'> = {
  topologyRefreshInterval: 0,
  heartbeatInterval: 60_000,
  minRetryBackoff: 1,
  maxRetryBackoff: 10,
};

async function start(options: Omit<RedisClusterOptions, 'nodes'> = {}, shards = true): Promise<{ m: MockCluster; c: RedisClusterClient }> {
  const m = await MockCluster.start({ masters: 3, shards });
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

describe.each([
  ['CLUSTER SHARDS', true],
  ['CLUSTER SLOTS (a server without SHARDS)', false],
])('MOVED, topology from %s', (_, shards) => {
  it('is retried at once on the node named, and the topology is reloaded', async () => {
    const { m, c } = await start({}, shards);
    const [a, b] = m.nodes;
    const key = m.keyOn(a);
    const slot = hashSlot(key);
    m.store(b).set(key, 'from-b');
    // The slot moves to B; A still thinks of itself only as "not the owner".
    m.moveSlot(slot, b);
    m.script = (node, cmd) => (node === a && cmd[0] === 'GET' ? err(`MOVED ${slot} ${b.address}`) : undefined);
    const fetches = m.topologyFetches;

    expect(await c.get(key)).toBe('from-b');
    expect(m.commands('GET', key).map((l) => l.node)).toEqual([a, b]);
    // The reload is lazy: it follows shortly, not before the retry.
    expect(
      await pollUntil(
        () => m.topologyFetches,
        (n) => n > fetches,
        2000,
      ),
    ).toBe(fetches + 1);

    // Once reloaded, the key goes straight to B.
    await pollUntil(
      () =>
        c
          .health()
          .nodes.find((n) => n.address === b.address)
          ?.slots.some(([s, e]) => s <= slot && slot <= e),
      Boolean,
      2000,
    );
    expect(await c.get(key)).toBe('from-b');
    expect(m.commands('GET', key).map((l) => l.node)).toEqual([a, b, b]);
  });
});

describe('MOVED on a blocking call', () => {
  it('sends it to the new node on a socket of its own, so other traffic there is not stuck behind it', async () => {
    const { m, c } = await start();
    const [a, b] = m.nodes;
    const list = m.keyOn(a, 'list');
    const other = m.keyOn(b, 'other');
    m.store(b).set(other, 'free');
    m.script = (node, cmd) => {
      if (cmd[0] !== 'BLPOP') return undefined;
      // A says the list moved to B; B holds the BLPOP as a real node would until data arrives.
      return node === a ? err(`MOVED ${hashSlot(list)} ${b.address}`) : STALL;
    };
    const blocked = c.call('BLPOP', list, 0);
    await pollUntil(
      () => m.commands('BLPOP', list, b).length,
      (n) => n === 1,
      2000,
    );
    expect(await c.get(other)).toBe('free');
    const [blpop] = m.commands('BLPOP', list, b);
    const [get] = m.commands('GET', other, b);
    expect(get.conn).not.toBe(blpop.conn);
    await c.close();
    await expect(blocked).rejects.toThrow();
  });
});

describe('ASK', () => {
  it('sends ASKING then the command on one connection of the target, once, with no reload', async () => {
    const { m, c } = await start();
    const [a, b] = m.nodes;
    const key = m.keyOn(a);
    const slot = hashSlot(key);
    m.store(b).set(key, 'imported');
    let asked = false;
    m.script = (node, cmd, ctx) => {
      if (node === a && cmd[0] === 'GET' && !asked) {
        asked = true;
        return err(`ASK ${slot} ${b.address}`);
      }
      // An importing node serves the slot only right after ASKING on the same connection.
      if (node === b && cmd[0] === 'GET') {
        const previous = m.log.filter((l) => l.node === b && l.conn === ctx.id).slice(-2)[0];
        if (previous?.cmd[0] !== 'ASKING') return err(`MOVED ${slot} ${a.address}`);
      }
      return undefined;
    };
    const fetches = m.topologyFetches;

    expect(await c.get(key)).toBe('imported');
    const onB = m.log.filter((l) => l.node === b && (l.cmd[0] === 'ASKING' || l.cmd[0] === 'GET'));
    expect(onB.map((l) => l.cmd[0])).toEqual(['ASKING', 'GET']);
    expect(onB[0].conn).toBe(onB[1].conn);
    // No command slipped in between on that connection.
    const onConn = m.log.filter((l) => l.node === b && l.conn === onB[0].conn);
    expect(onConn.map((l) => l.cmd[0]).slice(-2)).toEqual(['ASKING', 'GET']);

    await sleep(250);
    expect(m.topologyFetches).toBe(fetches);
    // ASK is for one command: the next one goes to A again.
    m.store(a).set(key, 'still-on-a');
    expect(await c.get(key)).toBe('still-on-a');
    expect(m.commands('GET', key).map((l) => l.node)).toEqual([a, b, a]);
  });
});

describe('transient errors', () => {
  it('TRYAGAIN twice, then the answer: succeeds on the third try at the same node, no reload', async () => {
    const { m, c } = await start();
    const [a] = m.nodes;
    const key = m.keyOn(a);
    m.store(a).set(key, 'v');
    let refusals = 0;
    m.script = (node, cmd) =>
      node === a && cmd[0] === 'GET' && refusals++ < 2 ? err('TRYAGAIN Multiple keys request during rehashing of slot') : undefined;
    const fetches = m.topologyFetches;

    expect(await c.get(key)).toBe('v');
    expect(m.commands('GET', key).map((l) => l.node)).toEqual([a, a, a]);
    expect(m.topologyFetches).toBe(fetches);
  });

  it('TRYAGAIN beyond maxRetries: the caller gets the TRYAGAIN reply', async () => {
    const { m, c } = await start({ maxRetries: 2 });
    const [a] = m.nodes;
    const key = m.keyOn(a);
    m.script = (node, cmd) => (node === a && cmd[0] === 'GET' ? err('TRYAGAIN try again later') : undefined);
    const error = await rejection(c.get(key));
    expect(error).toMatchObject({ name: 'ReplyError', code: 'TRYAGAIN' });
    expect(m.commands('GET', key)).toHaveLength(3);
  });

  it('CLUSTERDOWN, then the answer: succeeds after reloading the topology', async () => {
    const { m, c } = await start();
    const [a] = m.nodes;
    const key = m.keyOn(a);
    m.store(a).set(key, 'up-again');
    let down = true;
    m.script = (node, cmd) => {
      if (node === a && cmd[0] === 'GET' && down) {
        down = false;
        return err('CLUSTERDOWN The cluster is down');
      }
      return undefined;
    };
    const fetches = m.topologyFetches;

    expect(await c.get(key)).toBe('up-again');
    expect(m.commands('GET', key)).toHaveLength(2);
    // The retry waited for a fresh topology: the fetch sits between the two GETs.
    const firstGet = m.log.indexOf(m.commands('GET', key)[0]);
    const secondGet = m.log.indexOf(m.commands('GET', key)[1]);
    const fetchAt = m.log.findIndex((l, i) => i > firstGet && l.cmd[0] === 'CLUSTER');
    expect(m.topologyFetches).toBeGreaterThan(fetches);
    expect(fetchAt).toBeGreaterThan(firstGet);
    expect(fetchAt).toBeLessThan(secondGet);
  });

  it('LOADING, then the answer: retried at the node and succeeds', async () => {
    const { m, c } = await start();
    const [a] = m.nodes;
    const key = m.keyOn(a);
    m.store(a).set(key, 'loaded');
    let loading = true;
    m.script = (node, cmd) => {
      if (node === a && cmd[0] === 'GET' && loading) {
        loading = false;
        return err('LOADING Redis is loading the dataset in memory');
      }
      return undefined;
    };
    expect(await c.get(key)).toBe('loaded');
    expect(m.commands('GET', key).map((l) => l.node)).toEqual([a, a]);
  });
});

describe('maxRedirects', () => {
  it('MOVED back and forth: gives up after maxRedirects with MaxRedirectsError', async () => {
    const { m, c } = await start({ maxRedirects: 3 });
    const [a, b] = m.nodes;
    const key = m.keyOn(a);
    const slot = hashSlot(key);
    m.script = (node, cmd) => {
      if (cmd[0] !== 'GET') return undefined;
      if (node === a) return err(`MOVED ${slot} ${b.address}`);
      if (node === b) return err(`MOVED ${slot} ${a.address}`);
      return undefined;
    };
    const error = await rejection(c.get(key));
    expect(error).toBeInstanceOf(MaxRedirectsError);
    expect((error as MaxRedirectsError).code).toBe('ERR_MAX_REDIRECTS');
    expect((error as MaxRedirectsError).cause).toBeInstanceOf(MovedError);
    // The first try plus three redirects followed; the fourth redirect is not.
    expect(m.commands('GET', key).map((l) => l.node)).toEqual([a, b, a, b]);
  });

  it('ASK loops count too', async () => {
    const { m, c } = await start({ maxRedirects: 2 });
    const [a, b] = m.nodes;
    const key = m.keyOn(a);
    const slot = hashSlot(key);
    m.script = (node, cmd) => (cmd[0] === 'GET' ? err(`ASK ${slot} ${(node === a ? b : a).address}`) : undefined);
    expect(await rejection(c.get(key))).toBeInstanceOf(MaxRedirectsError);
    expect(m.commands('GET', key)).toHaveLength(3);
  });
});

describe('a connection that drops after the command was written', () => {
  it('GET (safe to repeat) is retried on a new connection and succeeds', async () => {
    const { m, c } = await start();
    const [a] = m.nodes;
    const key = m.keyOn(a);
    m.store(a).set(key, 'survived');
    let dropped = false;
    m.script = (node, cmd, ctx) => {
      if (node === a && cmd[0] === 'GET' && !dropped) {
        dropped = true;
        ctx.close();
        return STALL;
      }
      return undefined;
    };
    expect(await c.get(key)).toBe('survived');
    const gets = m.commands('GET', key);
    expect(gets).toHaveLength(2);
    expect(gets[1].conn).not.toBe(gets[0].conn);
  });

  it('INCR (not safe to repeat) fails with UnknownOutcomeError and is sent once', async () => {
    const { m, c } = await start();
    const [a] = m.nodes;
    const key = m.keyOn(a);
    m.script = (node, cmd, ctx) => {
      if (node === a && cmd[0] === 'INCR') {
        ctx.close();
        return STALL;
      }
      return undefined;
    };
    const error = await rejection(c.incr(key));
    expect(error).toBeInstanceOf(UnknownOutcomeError);
    expect((error as UnknownOutcomeError).code).toBe('ERR_UNKNOWN_OUTCOME');
    expect((error as UnknownOutcomeError).address).toBe(a.address);
    expect((error as UnknownOutcomeError).message).toContain('INCR');
    expect(m.commands('INCR', key)).toHaveLength(1);

    // The client itself is fine: the next command goes out on a fresh connection.
    m.script = () => undefined;
    expect(await c.get(key)).toBeNull();
    const get = m.commands('GET', key)[0];
    expect(get.conn).not.toBe(m.commands('INCR', key)[0].conn);
  });
});
