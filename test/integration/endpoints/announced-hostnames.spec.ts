/**
 * A cluster that announces host names (cluster-announce-hostname node-P.<domain>, preferred endpoint
 * type `hostname`), TLS only, each node's certificate naming only its own host name (no IP SAN).
 * The names resolve only through the client's `lookup`, never /etc/hosts or DNS.
 */
import * as tls from 'node:tls';
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { hashSlot, SLOT_COUNT } from '../../../lib/core/slots/hash-slot';
import { ClusterConnectError } from '../../../lib/core/errors/cluster-connect-error';
import { ConnectionError } from '../../../lib/core/errors/connection-error';
import type { RedisClusterOptions } from '../../../lib/core/options/client-options';
import { lookupTo127, nodeHostname, startPrivateCluster, type PrivateCluster } from '../../helpers/cluster-env';
import { Load, sleep, summarize, waitFor } from '../../helpers/load';
import { uniquePrefix } from '../../helpers/node-probe';
import { rejection } from '../../helpers/rejection';
import { failoverOptions, masterServing, portOf, waitForNewMaster } from '../failover/failover-helpers';

const DOMAIN = 'slotline.test';
const NAME = /^node-\d+\.slotline\.test:\d+$/;
const prefix = uniquePrefix('hostnames');

let cluster: PrivateCluster;
const clients: RedisClusterClient[] = [];

beforeAll(async () => {
  cluster = await startPrivateCluster('hostnames', { hostnames: { domain: DOMAIN }, nodeTimeout: 1000 });
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await cluster?.stop();
}, 30_000);

/** Seeds by announced name only; the CA, the ACL user and `lookup`. */
function options(extra: Partial<RedisClusterOptions> = {}): RedisClusterOptions {
  const t = cluster.tls!;
  return {
    nodes: cluster.ports.slice(0, 2).map((port) => ({ host: nodeHostname(DOMAIN, port), port })),
    tls: { ca: t.ca },
    username: t.aclUser,
    password: t.aclPassword,
    ...extra,
  };
}

function client(extra: Partial<RedisClusterOptions> = {}): RedisClusterClient {
  const c = new RedisClusterClient(options(extra));
  clients.push(c);
  return c;
}

/** One key per hash slot, each prefixed so reruns never meet old data. */
function keyPerSlot(): string[] {
  const keys = new Array<string>(SLOT_COUNT);
  let found = 0;
  for (let i = 0; found < SLOT_COUNT; i++) {
    const key = `${prefix}:${i}`;
    const slot = hashSlot(key);
    if (keys[slot] === undefined) {
      keys[slot] = key;
      found++;
    }
  }
  return keys;
}

async function movedCount(port: number): Promise<number> {
  const match = /errorstat_MOVED:count=(\d+)/.exec(await cluster.cli(port, 'INFO', 'errorstats'));
  return match ? Number(match[1]) : 0;
}

describe('a cluster announcing host names, certificates naming only those hosts', () => {
  it('the fixture: a node presents a certificate for its own name only', async () => {
    const [a, b] = cluster.ports;
    const handshake = (servername: string): Promise<void> =>
      new Promise((resolve, reject) => {
        const s = tls.connect({ host: '127.0.0.1', port: a, ca: cluster.tls!.ca, servername }, () => {
          s.destroy();
          resolve();
        });
        s.once('error', reject);
      });
    await expect(handshake(nodeHostname(DOMAIN, a))).resolves.toBeUndefined();
    await expect(handshake(nodeHostname(DOMAIN, b))).rejects.toThrow(/altnames|Hostname/i);
    await expect(handshake('localhost')).rejects.toThrow(/altnames|Hostname/i);
  });

  it('connects through lookup only; every node is known and dialled by its announced name', async () => {
    const lookup = lookupTo127(DOMAIN);
    const c = client({ lookup });
    await c.connect();
    const addresses = c.health().nodes.map((n) => n.address);
    expect(addresses).toHaveLength(cluster.ports.length);
    for (const address of addresses) expect(address).toMatch(NAME);
    expect(addresses.map((a) => Number(a.slice(a.lastIndexOf(':') + 1))).sort()).toEqual([...cluster.ports].sort());
    // Every node was dialled by name (pool or heartbeat), so each name went through lookup.
    expect(new Set(lookup.calls)).toEqual(new Set(addresses.map((a) => a.slice(0, a.lastIndexOf(':')))));
  }, 30_000);

  it('SET then GET over all 16384 slots', async () => {
    const c = client({ lookup: lookupTo127(DOMAIN) });
    await c.connect();
    const keys = keyPerSlot();
    await Promise.all(keys.map((k, i) => c.set(k, String(i))));
    const values = await Promise.all(keys.map((k) => c.get(k)));
    expect(values).toEqual(keys.map((_, i) => String(i)));
  }, 60_000);

  it('a pipeline and an MGET across slots', async () => {
    const c = client({ lookup: lookupTo127(DOMAIN) });
    await c.connect();
    const keys = Array.from({ length: 60 }, (_, i) => `${prefix}:p:${i}`);
    expect(new Set(keys.map(hashSlot)).size).toBeGreaterThan(50);
    const p = c.pipeline();
    for (const [i, k] of keys.entries()) p.set(k, `v${i}`).get(k);
    expect(await p.exec()).toEqual(
      keys.flatMap((_, i) => [
        [null, 'OK'],
        [null, `v${i}`],
      ]),
    );
    expect(await c.mget(keys)).toEqual(keys.map((_, i) => `v${i}`));
  }, 30_000);

  it('a MOVED after CLUSTER FAILOVER names the promoted node by host name, and is followed', async () => {
    // No background refresh: the client learns the new master from the MOVED reply itself.
    const c = client({
      lookup: lookupTo127(DOMAIN),
      topologyRefreshInterval: 0,
      maxRetries: 30,
      minRetryBackoff: 20,
      maxRetryBackoff: 200,
    });
    await c.connect();
    const key = `${prefix}:moved`;
    const master = masterServing(c, hashSlot(key))!;
    const replica = c.health().nodes.find((n) => n.role === 'replica' && n.masterId === master.id)!;
    expect(replica.address).toMatch(NAME);
    const movedBefore = await movedCount(portOf(master));
    await cluster.cli(portOf(replica), 'CLUSTER', 'FAILOVER');
    await waitFor(
      () => cluster.cli(portOf(replica), 'ROLE'),
      (role) => role.startsWith('master'),
      15_000,
      50,
    );
    await waitFor(
      () => cluster.cli(portOf(master), 'ROLE'),
      (role) => role.startsWith('slave'),
      15_000,
      50,
    );
    await c.set(key, 'after-failover');
    expect(await c.get(key)).toBe('after-failover');
    expect(await movedCount(portOf(master))).toBeGreaterThan(movedBefore);
    await waitFor(
      () => masterServing(c, hashSlot(key))?.address,
      (a) => a === replica.address,
      10_000,
      20,
    );
  }, 60_000);

  it('without lookup the names do not resolve: a typed ConnectionError per seed, promptly, not a hang', async () => {
    const c = client({ dialTimeout: 5000 });
    const started = Date.now();
    const error = await rejection(c.connect());
    expect(error).toBeInstanceOf(ClusterConnectError);
    const causes = (error as ClusterConnectError).causes;
    expect(causes.length).toBeGreaterThan(0);
    for (const cause of causes) {
      expect(cause).toBeInstanceOf(ConnectionError);
      expect(cause.message).toMatch(/ENOTFOUND|EAI_AGAIN/);
    }
    expect(Date.now() - started).toBeLessThan(5000);
  }, 30_000);

  it('a transaction, pub/sub and a cluster-wide SCAN, all over announced names', async () => {
    const c = client({ lookup: lookupTo127(DOMAIN) });
    await c.connect();
    const tag = `{${prefix}:tx}`;
    const results = await c.multi().set(`${tag}:a`, '1').incr(`${tag}:a`).get(`${tag}:a`).exec();
    expect(results).toEqual([
      [null, 'OK'],
      [null, 2],
      [null, '2'],
    ]);
    const channel = `${prefix}:news`;
    // subscribe() resolves once the server confirmed it: one PUBLISH is then heard, whichever node
    // took it (its reply counts only that node's subscribers, so it is not what to wait on).
    const heard = new Promise<string>((resolve, reject) => {
      c.subscribe(channel, resolve)
        .then(() => c.publish(channel, 'hello'))
        .catch(reject);
    });
    expect(await heard).toBe('hello');
    const keys = Array.from({ length: 50 }, (_, i) => `${prefix}:scan:${i}`);
    await Promise.all(keys.map((k) => c.set(k, 'x')));
    const seen: string[] = [];
    for await (const key of c.scanIterator({ match: `${prefix}:scan:*` })) seen.push(key);
    expect(seen.sort()).toEqual([...keys].sort());
  }, 30_000);

  it('kill -9 of a master under load: zero errors, no lost write, the promoted replica known by its name', async () => {
    const c = client({ ...failoverOptions(cluster), ...options(), lookup: lookupTo127(DOMAIN) });
    await c.connect();
    const load = new Load(c, { workers: 16, readRatio: 0.5, prefix: `${prefix}:load` });
    try {
      load.start();
      await sleep(300);
      const victim = masterServing(c, 0)!;
      cluster.kill(portOf(victim));
      const promoted = await waitForNewMaster(c, 0, victim.address, 30_000);
      await sleep(500);
      const report = await load.stop();
      await load.verify();
      expect(promoted?.address).toMatch(NAME);
      expect(summarize([...report.readErrors, ...report.writeErrors])).toBe('');
      expect(report.lost).toBe(0);
      expect(report.writes).toBeGreaterThan(0);
    } finally {
      await load.stop();
    }
  }, 90_000);
});
