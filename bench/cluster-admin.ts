import Redis, { Cluster } from 'ioredis';
import type { SeedAddress } from './adapters';
import type { Keyspace } from './keyspace';
import { localServerPid } from './server-cpu';

/**
 * Side-band access to the cluster, outside any measured cell: preload, replication sync, server
 * info, and per-node GET counters (to check that replica reads really reach replicas).
 * ioredis does this job because it is the common reference; our client is only ever measured.
 */
export class ClusterAdmin {
  private constructor(
    private readonly masters: Redis[],
    private readonly replicas: Redis[],
  ) {}

  static async open(seeds: readonly SeedAddress[]): Promise<ClusterAdmin> {
    const probe = new Redis({ host: seeds[0].host, port: seeds[0].port, lazyConnect: true });
    await probe.connect();
    const nodes = String(await probe.call('CLUSTER', 'NODES'));
    probe.disconnect();
    const masters: Redis[] = [];
    const replicas: Redis[] = [];
    for (const line of nodes.split('\n')) {
      const [, address, flags] = line.split(' ');
      if (address === undefined || flags.includes('fail') || flags.includes('noaddr')) continue;
      const hostPort = address.split('@')[0];
      const at = hostPort.lastIndexOf(':');
      const host = hostPort.slice(0, at) || seeds[0].host;
      const node = new Redis({ host, port: Number(hostPort.slice(at + 1)), lazyConnect: true });
      node.on('error', () => undefined);
      await node.connect();
      (flags.includes('master') ? masters : replicas).push(node);
    }
    return new ClusterAdmin(masters, replicas);
  }

  get shape(): string {
    return `${this.masters.length} masters + ${this.replicas.length} replicas`;
  }

  async redisVersion(): Promise<string> {
    const info = await this.masters[0].info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  }

  /** Writes every key with its value, then waits until the replicas have it too. */
  async preload(ks: Keyspace): Promise<void> {
    const seeds = this.masters.map((m) => ({ host: m.options.host ?? '127.0.0.1', port: m.options.port ?? 6379 }));
    const cluster = new Cluster(seeds, { enableAutoPipelining: true, lazyConnect: true });
    cluster.on('error', () => undefined);
    await cluster.connect();
    try {
      for (let i = 0; i < ks.keys.length; i += 1000) {
        const batch: Promise<unknown>[] = [];
        for (let j = i; j < Math.min(i + 1000, ks.keys.length); j++) batch.push(cluster.set(ks.keys[j], ks.values[j]));
        await Promise.all(batch);
      }
    } finally {
      await cluster.quit();
    }
    await this.waitForReplicas();
  }

  /** Replicas caught up: every replica's acknowledged offset reached its master's. */
  async waitForReplicas(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let behind = 0;
      for (const master of this.masters) {
        const info = await master.info('replication');
        const offset = Number(/master_repl_offset:(\d+)/.exec(info)?.[1] ?? 0);
        for (const m of info.matchAll(/slave\d+:[^\r\n]*offset=(\d+)/g)) if (Number(m[1]) < offset) behind++;
      }
      if (behind === 0) return;
      if (Date.now() > deadline) throw new Error(`${behind} replicas still behind after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * Waits until every node's CLUSTER SLOTS lists the replicas. Right after a cluster forms, Redis 7.0
   * can answer CLUSTER SLOTS without them for a few seconds (while CLUSTER NODES already agrees);
   * a client that loads its topology from it then sends "replica" reads to masters for a long time.
   * Returns false when they never showed up (the run goes on; the replica-share column tells).
   */
  async waitForSlotsReplicas(timeoutMs = 30_000): Promise<boolean> {
    const expected = Math.floor(this.replicas.length / Math.max(1, this.masters.length));
    if (expected === 0) return true;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let complete = true;
      for (const node of [...this.masters, ...this.replicas]) {
        const ranges = (await node.call('CLUSTER', 'SLOTS')) as unknown[][];
        if (ranges.length === 0 || ranges.some((range) => range.length < 3 + expected)) complete = false;
      }
      if (complete) return true;
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The local redis-server processes of every node, when they run on this machine (see server-cpu.ts). */
  async localServerPids(): Promise<number[]> {
    const pids: number[] = [];
    for (const node of [...this.masters, ...this.replicas]) {
      const reported = Number(/process_id:(\d+)/.exec(await node.info('server'))?.[1]);
      const pid = Number.isInteger(reported) ? localServerPid(reported, node.options.port ?? 6379) : undefined;
      if (pid === undefined) return [];
      pids.push(pid);
    }
    return pids;
  }

  /** GET calls served so far by the masters and by the replicas (INFO commandstats). */
  async getCalls(): Promise<{ masters: number; replicas: number }> {
    const count = async (nodes: Redis[]): Promise<number> => {
      let total = 0;
      for (const node of nodes) total += Number(/cmdstat_get:calls=(\d+)/.exec(await node.info('commandstats'))?.[1] ?? 0);
      return total;
    };
    return { masters: await count(this.masters), replicas: await count(this.replicas) };
  }

  close(): void {
    for (const node of [...this.masters, ...this.replicas]) node.disconnect();
  }
}
