/**
 * A few MockNodes that together look like a Redis Cluster: each answers CLUSTER SHARDS (or, for an
 * old server, only CLUSTER SLOTS) from one shared, mutable slot map, keeps a tiny string store for
 * GET/SET/INCR, and logs every command with the connection it came on. A spec scripts the exact
 * edge with `script`, which sees every command first and may answer it, drop it, or let it through.
 */
import { hashSlot } from '../../lib/core/slots/hash-slot';
import type { NodeAddress } from '../../lib/core/options/client-options';
import {
  bulk,
  clusterShardsReply,
  clusterSlotsReply,
  err,
  int,
  MockNode,
  ok,
  type MockContext,
  type MockSlotRange,
  type Reply,
} from './mock-node';

export interface LoggedCommand {
  node: MockNode;
  /** MockContext.id: which connection of that node. */
  conn: number;
  cmd: string[];
}

/**
 * Returns a reply to answer the command, or undefined to let the cluster's default behaviour answer.
 * A promise delays the answer (a server that takes its time); it must resolve to a reply.
 */
export type MockScript = (node: MockNode, cmd: string[], ctx: MockContext) => Reply | void | Promise<Reply>;

export interface MockClusterOptions {
  masters?: number;
  /** false: CLUSTER SHARDS is an unknown subcommand (Redis < 7), only CLUSTER SLOTS answers. */
  shards?: boolean;
  /**
   * Nodes started and answering like the others (CLUSTER SHARDS included) but serving no slot, so
   * no topology lists them until a slot is moved to one: `nodes` ends with them.
   */
  spares?: number;
}

export class MockCluster {
  /** Every command any node received, in the order the handlers saw them. */
  readonly log: LoggedCommand[] = [];
  script: MockScript = () => undefined;
  private readonly stores = new Map<MockNode, Map<string, string>>();

  private constructor(
    readonly nodes: MockNode[],
    /** Who serves what; a script may change it, and the next topology fetch answers the new map. */
    public ranges: MockSlotRange[],
    private readonly shards: boolean,
  ) {}

  static async start(options: MockClusterOptions = {}): Promise<MockCluster> {
    const count = options.masters ?? 3;
    const nodes = await Promise.all(Array.from({ length: count + (options.spares ?? 0) }, () => MockNode.start()));
    const size = Math.ceil(16384 / count);
    const ranges = nodes.slice(0, count).map((node, i) => ({ start: i * size, end: Math.min(16383, (i + 1) * size - 1), master: node }));
    const cluster = new MockCluster(nodes, ranges, options.shards ?? true);
    for (const node of nodes) {
      cluster.stores.set(node, new Map());
      node.setHandler((cmd, ctx) => cluster.handle(node, cmd, ctx));
    }
    return cluster;
  }

  get seeds(): NodeAddress[] {
    return this.nodes.map((n) => ({ host: n.host, port: n.port }));
  }

  /** The node the slot map gives `slot` to. */
  ownerOf(slot: number): MockNode {
    const range = this.ranges.find((r) => r.start <= slot && slot <= r.end);
    if (range === undefined) throw new Error(`no mock node serves slot ${slot}`);
    return this.nodes.find((n) => n.port === range.master.port) as MockNode;
  }

  /** The first `${name}:${i}` whose slot the map gives to `node`. */
  keyOn(node: MockNode, name = 'k'): string {
    for (let i = 0; ; i++) {
      const key = `${name}:${i}`;
      if (this.ownerOf(hashSlot(key)) === node) return key;
    }
  }

  /** Gives one slot to `node` (split out of whichever range held it). */
  moveSlot(slot: number, node: MockNode): void {
    const next: MockSlotRange[] = [];
    for (const r of this.ranges) {
      if (slot < r.start || slot > r.end) next.push(r);
      else {
        if (r.start < slot) next.push({ ...r, end: slot - 1 });
        if (slot < r.end) next.push({ ...r, start: slot + 1 });
      }
    }
    next.push({ start: slot, end: slot, master: node });
    this.ranges = next.sort((a, b) => a.start - b.start);
  }

  store(node: MockNode): Map<string, string> {
    return this.stores.get(node) as Map<string, string>;
  }

  /** Logged commands named `name` (upper case), optionally only those with `key` as first argument and on `node`. */
  commands(name: string, key?: string, node?: MockNode): LoggedCommand[] {
    return this.log.filter((l) => l.cmd[0] === name && (key === undefined || l.cmd[1] === key) && (node === undefined || l.node === node));
  }

  /** CLUSTER SHARDS and CLUSTER SLOTS requests, all nodes together. */
  get topologyFetches(): number {
    return this.log.filter((l) => l.cmd[0] === 'CLUSTER' && /^(SHARDS|SLOTS)$/i.test(l.cmd[1] ?? '')).length;
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.stop()));
  }

  private handle(node: MockNode, cmd: string[], ctx: MockContext): Reply | void | Promise<Reply> {
    this.log.push({ node, conn: ctx.id, cmd });
    const scripted = this.script(node, cmd, ctx);
    if (scripted !== undefined) return scripted;
    const [name, ...args] = cmd;
    const data = this.store(node);
    switch (name) {
      case 'CLUSTER': {
        const sub = (args[0] ?? '').toUpperCase();
        if (sub === 'SHARDS' && this.shards) return clusterShardsReply(this.ranges);
        if (sub === 'SLOTS') return clusterSlotsReply(this.ranges);
        return err(`ERR unknown subcommand '${args[0]}'. Try CLUSTER HELP.`);
      }
      case 'GET':
        return bulk(data.get(args[0]) ?? null);
      case 'SET':
        data.set(args[0], args[1]);
        return ok();
      case 'INCR': {
        const value = Number(data.get(args[0]) ?? '0') + 1;
        data.set(args[0], String(value));
        return int(value);
      }
      default:
        return undefined;
    }
  }
}
