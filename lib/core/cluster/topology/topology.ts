import type { NodeRole, SlotRange } from './topology-types';
import { SLOT_COUNT } from '../../slots/hash-slot';

export interface ClusterNode {
  /** 40-hex node id; empty when the server did not report one (old CLUSTER SLOTS). */
  readonly id: string;
  /** Where to dial: the preferred endpoint, else the announced host name or IP, after addressMap. */
  readonly host: string;
  readonly port: number;
  /** The announced `host:port` after addressMap (what MOVED and ASK name): the key of the node's pool. */
  readonly address: string;
  readonly role: NodeRole;
  /** CLUSTER SHARDS's health: `online`, `failed` or `loading`; `online` when unknown. */
  readonly health: string;
  /**
   * The name this node's TLS certificate must carry: the host name dialled, or the announced host
   * name when an IP or an addressMap target is dialled; undefined when no name is known.
   */
  readonly servername?: string;
}

export interface Shard {
  readonly master: ClusterNode;
  readonly replicas: readonly ClusterNode[];
  readonly slots: readonly SlotRange[];
}

/**
 * An immutable view of the cluster: shards and a 16384-entry slot table. A reload builds a new one
 * and swaps it in whole, so a command never routes on a half-updated table.
 */
export class Topology {
  /** slot -> index into `shards`, -1 when no shard serves it. */
  private readonly slotTable: Int16Array;
  /** The shards that serve slots: the routable part of the cluster. */
  readonly shards: readonly Shard[];
  /** Nodes of the routable shards, by address. */
  readonly nodes: ReadonlyMap<string, ClusterNode>;
  /**
   * Every node the cluster announced, by address, including masters that hold no slot yet: a slot
   * being migrated to a newly added node is redirected there by ASK before that node serves anything.
   */
  readonly members: ReadonlyMap<string, ClusterNode>;

  /** `shards` as parsed; those without slots are members, never routed to. */
  constructor(shards: readonly Shard[]) {
    this.slotTable = new Int16Array(SLOT_COUNT).fill(-1);
    this.shards = shards.filter((shard) => shard.slots.length > 0);
    const nodes = new Map<string, ClusterNode>();
    this.shards.forEach((shard, index) => {
      for (const [start, end] of shard.slots) this.slotTable.fill(index, start, end + 1);
      nodes.set(shard.master.address, shard.master);
      for (const replica of shard.replicas) nodes.set(replica.address, replica);
    });
    this.nodes = nodes;
    const members = new Map(nodes);
    for (const shard of shards) {
      if (shard.slots.length > 0) continue;
      for (const node of [shard.master, ...shard.replicas]) if (!members.has(node.address)) members.set(node.address, node);
    }
    this.members = members;
  }

  shardOf(slot: number): Shard | undefined {
    const index = this.slotTable[slot];
    return index === -1 ? undefined : this.shards[index];
  }

  /** Maximal ranges of slots no shard serves. */
  uncoveredRanges(isServed: (shard: Shard) => boolean = () => true): SlotRange[] {
    const ranges: SlotRange[] = [];
    let start = -1;
    for (let slot = 0; slot <= SLOT_COUNT; slot++) {
      const index = slot < SLOT_COUNT ? this.slotTable[slot] : 0;
      const served = slot < SLOT_COUNT ? index !== -1 && isServed(this.shards[index]) : true;
      if (!served && start === -1) start = slot;
      if (served && start !== -1) {
        ranges.push([start, slot - 1]);
        start = -1;
      }
    }
    return ranges;
  }

  /** Same masters serving the same slots with the same replicas: nothing for the router to learn. */
  sameAs(other: Topology): boolean {
    return fingerprint(this) === fingerprint(other);
  }
}

function fingerprint(topology: Topology): string {
  const shards = topology.shards
    .map(
      (s) =>
        `${s.master.address}=${s.slots.map((r) => r.join('-')).join(',')}<${s.replicas
          .map((r) => `${r.address}:${r.health}`)
          .sort()
          .join(',')}`,
    )
    .sort()
    .join('|');
  // A node joining without slots changes where an ASK may lead, so it is news too.
  const idle = [...topology.members.keys()]
    .filter((a) => !topology.nodes.has(a))
    .sort()
    .join(',');
  return `${shards}+${idle}`;
}
