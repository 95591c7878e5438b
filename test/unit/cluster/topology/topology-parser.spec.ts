import { parseClusterShards, parseClusterSlots, type AddressResolver } from '../../../../lib/core/cluster/topology/topology-parser';
import { ProtocolError } from '../../../../lib/core/errors/protocol-error';
import type { RespMap, RespValue } from '../../../../lib/core/resp/types';

const identity: AddressResolver = (a) => a;
/** What ClusterState does for "?"/empty hosts: the node that was asked. */
/** The node the reply came from: an empty endpoint with nothing else known means "the host asked". */
const asked = { asked: { host: '127.0.0.9', port: 7000 } };

const MASTER_ID = 'a'.repeat(40);
const REPLICA_ID = 'b'.repeat(40);

/** One CLUSTER SHARDS node as RESP3 gives it (a map). */
function nodeMap(fields: Partial<Record<string, RespValue>>): RespMap {
  return { id: MASTER_ID, port: 7000, ip: '127.0.0.1', endpoint: '127.0.0.1', role: 'master', health: 'online', ...fields } as RespMap;
}

/** The same as RESP2 gives it: a flat [key, value, ...] array. */
function flat(map: RespMap): RespValue[] {
  return Object.entries(map).flatMap(([k, v]) => [k, v]);
}

function shardsReply(resp: 2 | 3): RespValue {
  const master = nodeMap({ 'tls-port': 8000 });
  const replica = nodeMap({ id: REPLICA_ID, port: 7001, 'tls-port': 8001, role: 'replica', health: 'loading' });
  if (resp === 3) return [{ slots: [0, 5460, 10000, 10001], nodes: [master, replica] } as RespMap];
  return [['slots', [0, 5460, 10000, 10001], 'nodes', [flat(master), flat(replica)]]];
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('parseClusterShards', () => {
  it.each([2, 3] as const)('reads a RESP%i reply into shards: master, replicas, slot ranges', (resp) => {
    const [shard, ...rest] = parseClusterShards(shardsReply(resp), identity, false);
    expect(rest).toEqual([]);
    expect(shard.slots).toEqual([
      [0, 5460],
      [10000, 10001],
    ]);
    expect(shard.master).toEqual({
      id: MASTER_ID,
      host: '127.0.0.1',
      port: 7000,
      address: '127.0.0.1:7000',
      role: 'master',
      health: 'online',
    });
    expect(shard.replicas).toEqual([
      { id: REPLICA_ID, host: '127.0.0.1', port: 7001, address: '127.0.0.1:7001', role: 'replica', health: 'loading' },
    ]);
  });

  it('RESP2 and RESP3 give the same shards', () => {
    expect(parseClusterShards(shardsReply(2), identity, false)).toEqual(parseClusterShards(shardsReply(3), identity, false));
  });

  it('with TLS uses tls-port, and falls back to it when there is no plain port', () => {
    const [shard] = parseClusterShards(shardsReply(3), identity, true);
    expect([shard.master.port, shard.replicas[0].port]).toEqual([8000, 8001]);
    const tlsOnly = [{ slots: [0, 1], nodes: [nodeMap({ port: undefined, 'tls-port': 8100 })] } as RespMap];
    expect(parseClusterShards(tlsOnly, identity, false)[0].master.port).toBe(8100);
  });

  it('prefers the endpoint to the ip; "?" with nothing else known is left out, an empty endpoint falls back to the ip', () => {
    const named = [{ slots: [0, 1], nodes: [nodeMap({ endpoint: 'redis-0.example', ip: '127.0.0.1' })] } as RespMap];
    expect(parseClusterShards(named, identity, false)[0].master.address).toBe('redis-0.example:7000');
    const unknown = [{ slots: [0, 1], nodes: [nodeMap({ endpoint: '?', ip: '' })] } as RespMap];
    expect(parseClusterShards(unknown, identity, false, asked)).toEqual([]);
    const noEndpoint = [{ slots: [0, 1], nodes: [nodeMap({ endpoint: '', ip: '127.0.0.2' })] } as RespMap];
    expect(parseClusterShards(noEndpoint, identity, false)[0].master.address).toBe('127.0.0.2:7000');
  });

  it('applies the resolver (addressMap) to every node', () => {
    const mapped: AddressResolver = (a) => ({ host: 'mapped', port: a.port + 100 });
    const [shard] = parseClusterShards(shardsReply(3), mapped, false);
    expect([shard.master.address, shard.replicas[0].address]).toEqual(['mapped:7100', 'mapped:7101']);
  });

  it('keeps a master with no slots (Topology makes it a member), and drops a shard with no master', () => {
    const reply = [
      { slots: [], nodes: [nodeMap({ port: 7005 })] },
      { slots: [0, 10], nodes: [nodeMap({ port: 7006, role: 'replica' })] },
    ] as RespMap[];
    const shards = parseClusterShards(reply, identity, false);
    expect(shards.map((s) => [s.master.port, s.slots])).toEqual([[7005, []]]);
  });

  it('reads Buffer fields as text', () => {
    const reply = [
      {
        slots: [0, 1],
        nodes: [nodeMap({ id: Buffer.from(MASTER_ID), endpoint: Buffer.from('127.0.0.1'), role: Buffer.from('master') })],
      } as RespMap,
    ];
    expect(parseClusterShards(reply, identity, false)[0].master).toMatchObject({
      id: MASTER_ID,
      address: '127.0.0.1:7000',
      role: 'master',
    });
  });

  it.each<[string, RespValue, string]>([
    ['a reply that is not an array', 'OK', 'not an array'],
    ['a shard that is neither map nor array', [42], 'neither a map nor a flat array'],
    ['nodes that are not an array', [{ slots: [0, 1], nodes: 'x' } as RespMap], 'nodes is not an array'],
    ['an odd slots list', [{ slots: [0, 1, 2], nodes: [] } as RespMap], 'odd length'],
    ['a slot beyond 16383', [{ slots: [0, 16384], nodes: [] } as RespMap], 'slot 16384 out of range'],
    ['a negative slot', [{ slots: [-1, 3], nodes: [] } as RespMap], 'out of range'],
    ['a port of 0', [{ slots: [0, 1], nodes: [nodeMap({ port: 0 })] } as RespMap], 'port 0 out of range'],
    ['a port that is not a number', [{ slots: [0, 1], nodes: [nodeMap({ port: 'abc' })] } as RespMap], 'port abc out of range'],
    ['a number in place of a node', [{ slots: [0, 1], nodes: [5] } as RespMap], 'neither a map nor a flat array'],
  ])('refuses %s with ProtocolError', (_, reply, message) => {
    const error = thrown(() => parseClusterShards(reply, identity, false));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.message).toContain(message);
  });
});

describe('parseClusterSlots', () => {
  const range = (start: number, end: number, ...nodes: RespValue[][]): RespValue[] => [start, end, ...nodes];

  it('groups ranges by master, keeps node ids, and lists each replica once', () => {
    const reply = [
      range(0, 100, ['127.0.0.1', 7000, MASTER_ID], ['127.0.0.1', 7001, REPLICA_ID]),
      range(200, 300, ['127.0.0.1', 7000, MASTER_ID], ['127.0.0.1', 7001, REPLICA_ID]),
      range(101, 199, ['127.0.0.1', 7002, 'c'.repeat(40)]),
    ];
    const shards = parseClusterSlots(reply, identity);
    expect(shards.map((s) => [s.master.address, s.slots, s.replicas.map((r) => r.address)])).toEqual([
      [
        '127.0.0.1:7000',
        [
          [0, 100],
          [200, 300],
        ],
        ['127.0.0.1:7001'],
      ],
      ['127.0.0.1:7002', [[101, 199]], []],
    ]);
    expect(shards[0].master).toMatchObject({ id: MASTER_ID, role: 'master', health: 'online' });
    expect(shards[0].replicas[0]).toMatchObject({ id: REPLICA_ID, role: 'replica' });
  });

  it('gives an empty id when an old server sends none, and an empty host is the host asked', () => {
    const [shard] = parseClusterSlots([range(0, 1, ['', 7000])], identity, asked);
    expect(shard.master).toMatchObject({ id: '', address: '127.0.0.9:7000' });
  });

  it('skips a range with no node', () => {
    expect(parseClusterSlots([[0, 1]], identity)).toEqual([]);
  });

  it.each<[string, RespValue, string]>([
    ['a reply that is not an array', null, 'not an array'],
    ['a range that is not an array', ['x'], 'slot range is not an array'],
    ['a node that is not an array', [[0, 1, 'x']], 'node is not an array'],
    ['a slot out of range', [[0, 20000, ['127.0.0.1', 7000]]], 'slot 20000 out of range'],
    ['a port out of range', [[0, 1, ['127.0.0.1', 70000]]], 'port 70000 out of range'],
  ])('refuses %s with ProtocolError', (_, reply, message) => {
    const error = thrown(() => parseClusterSlots(reply, identity));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.message).toContain(message);
  });
});
