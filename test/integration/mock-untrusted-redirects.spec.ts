/**
 * Redirects are verified before they are trusted, against scripted mock nodes: a MOVED or ASK to an
 * address no topology lists reloads once and then fails typed, with that address never dialled (a
 * counting listener stands there); one the reloaded topology lists is followed. Transactions obey the
 * same rule.
 */
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { hashSlot } from '../../lib/core/slots/hash-slot';
import { UntrustedRedirectError } from '../../lib/core/errors/untrusted-redirect-error';
import type { RedisClusterOptions } from '../../lib/core/options/client-options';
import { AcceptCounter } from '../helpers/accept-counter';
import { MockCluster } from '../helpers/mock-cluster';
import { err, ok } from '../helpers/mock-node';
import { rejection } from '../helpers/rejection';

let mock: MockCluster | undefined;
let client: RedisClusterClient | undefined;
let evil: AcceptCounter | undefined;

/** Fast retries and no background traffic but the first heartbeat; a password, so a dial would carry it. */
const QUIET: Omit<RedisClusterOptions, 'nodes'> = {
  topologyRefreshInterval: 0,
  heartbeatInterval: 60_000,
  minRetryBackoff: 1,
  maxRetryBackoff: 10,
  password: 'not-for-strangers',
};

async function start(spares = 0): Promise<{ m: MockCluster; c: RedisClusterClient; e: AcceptCounter }> {
  const m = await MockCluster.start({ masters: 3, spares });
  const e = await AcceptCounter.start();
  const c = new RedisClusterClient({ nodes: [m.seeds[0]], ...QUIET });
  mock = m;
  evil = e;
  client = c;
  await c.connect();
  return { m, c, e };
}

afterEach(async () => {
  await client?.close();
  await mock?.stop();
  await evil?.close();
  client = undefined;
  mock = undefined;
  evil = undefined;
});

describe.each(['MOVED', 'ASK'] as const)('%s to an address the cluster does not announce', (kind) => {
  it('reloads the topology once, then fails typed: nothing is dialled there and no credentials leave', async () => {
    const { m, c, e } = await start();
    const [a] = m.nodes;
    const key = m.keyOn(a);
    const slot = hashSlot(key);
    m.script = (node, cmd) => (node === a && cmd[0] === 'GET' ? err(`${kind} ${slot} ${e.address}`) : undefined);
    const fetches = m.topologyFetches;

    const error = await rejection(c.get(key));
    expect(error).toBeInstanceOf(UntrustedRedirectError);
    expect(error).toMatchObject({ code: 'ERR_UNTRUSTED_REDIRECT', kind, slot, address: e.address });
    expect(error.message).toContain(`slot ${slot}`);
    expect(error.message).toContain(e.address);
    // The reload asked the cluster (whose answer does not list the address) before giving up.
    expect(m.topologyFetches).toBe(fetches + 1);
    expect(m.commands('GET', key).map((l) => l.node)).toEqual([a]);
    expect(e.accepts).toBe(0);
    expect(e.bytes).toBe(0);
    expect(Object.keys(c.nodePoolStats())).not.toContain(e.address);
    // The password did go where the cluster said: the nodes it announced.
    expect(m.log.some((l) => l.node === a && l.cmd.includes('not-for-strangers'))).toBe(true);
  });
});

describe('MOVED with an empty host ("the host you asked")', () => {
  it('is followed to a node of the topology on that host', async () => {
    const { m, c } = await start();
    const [a, b] = m.nodes;
    const key = m.keyOn(a);
    m.store(b).set(key, 'from-b');
    m.script = (node, cmd) => (node === a && cmd[0] === 'GET' ? err(`MOVED ${hashSlot(key)} :${b.port}`) : undefined);
    expect(await c.get(key)).toBe('from-b');
    expect(m.commands('GET', key).map((l) => l.node)).toEqual([a, b]);
  });

  it('to a port of that host the topology does not list, fails typed without dialling it', async () => {
    const { m, c, e } = await start();
    const [a] = m.nodes;
    const key = m.keyOn(a);
    m.script = (node, cmd) => (node === a && cmd[0] === 'GET' ? err(`MOVED ${hashSlot(key)} :${e.port}`) : undefined);
    expect(await rejection(c.get(key))).toMatchObject({ name: 'UntrustedRedirectError', address: e.address });
    expect(e.accepts).toBe(0);
  });
});

describe('MOVED inside MULTI to an address the cluster does not announce', () => {
  it('fails the transaction typed after one reload, without dialling the address', async () => {
    const { m, c, e } = await start();
    const [a] = m.nodes;
    const key = m.keyOn(a);
    const slot = hashSlot(key);
    m.script = (node, cmd) => {
      if (node !== a) return undefined;
      if (cmd[0] === 'MULTI') return ok();
      if (cmd[0] === 'SET') return err(`MOVED ${slot} ${e.address}`);
      if (cmd[0] === 'EXEC') return err('EXECABORT Transaction discarded because of previous errors.');
      return undefined;
    };
    const fetches = m.topologyFetches;

    const error = await rejection(c.multi().set(key, 'v').exec());
    expect(error).toBeInstanceOf(UntrustedRedirectError);
    expect(error).toMatchObject({ kind: 'MOVED', slot, address: e.address });
    expect(m.topologyFetches).toBe(fetches + 1);
    expect(e.accepts).toBe(0);
  });
});

describe('a redirect to a node the reloaded topology lists', () => {
  it('MOVED: reloads, finds the new node announced, and follows', async () => {
    const { m, c } = await start(1);
    const [a, , , d] = m.nodes;
    const key = m.keyOn(a);
    const slot = hashSlot(key);
    m.store(d).set(key, 'on-the-new-node');
    let movedAt = -1;
    m.script = (node, cmd) => {
      if (node !== a || cmd[0] !== 'GET') return undefined;
      // The slot has just moved to a node added to the cluster after our last topology fetch.
      m.moveSlot(slot, d);
      movedAt = m.log.length;
      return err(`MOVED ${slot} ${d.address}`);
    };
    expect(Object.keys(c.nodePoolStats())).not.toContain(d.address);
    const fetches = m.topologyFetches;

    expect(await c.get(key)).toBe('on-the-new-node');
    expect(m.commands('GET', key).map((l) => l.node)).toEqual([a, d]);
    expect(m.topologyFetches).toBe(fetches + 1);
    // The cluster was asked before the first command reached the new node.
    const after = m.log.slice(movedAt);
    const fetchAt = after.findIndex((l) => l.cmd[0] === 'CLUSTER');
    expect(fetchAt).toBeGreaterThanOrEqual(0);
    expect(after.findIndex((l) => l.node === d)).toBeGreaterThan(fetchAt);
  });

  it('ASK: reloads, finds the importing node announced, and sends ASKING + the command there', async () => {
    const { m, c } = await start(1);
    const [a, , , d] = m.nodes;
    const key = m.keyOn(a);
    const slot = hashSlot(key);
    m.store(d).set(key, 'imported');
    let asked = false;
    m.script = (node, cmd) => {
      if (node !== a || cmd[0] !== 'GET' || asked) return undefined;
      asked = true;
      // The new node already serves another slot, so the topology lists it; this slot is migrating.
      m.moveSlot(slot + 1, d);
      return err(`ASK ${slot} ${d.address}`);
    };

    expect(await c.get(key)).toBe('imported');
    const onD = m.log.filter((l) => l.node === d && (l.cmd[0] === 'ASKING' || l.cmd[0] === 'GET'));
    expect(onD.map((l) => l.cmd[0])).toEqual(['ASKING', 'GET']);
    expect(onD[0].conn).toBe(onD[1].conn);
  });
});
