/**
 * Endpoints as the cluster specification defines them, in CLUSTER SHARDS and CLUSTER SLOTS, RESP2
 * (flat arrays) and RESP3 (maps): the preferred endpoint, the announced host name and the IP;
 * `?` is unknown, NULL/empty fall back to the host asked only when nothing else is known; each node
 * carries the TLS name its certificate must have.
 */
// Routable IPs here are from 192.0.2.0/24 (TEST-NET-1, documentation only): parsed, never dialled.
import { TopologyLoader, type TopologySource } from '../../../../lib/core/cluster/topology/topology-loader';
import { parseClusterShards, parseClusterSlots, type ParseContext } from '../../../../lib/core/cluster/topology/topology-parser';
import type { RouterContext } from '../../../../lib/core/cluster/routing/command-router';
import { Topology, type ClusterNode } from '../../../../lib/core/cluster/topology/topology';
import { redirectAddress } from '../../../../lib/core/cluster/topology/trusted-redirect';
import { MovedError } from '../../../../lib/core/errors/moved-error';
import * as slotline from '../../../../lib/client';
import { UnknownEndpointError } from '../../../../lib/core/errors/unknown-endpoint-error';
import type { NodeAddress } from '../../../../lib/core/options/client-options';
import type { RespMap, RespValue } from '../../../../lib/core/resp/types';

const identity = (a: NodeAddress): NodeAddress => a;
const SEED: NodeAddress = { host: 'clustercfg.example.test', port: 6379 };
const ID = 'a'.repeat(40);

type Resp = 2 | 3;
/** A map as the server sends it: a RESP3 map, or RESP2's flat [key, value, ...] array. */
function map(resp: Resp, fields: Record<string, RespValue>): RespValue {
  return resp === 3 ? (fields as RespMap) : Object.entries(fields).flat();
}

interface NodeFields {
  endpoint?: string;
  hostname?: string;
  ip?: string;
  port?: number;
}

function shardsReply(resp: Resp, master: NodeFields, replica?: NodeFields): RespValue {
  const node = (f: NodeFields, role: string, id: string): RespValue =>
    map(resp, {
      id,
      port: f.port ?? 7000,
      ...(f.ip !== undefined ? { ip: f.ip } : {}),
      ...(f.endpoint !== undefined ? { endpoint: f.endpoint } : {}),
      ...(f.hostname !== undefined ? { hostname: f.hostname } : {}),
      role,
      'replication-offset': 1,
      health: 'online',
    });
  const nodes = [node(master, 'master', ID), ...(replica ? [node(replica, 'replica', 'b'.repeat(40))] : [])];
  return [map(resp, { slots: [0, 16383], nodes })];
}

/** [start, end, [endpoint, port, id, metadata]...]; `endpoint: null` is the NULL bulk string. */
function slotsReply(
  resp: Resp,
  master: { endpoint: string | null; meta?: Record<string, string> },
  replica?: { endpoint: string | null; meta?: Record<string, string> },
): RespValue {
  const node = (n: { endpoint: string | null; meta?: Record<string, string> }, port: number, id: string): RespValue[] =>
    n.meta === undefined ? [n.endpoint, port, id] : [n.endpoint, port, id, map(resp, n.meta)];
  return [[0, 16383, node(master, 7000, ID), ...(replica ? [node(replica, 7001, 'b'.repeat(40))] : [])]];
}

function shards(reply: RespValue, context: ParseContext = { asked: SEED }, resolve = identity, tls = false): ClusterNode[] {
  return parseClusterShards(reply, resolve, tls, context).flatMap((s) => [s.master, ...s.replicas]);
}

function slots(reply: RespValue, context: ParseContext = { asked: SEED }, resolve = identity): ClusterNode[] {
  return parseClusterSlots(reply, resolve, context).flatMap((s) => [s.master, ...s.replicas]);
}

function target(node: ClusterNode | undefined): { host: string; port: number; servername: string | undefined } | undefined {
  return node && { host: node.host, port: node.port, servername: node.servername };
}

describe.each([2, 3] as const)('CLUSTER SHARDS endpoints (RESP%i)', (resp) => {
  it('hostname: dials the announced name, verified against that name', () => {
    const [node] = shards(shardsReply(resp, { endpoint: 'node-1.example.test', hostname: 'node-1.example.test', ip: '192.0.2.1' }));
    expect(target(node)).toEqual({ host: 'node-1.example.test', port: 7000, servername: 'node-1.example.test' });
    expect(node.address).toBe('node-1.example.test:7000');
  });

  it('ip with an announced host name: dials the IP, the certificate must name the host', () => {
    const [node] = shards(shardsReply(resp, { endpoint: '192.0.2.1', hostname: 'node-1.example.test', ip: '192.0.2.1' }));
    expect(target(node)).toEqual({ host: '192.0.2.1', port: 7000, servername: 'node-1.example.test' });
  });

  it('ip without a host name: no servername (nothing to verify a name against)', () => {
    const [node] = shards(shardsReply(resp, { endpoint: '192.0.2.1', ip: '192.0.2.1' }));
    expect(target(node)).toEqual({ host: '192.0.2.1', port: 7000, servername: undefined });
  });

  it('unknown-endpoint (empty endpoint) with a host name: the host name, never the IP first', () => {
    const [node] = shards(shardsReply(resp, { endpoint: '', hostname: 'node-1.example.test', ip: '192.0.2.1' }));
    expect(target(node)).toEqual({ host: 'node-1.example.test', port: 7000, servername: 'node-1.example.test' });
  });

  it('unknown-endpoint with only the IP: the IP', () => {
    const [node] = shards(shardsReply(resp, { endpoint: '', ip: '192.0.2.1' }));
    expect(target(node)).toEqual({ host: '192.0.2.1', port: 7000, servername: undefined });
  });

  it("empty endpoint, no IP, no host name: the host asked, by the name it was dialled with, with the node's port", () => {
    const [node] = shards(shardsReply(resp, { endpoint: '', ip: '', port: 7005 }));
    expect(target(node)).toEqual({ host: SEED.host, port: 7005, servername: SEED.host });
  });

  it('`?` with a known IP or host name uses it; `?` alone is not the node asked', () => {
    expect(target(shards(shardsReply(resp, { endpoint: '?', ip: '192.0.2.1' }))[0])?.host).toBe('192.0.2.1');
    expect(target(shards(shardsReply(resp, { endpoint: '?', hostname: 'n.example.test', ip: '' }))[0])?.host).toBe('n.example.test');
    const skipped: UnknownEndpointError[] = [];
    const nodes = shards(shardsReply(resp, { endpoint: '192.0.2.1', ip: '192.0.2.1' }, { endpoint: '?', ip: '', port: 7001 }), {
      asked: SEED,
      skipped: (e) => skipped.push(e),
    });
    expect(nodes.map((n) => n.address)).toEqual(['192.0.2.1:7000']);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toBeInstanceOf(UnknownEndpointError);
    expect(skipped[0]).toMatchObject({ code: 'ERR_UNKNOWN_ENDPOINT', nodeId: 'b'.repeat(40), port: 7001 });
  });

  it('a master with no usable endpoint: its shard is left out, reported once', () => {
    const skipped: UnknownEndpointError[] = [];
    const parsed = parseClusterShards(shardsReply(resp, { endpoint: '?', ip: '' }), identity, false, {
      asked: SEED,
      skipped: (e) => skipped.push(e),
    });
    expect(parsed).toEqual([]);
    expect(skipped).toHaveLength(1);
  });

  it('without a node asked, an empty endpoint with nothing else known is left out too', () => {
    expect(shards(shardsReply(resp, { endpoint: '', ip: '' }), {})).toEqual([]);
  });

  it('addressMap replacing an announced name: dials the target, verifies the announced name', () => {
    const toTunnel = (a: NodeAddress): NodeAddress => ({ host: '127.0.0.1', port: a.port + 100 });
    const [node] = shards(
      shardsReply(resp, { endpoint: 'node-1.example.test', hostname: 'node-1.example.test', ip: '192.0.2.1' }),
      { asked: SEED },
      toTunnel,
    );
    expect(target(node)).toEqual({ host: '127.0.0.1', port: 7100, servername: 'node-1.example.test' });
  });

  it('addressMap to a tunnel name with no announced name: the tunnel name (as before)', () => {
    const toTunnel = (a: NodeAddress): NodeAddress => ({ host: 'localhost', port: a.port });
    const [node] = shards(shardsReply(resp, { endpoint: '192.0.2.1', ip: '192.0.2.1' }), { asked: SEED }, toTunnel);
    expect(target(node)).toEqual({ host: 'localhost', port: 7000, servername: 'localhost' });
  });

  it('each node carries its own name: never one servername for every node', () => {
    const nodes = shards(
      shardsReply(
        resp,
        { endpoint: '192.0.2.1', hostname: 'node-1.example.test', ip: '192.0.2.1' },
        { endpoint: '192.0.2.2', hostname: 'node-2.example.test', ip: '192.0.2.2', port: 7001 },
      ),
    );
    expect(nodes.map((n) => n.servername)).toEqual(['node-1.example.test', 'node-2.example.test']);
  });

  it('TLS: the tls-port, with the same endpoint rules', () => {
    const reply = [
      map(resp, {
        slots: [0, 16383],
        nodes: [
          map(resp, {
            id: ID,
            port: 7000,
            'tls-port': 8000,
            ip: '192.0.2.1',
            endpoint: 'node-1.example.test',
            hostname: 'node-1.example.test',
            role: 'master',
            health: 'online',
          }),
        ],
      }),
    ];
    expect(target(shards(reply, { asked: SEED }, identity, true)[0])).toEqual({
      host: 'node-1.example.test',
      port: 8000,
      servername: 'node-1.example.test',
    });
  });
});

describe.each([2, 3] as const)('CLUSTER SLOTS endpoints (RESP%i)', (resp) => {
  it('a host name as preferred endpoint, the IP in the metadata', () => {
    const [node] = slots(slotsReply(resp, { endpoint: 'node-1.example.test', meta: { ip: '192.0.2.1' } }));
    expect(target(node)).toEqual({ host: 'node-1.example.test', port: 7000, servername: 'node-1.example.test' });
  });

  it('an IP as preferred endpoint, the host name in the metadata: IP dialled, host name verified', () => {
    const [node] = slots(slotsReply(resp, { endpoint: '192.0.2.1', meta: { hostname: 'node-1.example.test' } }));
    expect(target(node)).toEqual({ host: '192.0.2.1', port: 7000, servername: 'node-1.example.test' });
  });

  it('NULL (unknown-endpoint) with metadata: the host name, else the IP', () => {
    expect(target(slots(slotsReply(resp, { endpoint: null, meta: { ip: '192.0.2.1', hostname: 'node-1.example.test' } }))[0])?.host).toBe(
      'node-1.example.test',
    );
    expect(target(slots(slotsReply(resp, { endpoint: null, meta: { ip: '192.0.2.1' } }))[0])?.host).toBe('192.0.2.1');
  });

  it('NULL with nothing else: the documented case, the endpoint asked with the returned port', () => {
    expect(target(slots(slotsReply(resp, { endpoint: null, meta: {} }))[0])).toEqual({
      host: SEED.host,
      port: 7000,
      servername: SEED.host,
    });
    expect(target(slots(slotsReply(resp, { endpoint: null }))[0])).toEqual({ host: SEED.host, port: 7000, servername: SEED.host });
  });

  it('`?` with an IP in the metadata: the IP; `?` alone: replica left out, reported', () => {
    expect(target(slots(slotsReply(resp, { endpoint: '?', meta: { ip: '192.0.2.1' } }))[0])?.host).toBe('192.0.2.1');
    const skipped: UnknownEndpointError[] = [];
    const nodes = slots(slotsReply(resp, { endpoint: '192.0.2.1' }, { endpoint: '?', meta: {} }), {
      asked: SEED,
      skipped: (e) => skipped.push(e),
    });
    expect(nodes.map((n) => n.address)).toEqual(['192.0.2.1:7000']);
    expect(skipped.map((e) => e.port)).toEqual([7001]);
  });

  it('`?` master alone: the range stays uncovered rather than sent to a made-up address', () => {
    const skipped: UnknownEndpointError[] = [];
    expect(parseClusterSlots(slotsReply(resp, { endpoint: '?' }), identity, { asked: SEED, skipped: (e) => skipped.push(e) })).toEqual([]);
    expect(skipped).toHaveLength(1);
  });

  it('pre-7.0 reply (no metadata), IP endpoint: the IP, no servername', () => {
    expect(target(slots(slotsReply(resp, { endpoint: '127.0.0.1' }))[0])).toEqual({ host: '127.0.0.1', port: 7000, servername: undefined });
  });
});

describe('a seed answering for itself', () => {
  const reply = (endpoint: string): RespValue =>
    shardsReply(3, { endpoint, ip: endpoint, port: 6379 }, { endpoint: '192.0.2.2', ip: '192.0.2.2', port: 6380 });

  it('reached by name, reporting a loopback IP (a proxy, ElastiCache Serverless): dialled by the name given, keyed as announced', () => {
    const [seed, other] = shards(reply('127.0.0.1'), { asked: SEED, askedId: ID });
    expect(target(seed)).toEqual({ host: SEED.host, port: 6379, servername: SEED.host });
    // MOVED and ASK name the announced address: the key stays that, so redirects find this node.
    expect(seed.address).toBe('127.0.0.1:6379');
    expect(target(other)).toEqual({ host: '192.0.2.2', port: 6380, servername: undefined });
  });

  it("reporting a routable IP: that IP (a configuration endpoint's name may resolve to any node)", () => {
    expect(target(shards(reply('192.0.2.1'), { asked: SEED, askedId: ID })[0])?.host).toBe('192.0.2.1');
  });

  it('reached by IP, or its id unknown: the announced address', () => {
    expect(target(shards(reply('127.0.0.1'), { asked: { host: '127.0.0.1', port: 6379 }, askedId: ID })[0])?.host).toBe('127.0.0.1');
    expect(target(shards(reply('127.0.0.1'), { asked: SEED })[0])?.host).toBe('127.0.0.1');
  });

  it('CLUSTER SLOTS alike', () => {
    const [seed] = slots(slotsReply(2, { endpoint: '127.0.0.1', meta: {} }), { asked: SEED, askedId: ID });
    expect(target(seed)).toEqual({ host: SEED.host, port: 7000, servername: SEED.host });
    expect(seed.address).toBe('127.0.0.1:7000');
  });
});

describe('TopologyLoader and unknown endpoints', () => {
  function source(reply: RespValue, skipped: UnknownEndpointError[]): TopologySource {
    return {
      candidates: () => [SEED],
      request: (_address, args) => Promise.resolve(args[1] === 'SHARDS' ? reply : args[1] === 'MYID' ? ID : []),
      resolve: identity,
      tls: false,
      skipped: (e) => skipped.push(e),
    };
  }

  it('`?` is never "the node we asked": the node is reported, not given the seed\'s address', async () => {
    const skipped: UnknownEndpointError[] = [];
    const reply = shardsReply(3, { endpoint: 'node-1.example.test', ip: '192.0.2.1' }, { endpoint: '?', ip: '', port: 7001 });
    const topology = await new TopologyLoader(source(reply, skipped)).load();
    expect([...topology.members.keys()]).toEqual(['node-1.example.test:7000']);
    expect(skipped).toHaveLength(1);
  });

  it('asks a seed reached by name for its id, alongside the topology: the seed keeps its name', async () => {
    const asked: string[] = [];
    const src = source(shardsReply(3, { endpoint: '127.0.0.1', ip: '127.0.0.1', port: 6379 }), []);
    const topology = await new TopologyLoader({ ...src, request: (a, args) => (asked.push(args.join(' ')), src.request(a, args)) }).load();
    expect(asked).toEqual(['CLUSTER MYID', 'CLUSTER SHARDS']);
    expect([...topology.members.values()].map(target)).toEqual([{ host: SEED.host, port: 6379, servername: SEED.host }]);
  });

  it('an empty endpoint with nothing else known: the seed keeps the name the user gave', async () => {
    const topology = await new TopologyLoader(source(shardsReply(2, { endpoint: '', ip: '', port: 7002 }), [])).load();
    expect([...topology.members.values()].map(target)).toEqual([{ host: SEED.host, port: 7002, servername: SEED.host }]);
  });
});

describe('UnknownEndpointError', () => {
  it('is public, a RedisClusterError with a stable code, naming the node and its port', () => {
    const error = new slotline.UnknownEndpointError(ID, 7001);
    expect(error).toBeInstanceOf(slotline.RedisClusterError);
    expect(error).toMatchObject({ name: 'UnknownEndpointError', code: 'ERR_UNKNOWN_ENDPOINT', nodeId: ID, port: 7001 });
    expect(error.message).toContain(ID);
  });
});

describe('an empty-host MOVED (":port") in a cluster known by host names', () => {
  const topology = new Topology(
    parseClusterShards(
      shardsReply(
        3,
        { endpoint: '', hostname: 'node-1.example.test', ip: '192.0.2.1', port: 7000 },
        { endpoint: '', hostname: 'node-2.example.test', ip: '192.0.2.2', port: 7001 },
      ),
      identity,
      false,
      { asked: SEED },
    ),
  );
  const ctx = { resolve: identity, topology: () => topology } as unknown as RouterContext;

  it('goes to the one member on that port, not to "<host asked>:<port>"', () => {
    expect(redirectAddress(ctx, new MovedError('MOVED 1 :7001', 1, '', 7001), 'node-1.example.test:7000')).toBe('node-2.example.test:7001');
  });

  it('a port no member has: the host asked, which the trust check then refuses', () => {
    expect(redirectAddress(ctx, new MovedError('MOVED 1 :7009', 1, '', 7009), 'node-1.example.test:7000')).toBe('node-1.example.test:7009');
  });
});
