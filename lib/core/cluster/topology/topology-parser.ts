import { ProtocolError } from '../../errors/protocol-error';
import { TopologyTooLargeError } from '../../errors/topology-too-large-error';
import { UnknownEndpointError } from '../../errors/unknown-endpoint-error';
import type { NodeAddress } from '../../options/client-options';
import type { RespMap, RespValue } from '../../resp/types';
import type { SlotRange } from './topology-types';
import { dialTarget, type AnnouncedEndpoint, type EndpointContext } from './node-endpoint';
import type { ClusterNode, Shard } from './topology';

/** Announced address -> dialable address (addressMap). */
export type AddressResolver = (announced: NodeAddress) => NodeAddress;

/** Where the reply came from, and where to report a node left out for want of an endpoint. */
export interface ParseContext {
  /** The node asked; without it, a node announcing no endpoint at all is left out too. */
  readonly asked?: NodeAddress;
  /** CLUSTER MYID of the node asked, when it was reached by a host name. */
  readonly askedId?: string;
  readonly skipped?: (error: UnknownEndpointError) => void;
}

type NodeContext = ParseContext & EndpointContext;

/** Redis Cluster's documented ceiling; every node gets a pool and a heartbeat socket, so a bigger list is refused. */
export const MAX_TOPOLOGY_NODES = 1000;
/** Ranges are disjoint and non-empty, so a real cluster never reports more than one per slot. */
export const MAX_SLOT_RANGES = 16384;

/** Parses `CLUSTER SHARDS` (Redis 7+), RESP2 flat arrays or RESP3 maps alike. */
export function parseClusterShards(reply: RespValue, resolve: AddressResolver, tls: boolean, context: ParseContext = {}): Shard[] {
  const ctx: NodeContext = { ...context, resolve };
  if (!Array.isArray(reply)) throw new ProtocolError('CLUSTER SHARDS reply is not an array');
  // Every shard has a node: refuse before looking inside, so the cost is bounded too.
  if (reply.length > MAX_TOPOLOGY_NODES) throw new TopologyTooLargeError('nodes', reply.length, MAX_TOPOLOGY_NODES);
  const shards: Shard[] = [];
  let nodeCount = 0;
  let rangeCount = 0;
  for (const entry of reply) {
    const shard = record(entry, 'shard');
    const rawNodes = asArray(shard.nodes, 'nodes');
    nodeCount += rawNodes.length;
    if (nodeCount > MAX_TOPOLOGY_NODES) throw new TopologyTooLargeError('nodes', nodeCount, MAX_TOPOLOGY_NODES);
    const slots = slotPairs(shard.slots, MAX_SLOT_RANGES - rangeCount);
    rangeCount += slots.length;
    const nodes = rawNodes.flatMap((n) => shardNode(record(n, 'node'), ctx, tls) ?? []);
    const master = nodes.find((n) => n.role === 'master');
    // A shard without slots (a master just added, or a failed one) is kept: Topology lists it as a
    // member, which an ASK may name, but never routes to it.
    if (master === undefined) continue;
    shards.push({ master, replicas: nodes.filter((n) => n !== master && n.role === 'replica'), slots });
  }
  return shards;
}

/** Parses `CLUSTER SLOTS`: [start, end, [endpoint, port, id, metadata], replicas...] per range. */
export function parseClusterSlots(reply: RespValue, resolve: AddressResolver, context: ParseContext = {}): Shard[] {
  const ctx: NodeContext = { ...context, resolve };
  if (!Array.isArray(reply)) throw new ProtocolError('CLUSTER SLOTS reply is not an array');
  if (reply.length > MAX_SLOT_RANGES) throw new TopologyTooLargeError('slot ranges', reply.length, MAX_SLOT_RANGES);
  const byMaster = new Map<string, { master: ClusterNode; replicas: Map<string, ClusterNode>; slots: SlotRange[] }>();
  const addresses = new Set<string>();
  const count = (node: ClusterNode): ClusterNode => {
    addresses.add(node.address);
    if (addresses.size > MAX_TOPOLOGY_NODES) throw new TopologyTooLargeError('nodes', addresses.size, MAX_TOPOLOGY_NODES);
    return node;
  };
  for (const entry of reply) {
    const range = asArray(entry, 'slot range');
    if (range.length - 2 > MAX_TOPOLOGY_NODES) throw new TopologyTooLargeError('nodes', range.length - 2, MAX_TOPOLOGY_NODES);
    const start = slotNumber(range[0]);
    const end = slotNumber(range[1]);
    const [masterRaw, ...replicaRaw] = range.slice(2).map((n) => asArray(n, 'node'));
    if (masterRaw === undefined) continue;
    const announcedMaster = slotsNode(masterRaw, 'master', ctx);
    // Without a master to send to, the range stays uncovered (as when no node serves it).
    if (announcedMaster === undefined) continue;
    const master = count(announcedMaster);
    let shard = byMaster.get(master.address);
    if (shard === undefined) {
      shard = { master, replicas: new Map(), slots: [] };
      byMaster.set(master.address, shard);
    }
    shard.slots.push([start, end]);
    for (const raw of replicaRaw) {
      const announced = slotsNode(raw, 'replica', ctx);
      if (announced === undefined) continue;
      const replica = count(announced);
      shard.replicas.set(replica.address, replica);
    }
  }
  return [...byMaster.values()].map((s) => ({ master: s.master, replicas: [...s.replicas.values()], slots: s.slots }));
}

function shardNode(node: RespMap, ctx: NodeContext, tls: boolean): ClusterNode | undefined {
  const role = text(node.role) === 'master' ? 'master' : 'replica';
  const port = tls && node['tls-port'] !== undefined ? node['tls-port'] : (node.port ?? node['tls-port']);
  const endpoint = {
    id: text(node.id),
    endpoint: text(node.endpoint),
    hostname: text(node.hostname),
    ip: text(node.ip),
    port: portNumber(port),
  };
  return makeNode(endpoint, role, text(node.health) || 'online', ctx);
}

/** [endpoint, port, id, metadata]: a NULL endpoint is unknown; the metadata (Redis 7+) holds what the endpoint is not. */
function slotsNode(raw: RespValue[], role: 'master' | 'replica', ctx: NodeContext): ClusterNode | undefined {
  const meta = raw[3] === undefined || raw[3] === null ? {} : record(raw[3], 'node metadata');
  const endpoint = {
    id: text(raw[2]),
    endpoint: raw[0] === null ? null : text(raw[0]),
    hostname: text(meta.hostname),
    ip: text(meta.ip),
    port: portNumber(raw[1]),
  };
  return makeNode(endpoint, role, 'online', ctx);
}

function makeNode(announced: AnnouncedEndpoint, role: 'master' | 'replica', health: string, ctx: NodeContext): ClusterNode | undefined {
  const target = dialTarget(announced, ctx);
  if (target === undefined) {
    ctx.skipped?.(new UnknownEndpointError(announced.id, announced.port));
    return undefined;
  }
  const { host, port, address, servername } = target;
  return { id: announced.id, host, port, address, role, health, servername };
}

function slotPairs(value: RespValue | undefined, room: number): SlotRange[] {
  const flat = asArray(value ?? [], 'slots');
  if (flat.length % 2 !== 0) throw new ProtocolError('CLUSTER SHARDS slots list has an odd length');
  if (flat.length / 2 > room) throw new TopologyTooLargeError('slot ranges', MAX_SLOT_RANGES - room + flat.length / 2, MAX_SLOT_RANGES);
  const ranges: SlotRange[] = [];
  for (let i = 0; i < flat.length; i += 2) ranges.push([slotNumber(flat[i]), slotNumber(flat[i + 1])]);
  return ranges;
}

/** RESP3 gives a map; RESP2 the same as a flat [key, value, ...] array. */
function record(value: RespValue, what: string): RespMap {
  if (Array.isArray(value)) {
    const out: RespMap = {};
    for (let i = 0; i + 1 < value.length; i += 2) out[text(value[i])] = value[i + 1];
    return out;
  }
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value) && !(value instanceof Error)) return value as RespMap;
  throw new ProtocolError(`CLUSTER SHARDS ${what} is neither a map nor a flat array`);
}

function asArray(value: RespValue, what: string): RespValue[] {
  if (!Array.isArray(value)) throw new ProtocolError(`cluster topology: ${what} is not an array`);
  return value;
}

function text(value: RespValue | undefined): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString();
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return '';
}

function slotNumber(value: RespValue): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 16383) throw new ProtocolError(`cluster topology: slot ${String(value)} out of range`);
  return n;
}

function portNumber(value: RespValue | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new ProtocolError(`cluster topology: port ${String(value)} out of range`);
  return n;
}
