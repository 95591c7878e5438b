/**
 * The parser refuses a topology no Redis Cluster can have (over 1,000 nodes, over 16,384 slot ranges)
 * before anything is built from it; masters with no slot are members of the topology, never routed to.
 */
import {
  MAX_SLOT_RANGES,
  MAX_TOPOLOGY_NODES,
  parseClusterShards,
  parseClusterSlots,
} from '../../../../lib/core/cluster/topology/topology-parser';
import { Topology } from '../../../../lib/core/cluster/topology/topology';
import { TopologyTooLargeError } from '../../../../lib/core/errors/topology-too-large-error';
import type { RespValue } from '../../../../lib/core/resp/types';

const identity = (a: { host: string; port: number }): { host: string; port: number } => a;

function shardNode(port: number, role: 'master' | 'replica'): RespValue {
  return ['id', `id-${port}`, 'port', port, 'ip', '127.0.0.1', 'endpoint', '127.0.0.1', 'role', role, 'health', 'online'];
}

/** `count` shards of one master each, shard i serving slot i. */
function shards(count: number): RespValue {
  return Array.from({ length: count }, (_, i) => ['slots', [i, i], 'nodes', [shardNode(10_000 + i, 'master')]]);
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('topology size bounds', () => {
  it('are the documented Redis Cluster maximum (1,000 nodes) and one range per slot', () => {
    expect(MAX_TOPOLOGY_NODES).toBe(1000);
    expect(MAX_SLOT_RANGES).toBe(16384);
  });

  it('CLUSTER SHARDS: 1,000 nodes are accepted, 1,001 refused', () => {
    expect(parseClusterShards(shards(1000), identity, false)).toHaveLength(1000);
    const error = thrown(() => parseClusterShards(shards(1001), identity, false));
    expect(error).toBeInstanceOf(TopologyTooLargeError);
    expect(error).toMatchObject({ code: 'ERR_TOPOLOGY_TOO_LARGE', what: 'nodes', limit: 1000 });
  });

  it('CLUSTER SHARDS: nodes are counted across shards (replicas included)', () => {
    const reply = Array.from({ length: 2 }, (_, s) => [
      'slots',
      [s, s],
      'nodes',
      Array.from({ length: 501 }, (_, i) => shardNode(20_000 + s * 1000 + i, i === 0 ? 'master' : 'replica')),
    ]);
    expect(thrown(() => parseClusterShards(reply, identity, false))).toMatchObject({ what: 'nodes', count: 1002 });
  });

  it('CLUSTER SHARDS: more than 16,384 slot ranges in all are refused', () => {
    const pairs = Array.from({ length: 16385 }, (_, i) => [i % 16384, i % 16384]).flat();
    const reply = [['slots', pairs, 'nodes', [shardNode(7000, 'master')]]];
    expect(thrown(() => parseClusterShards(reply, identity, false))).toMatchObject({ what: 'slot ranges', limit: 16384 });
  });

  it('CLUSTER SLOTS: more than 16,384 ranges are refused before any is read', () => {
    const reply = Array.from({ length: 16385 }, () => 'not even a range');
    expect(thrown(() => parseClusterSlots(reply, identity))).toMatchObject({ what: 'slot ranges', count: 16385 });
  });

  it('CLUSTER SLOTS: more than 1,000 distinct nodes are refused; the same node over many ranges is one', () => {
    const many = Array.from({ length: 1001 }, (_, i) => [i, i, ['127.0.0.1', 10_000 + i, `id-${i}`]]);
    expect(thrown(() => parseClusterSlots(many, identity))).toMatchObject({ what: 'nodes', limit: 1000 });
    const one = Array.from({ length: 5000 }, (_, i) => [i, i, ['127.0.0.1', 7000, 'id']]);
    expect(parseClusterSlots(one, identity)[0].slots).toHaveLength(5000);
  });
});

describe('a master with no slot', () => {
  it('is a member of the topology (an ASK may name it) but is not routed to', () => {
    const reply = [...(shards(1) as RespValue[]), ['slots', [], 'nodes', [shardNode(7100, 'master'), shardNode(7101, 'replica')]]];
    const topology = new Topology(parseClusterShards(reply, identity, false));
    expect(topology.shards).toHaveLength(1);
    expect([...topology.nodes.keys()]).toEqual(['127.0.0.1:10000']);
    expect([...topology.members.keys()].sort()).toEqual(['127.0.0.1:10000', '127.0.0.1:7100', '127.0.0.1:7101']);
  });

  it('joining is a change of topology', () => {
    const before = new Topology(parseClusterShards(shards(1), identity, false));
    const after = new Topology(
      parseClusterShards([...(shards(1) as RespValue[]), ['slots', [], 'nodes', [shardNode(7200, 'master')]]], identity, false),
    );
    expect(before.sameAs(after)).toBe(false);
    expect(before.sameAs(new Topology(parseClusterShards(shards(1), identity, false)))).toBe(true);
  });
});
