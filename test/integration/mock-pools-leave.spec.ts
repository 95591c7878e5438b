/**
 * Pools follow the topology, against scripted mock nodes: a node that leaves the topology has its
 * pool and heartbeat socket closed at the reload that drops it, and a seed the cluster does not list
 * keeps no pool once the topology is loaded. "Closed" is checked on both sides: the client lists no
 * pool, and the node holds no connection from it.
 */
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import type { TopologyChange } from '../../lib/core/cluster/health/health-types';
import { hashSlot } from '../../lib/core/slots/hash-slot';
import { UnknownNodeError } from '../../lib/core/errors/unknown-node-error';
import { MockCluster } from '../helpers/mock-cluster';
import { err } from '../helpers/mock-node';
import { pollUntil } from '../helpers/node-probe';
import { rejection } from '../helpers/rejection';

let mock: MockCluster | undefined;
let client: RedisClusterClient | undefined;

afterEach(async () => {
  await client?.close();
  await mock?.stop();
  client = undefined;
  mock = undefined;
});

describe('a node that leaves the topology', () => {
  it('has its pool and heartbeat socket closed at the reload that drops it', async () => {
    const m = await MockCluster.start({ masters: 3 });
    mock = m;
    const [a, , c] = m.nodes;
    const cl = new RedisClusterClient({ nodes: [m.seeds[0]], heartbeatInterval: 60_000, topologyRefreshInterval: 0, minIdleConns: 1 });
    client = cl;
    const changes: TopologyChange[] = [];
    cl.on('topologyChange', (change) => changes.push(change));
    await cl.connect();
    const handleOfC = cl.nodes('master').find((n) => n.address === c.address);
    if (handleOfC === undefined) throw new Error(`no nodes() handle for ${c.address}`);
    expect(Object.keys(cl.nodePoolStats())).toContain(c.address);
    expect(c.connections).toBeGreaterThanOrEqual(2); // a pool socket and the heartbeat's

    // C's slots go to A, and C is forgotten: the next topology does not list it. A MOVED to A
    // (a known node) is how the client learns of it, through its lazy reload.
    const key = m.keyOn(c);
    m.ranges = m.ranges.map((r) => (r.master.port === c.port ? { ...r, master: a } : r));
    m.store(a).set(key, 'moved-to-a');
    m.script = (node, cmd) => (node === c && cmd[0] === 'GET' ? err(`MOVED ${hashSlot(key)} ${a.address}`) : undefined);
    expect(await cl.get(key)).toBe('moved-to-a');

    await pollUntil(
      () => changes.length,
      (n) => n > 0,
      3000,
    );
    expect(changes[0].removed).toEqual([c.address]);
    // Gone from the client at once, with the topology change.
    expect(Object.keys(cl.nodePoolStats())).not.toContain(c.address);
    // And from the node: every socket of the pool and the heartbeat is closed.
    expect(
      await pollUntil(
        () => c.connections,
        (n) => n === 0,
        3000,
      ),
    ).toBe(0);

    // A handle kept from before is not a way back in: the address is no longer vouched for.
    const pings = m.commands('PING', undefined, c).length;
    expect(await rejection(handleOfC.call('PING'))).toBeInstanceOf(UnknownNodeError);
    expect(m.commands('PING', undefined, c)).toHaveLength(pings);
    expect(c.connections).toBe(0);
  });
});

describe('a seed the cluster does not list', () => {
  it('keeps no pool once the topology is loaded', async () => {
    // The spare answers CLUSTER SHARDS like the others but serves no slot, so no topology lists it.
    const m = await MockCluster.start({ masters: 3, spares: 1 });
    mock = m;
    const seed = m.nodes[3];
    const cl = new RedisClusterClient({
      nodes: [{ host: seed.host, port: seed.port }],
      heartbeatInterval: 60_000,
      topologyRefreshInterval: 0,
    });
    client = cl;
    await cl.connect();

    expect(m.commands('CLUSTER', undefined, seed).length).toBeGreaterThan(0);
    expect(Object.keys(cl.nodePoolStats()).sort()).toEqual(
      m.nodes
        .slice(0, 3)
        .map((n) => n.address)
        .sort(),
    );
    expect(
      await pollUntil(
        () => seed.connections,
        (n) => n === 0,
        3000,
      ),
    ).toBe(0);
  });
});
