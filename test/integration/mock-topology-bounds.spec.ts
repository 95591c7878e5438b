/**
 * The topology size is bounded, against a scripted mock node announcing 2,000 nodes (Redis Cluster's
 * documented maximum is 1,000): refused before any pool or heartbeat exists for them. A first load
 * fails connect(); a reload keeps the previous topology. One of the 2,000 announced addresses is a
 * counting listener, which must see no connection.
 */
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { ClusterConnectError } from '../../lib/core/errors/cluster-connect-error';
import { TopologyTooLargeError } from '../../lib/core/errors/topology-too-large-error';
import { AcceptCounter } from '../helpers/accept-counter';
import { MockCluster } from '../helpers/mock-cluster';
import { clusterShardsReply, clusterSlotsReply, type MockSlotRange } from '../helpers/mock-node';
import { pollUntil } from '../helpers/node-probe';
import { rejection } from '../helpers/rejection';

const HUGE = 2000;

let mock: MockCluster | undefined;
let client: RedisClusterClient | undefined;
let counter: AcceptCounter | undefined;

afterEach(async () => {
  await client?.close();
  await mock?.stop();
  await counter?.close();
  client = undefined;
  mock = undefined;
  counter = undefined;
});

/** 2,000 masters of one slot each; the first is the counting listener, the rest ports nobody dials. */
function hugeRanges(first: AcceptCounter): MockSlotRange[] {
  return Array.from({ length: HUGE }, (_, i) => ({
    start: i,
    end: i,
    master: { host: '127.0.0.1', port: i === 0 ? first.port : 40_000 + i },
  }));
}

describe.each([
  ['CLUSTER SHARDS', true],
  ['CLUSTER SLOTS (a server without SHARDS)', false],
])('a 2,000-node topology from %s', (_, shards) => {
  async function setup(): Promise<{ m: MockCluster; e: AcceptCounter; huge: () => void }> {
    const m = await MockCluster.start({ masters: 3, shards });
    const e = await AcceptCounter.start();
    mock = m;
    counter = e;
    const reply = shards ? clusterShardsReply(hugeRanges(e)) : clusterSlotsReply(hugeRanges(e));
    const huge = (): void => {
      m.script = (_node, cmd) => (cmd[0] === 'CLUSTER' && /^(SHARDS|SLOTS)$/i.test(cmd[1] ?? '') ? reply : undefined);
    };
    return { m, e, huge };
  }

  it('fails the first load: connect() rejects, naming the bound, and nothing was dialled', async () => {
    const { m, e, huge } = await setup();
    huge();
    const c = new RedisClusterClient({ nodes: [m.seeds[0]], heartbeatInterval: 60_000, topologyRefreshInterval: 0 });
    client = c;

    const error = await rejection(c.connect());
    expect(error).toBeInstanceOf(ClusterConnectError);
    const cause = (error as ClusterConnectError).causes[0];
    expect(cause).toBeInstanceOf(TopologyTooLargeError);
    expect(cause).toMatchObject({ code: 'ERR_TOPOLOGY_TOO_LARGE', what: 'nodes', limit: 1000 });
    expect(error.message).toContain('at most 1000');
    expect(c.nodePoolStats()).toEqual({});
    expect(e.accepts).toBe(0);
  });

  it('is refused on reload: the previous topology, its pools and heartbeats stay, nothing new is dialled', async () => {
    const { m, e, huge } = await setup();
    const c = new RedisClusterClient({ nodes: [m.seeds[0]], heartbeatInterval: 60_000, topologyRefreshInterval: 50 });
    client = c;
    const errors: Error[] = [];
    c.on('error', (error) => errors.push(error));
    await c.connect();
    const before = Object.keys(c.nodePoolStats()).sort();
    expect(before).toEqual(m.nodes.map((n) => n.address).sort());
    const fetches = m.topologyFetches;

    huge();
    await pollUntil(
      () => errors.length,
      (n) => n >= 2,
      3000,
    );
    expect(m.topologyFetches).toBeGreaterThan(fetches);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    const refused = errors[0] as ClusterConnectError;
    expect(refused.causes.some((cause) => cause instanceof TopologyTooLargeError)).toBe(true);
    expect(Object.keys(c.nodePoolStats()).sort()).toEqual(before);
    expect(
      c
        .health()
        .nodes.map((n) => n.address)
        .sort(),
    ).toEqual(before);
    expect(e.accepts).toBe(0);
    // Still serving on the topology it had.
    const key = m.keyOn(m.nodes[1]);
    m.store(m.nodes[1]).set(key, 'still-here');
    expect(await c.get(key)).toBe('still-here');
  });
});
