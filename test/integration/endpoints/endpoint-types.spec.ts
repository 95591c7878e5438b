/**
 * The other two `cluster-preferred-endpoint-type`s of a host-name cluster, with certificates that
 * name only each node's host (no IP SAN):
 * - `ip`: the topology names IPs; the client dials them and verifies each node's announced host name
 *   (before, every command failed with TlsError once `ready`);
 * - `unknown-endpoint`: the endpoint is empty (CLUSTER SHARDS) or NULL (CLUSTER SLOTS); the announced
 *   host name is used, not the seed's address.
 */
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { hashSlot } from '../../../lib/core/slots/hash-slot';
import type { RedisClusterOptions } from '../../../lib/core/options/client-options';
import { lookupTo127, nodeHostname, startPrivateCluster, type EndpointType, type PrivateCluster } from '../../helpers/cluster-env';
import { uniquePrefix } from '../../helpers/node-probe';
import { masterServing, portOf } from '../failover/failover-helpers';

const DOMAIN = 'endpoints.test';
const prefix = uniquePrefix('endpoint-types');

function options(cluster: PrivateCluster, extra: Partial<RedisClusterOptions> = {}): RedisClusterOptions {
  const t = cluster.tls!;
  return {
    nodes: [{ host: nodeHostname(DOMAIN, cluster.ports[0]), port: cluster.ports[0] }],
    tls: { ca: t.ca },
    username: t.aclUser,
    password: t.aclPassword,
    lookup: lookupTo127(DOMAIN),
    ...extra,
  };
}

async function movedCount(cluster: PrivateCluster, port: number): Promise<number> {
  const match = /errorstat_MOVED:count=(\d+)/.exec(await cluster.cli(port, 'INFO', 'errorstats'));
  return match ? Number(match[1]) : 0;
}

/** Keys spread over every master, with their values. */
async function roundTrip(client: RedisClusterClient, tag: string): Promise<void> {
  const keys = Array.from({ length: 300 }, (_, i) => `${prefix}:${tag}:${i}`);
  const masters = new Set(keys.map((k) => masterServing(client, hashSlot(k))?.address));
  expect(masters.size).toBe(3);
  await Promise.all(keys.map((k, i) => client.set(k, String(i))));
  expect(await Promise.all(keys.map((k) => client.get(k)))).toEqual(keys.map((_, i) => String(i)));
  expect(await client.mget(keys.slice(0, 50))).toEqual(keys.slice(0, 50).map((_, i) => String(i)));
}

function describeType(
  endpointType: EndpointType,
  body: (env: { cluster: () => PrivateCluster; client: (extra?: Partial<RedisClusterOptions>) => Promise<RedisClusterClient> }) => void,
): void {
  describe(`preferred endpoint type ${endpointType}`, () => {
    let cluster: PrivateCluster;
    const clients: RedisClusterClient[] = [];
    beforeAll(async () => {
      cluster = await startPrivateCluster(`ep-${endpointType}`, { masters: 3, replicas: 0, hostnames: { domain: DOMAIN, endpointType } });
    }, 120_000);
    afterAll(async () => {
      await Promise.all(clients.map((c) => c.close()));
      await cluster?.stop();
    }, 30_000);
    body({
      cluster: () => cluster,
      client: async (extra = {}) => {
        const c = new RedisClusterClient(options(cluster, extra));
        clients.push(c);
        await c.connect();
        return c;
      },
    });
  });
}

describeType('ip', ({ cluster, client }) => {
  it('connects by IP and serves commands: each node verified against its announced host name', async () => {
    const c = await client();
    const addresses = c
      .health()
      .nodes.map((n) => n.address)
      .sort();
    expect(addresses).toEqual(
      cluster()
        .ports.map((p) => `127.0.0.1:${p}`)
        .sort(),
    );
    await roundTrip(c, 'ip');
  }, 60_000);
});

describeType('unknown-endpoint', ({ cluster, client }) => {
  it("uses the announced host names, never the seed's address, and serves commands", async () => {
    const c = await client();
    const addresses = c
      .health()
      .nodes.map((n) => n.address)
      .sort();
    expect(addresses).toEqual(
      cluster()
        .ports.map((p) => `${nodeHostname(DOMAIN, p)}:${p}`)
        .sort(),
    );
    await roundTrip(c, 'unknown');
  }, 60_000);

  it('a slot moved by hand: the MOVED (":port", no host) is followed', async () => {
    const c = await client({ topologyRefreshInterval: 0 });
    const key = `${prefix}:unknown:moved`;
    const slot = hashSlot(key);
    const from = masterServing(c, slot)!;
    const toPort = cluster().ports.find((p) => p !== portOf(from))!;
    const toId = (await cluster().cli(toPort, 'CLUSTER', 'MYID')).trim();
    expect(await cluster().cli(portOf(from), 'EXISTS', key)).toBe('0');
    // IMPORTING first: SETSLOT NODE on an importing target bumps its config epoch, so its claim wins
    // everywhere; a bare SETSLOT NODE can be undone by the old owner's gossip (then MOVED ping-pongs).
    await cluster().cli(toPort, 'CLUSTER', 'SETSLOT', String(slot), 'IMPORTING', from.id);
    await cluster().cli(portOf(from), 'CLUSTER', 'SETSLOT', String(slot), 'MIGRATING', toId);
    await cluster().cli(toPort, 'CLUSTER', 'SETSLOT', String(slot), 'NODE', toId);
    for (const port of cluster().ports.filter((p) => p !== toPort))
      await cluster().cli(port, 'CLUSTER', 'SETSLOT', String(slot), 'NODE', toId);
    const movedBefore = await movedCount(cluster(), portOf(from));
    await c.set(key, 'moved');
    expect(await c.get(key)).toBe('moved');
    expect(await movedCount(cluster(), portOf(from))).toBeGreaterThan(movedBefore);
    expect(await cluster().cli(toPort, 'GET', key)).toBe('moved');
  }, 60_000);
});
