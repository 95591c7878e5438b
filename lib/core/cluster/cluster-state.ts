import { commandPromise } from '../connection/command';
import { ClientClosedError } from '../errors/client-closed-error';
import { ConnectionError } from '../errors/connection-error';
import { UnknownNodeError } from '../errors/unknown-node-error';
import type { ConnectionConfig } from '../connection/connection-config';
import type { NodeAddress } from '../options/client-options';
import type { ResolvedOptions } from '../options/resolve-options';
import { NodePool } from '../pool/node-pool';
import type { RespArg, RespValue } from '../resp/types';
import { createAddressResolver } from './topology/address-resolver';
import type { RouterContext } from './routing/command-router';
import type { ClusterHealth, NodeHealth, NodeStateChange, TopologyChange } from './health/health-types';
import { Heartbeat } from './health/heartbeat';
import { NodeHealthTracker } from './health/node-health';
import { TopologyLoader } from './topology/topology-loader';
import type { ClusterNode, Topology } from './topology/topology';

export interface ClusterStateEvents {
  nodeStateChange(change: NodeStateChange): void;
  topologyChange(change: TopologyChange): void;
  error(error: Error): void;
  warning(message: string): void;
}

/** Gap between two lazily requested reloads, so a burst of MOVED replies costs one fetch. */
const RELOAD_GAP_MS = 100;

/**
 * The client's view of the cluster: the current topology, one pool per node, the heartbeat, and
 * the reloads that keep them in step. The router reads it; only reloads write it.
 */
export class ClusterState implements RouterContext {
  readonly resolve: (announced: NodeAddress) => NodeAddress;
  readonly health: NodeHealthTracker;
  private current: Topology | undefined;
  private readonly pools = new Map<string, NodePool>();
  /** `host:port` of the configured seeds: with the topology's members, the only addresses ever dialled. */
  private readonly seeds: ReadonlySet<string>;
  private readonly loader: TopologyLoader;
  private readonly heartbeat: Heartbeat;
  private refreshTimer: NodeJS.Timeout | undefined;
  private reloadTimer: NodeJS.Timeout | undefined;
  private lastReloadAt = 0;
  /** Final, set by close(); a failed connect() does not set it. */
  private closed = false;
  /** Aborted by close(), to cut short the waits of a connect() under way. */
  private readonly shutdown = new AbortController();
  private warnedInsecureTls = false;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly events: ClusterStateEvents,
  ) {
    this.resolve = createAddressResolver(options.addressMap);
    this.seeds = new Set(options.nodes.map((n) => `${n.host}:${n.port}`));
    this.health = new NodeHealthTracker(options.heartbeatFailures, (change) => this.onNodeStateChange(change));
    this.loader = new TopologyLoader({
      candidates: () => this.candidates(),
      request: (address, args) => this.request(address, args),
      resolve: this.resolve,
      tls: options.tls !== undefined,
    });
    // The heartbeat's own socket must fail fast: a PING slower than an interval is already a miss.
    this.heartbeat = new Heartbeat(options.heartbeatInterval, (node) => ({
      ...this.connectionConfig(node),
      readTimeout: options.heartbeatInterval * options.heartbeatFailures,
      // Named apart, so CLIENT LIST tells pool sockets (poolSize per node) from the one heartbeat socket.
      clientName: options.clientName === undefined ? undefined : `${options.clientName}:heartbeat`,
    }), this.health);
  }

  topology(): Topology | undefined {
    return this.current;
  }

  /**
   * First load from the seeds, then pools (with minIdleConns open) and the heartbeat. close() may
   * come at any await: each step checks, and the attempt then rejects with ClientClosedError.
   */
  async connect(): Promise<void> {
    if (this.closed) throw new ClientClosedError();
    try {
      await this.applyTopology(await this.loader.load());
      this.assertOpen();
      await Promise.allSettled([...this.pools.values()].map((p) => p.start()));
      this.assertOpen();
      this.heartbeat.start();
      await this.firstHeartbeatRound();
      this.assertOpen();
    } catch (error) {
      // Sockets and timers of the failed attempt are gone before the caller can try again.
      if (!this.closed) await this.teardown(Infinity);
      this.current = undefined;
      throw this.closed ? new ClientClosedError() : error;
    }
    if (this.options.topologyRefreshInterval > 0) {
      this.refreshTimer = setInterval(() => this.requestReload(), this.options.topologyRefreshInterval);
      this.refreshTimer.unref();
    }
  }

  reload(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.lastReloadAt = Date.now();
    return this.loader.load().then(
      (topology) => this.applyTopology(topology),
      (error: Error) => this.events.error(error),
    );
  }

  requestReload(): void {
    if (this.reloadTimer !== undefined || this.closed) return;
    const wait = Math.max(0, this.lastReloadAt + RELOAD_GAP_MS - Date.now());
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      void this.reload();
    }, wait);
  }

  /**
   * The pool of a node; a topology node carries its `address` key, so routing builds no string per
   * command. Throws UnknownNodeError rather than dial an address the cluster did not announce:
   * callers check `knows()` first where the address did not come from the current topology.
   */
  poolFor(address: NodeAddress & { address?: string }): NodePool {
    const key = address.address ?? `${address.host}:${address.port}`;
    let pool = this.pools.get(key);
    if (pool === undefined) {
      // Closed is final: a command retried or redirected after close() meets a pool that fails it, never a new socket.
      if (this.closed) return closedPool(key, this.connectionConfig(address), this.options);
      if (!this.trusts(key)) throw new UnknownNodeError(key);
      pool = new NodePool(key, this.connectionConfig(address), this.options);
      this.pools.set(key, pool);
    }
    return pool;
  }

  /** Whether poolFor() serves this address: a member of the current topology or a seed. */
  knows(address: NodeAddress & { address?: string }): boolean {
    return this.trusts(address.address ?? `${address.host}:${address.port}`);
  }

  /** A member of the current topology (slot-less masters included) or a seed: credentials may go there. */
  private trusts(key: string): boolean {
    return this.current?.members.has(key) === true || this.seeds.has(key);
  }

  /** One command to one node through its pool (topology fetches, fan-outs). */
  request(address: NodeAddress, args: RespArg[]): Promise<RespValue> {
    const { command, reply } = commandPromise(args);
    this.poolFor(address).send(command);
    return reply;
  }

  snapshot(): ClusterHealth {
    const topology = this.current;
    const nodes: NodeHealth[] = [];
    for (const shard of topology?.shards ?? []) {
      const slots = shard.slots.map(([a, b]) => [a, b] as [number, number]);
      for (const node of [shard.master, ...shard.replicas]) {
        const view = this.health.view(node.address);
        nodes.push({
          address: node.address,
          id: node.id,
          role: node.role,
          masterId: node.role === 'replica' ? shard.master.id : undefined,
          slots,
          state: view?.state ?? 'up',
          latencyMs: view?.latencyMs ?? null,
          lastError: view?.lastError,
          lastSeenAt: view?.lastSeenAt,
          pool: this.pools.get(node.address)?.stats() ?? { hits: 0, misses: 0, timeouts: 0, totalConns: 0, idleConns: 0, staleConns: 0 },
        });
      }
    }
    const uncoveredSlots = topology
      ? topology.uncoveredRanges((shard) => this.health.stateOf(shard.master.address) !== 'down')
      : [[0, 16383] as [number, number]];
    return { at: Date.now(), nodes, uncoveredSlots };
  }

  allPools(): ReadonlyMap<string, NodePool> {
    return this.pools;
  }

  /**
   * Final: no pool, timer or probe is created afterwards. Sockets with commands in flight get up to
   * `graceMs` to answer; then they are destroyed and those commands fail with ClientClosedError.
   */
  async close(graceMs = Infinity): Promise<void> {
    this.closed = true;
    this.shutdown.abort();
    await this.teardown(graceMs);
  }

  /** Stops timers, the heartbeat and every pool; a failed connect() and close() share it. */
  private async teardown(graceMs: number): Promise<void> {
    if (this.refreshTimer !== undefined) clearInterval(this.refreshTimer);
    if (this.reloadTimer !== undefined) clearTimeout(this.reloadTimer);
    this.refreshTimer = undefined;
    this.reloadTimer = undefined;
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all([this.heartbeat.stop(graceMs), ...pools.map((p) => p.close(undefined, graceMs))]);
  }

  private assertOpen(): void {
    if (this.closed) throw new ClientClosedError();
  }

  /**
   * One round of answers before "ready", so the first health snapshot already has latencies;
   * bounded, so a dead replica cannot hold connect() up, and cut short by close().
   */
  private firstHeartbeatRound(): Promise<void> {
    return new Promise<void>((resolve) => {
      const signal = this.shutdown.signal;
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, this.options.heartbeatInterval);
      signal.addEventListener('abort', done);
      this.heartbeat.probeAll().then(done, done);
    });
  }

  connectionConfig(address: NodeAddress): ConnectionConfig {
    const o = this.options;
    // Every socket is configured here, so the first one to be dialled without certificate checks says so.
    if (o.tls?.rejectUnauthorized === false && !this.warnedInsecureTls) {
      this.warnedInsecureTls = true;
      this.events.warning('tls.rejectUnauthorized is false: server certificates are not verified, anyone on the path can impersonate the cluster');
    }
    return {
      host: address.host,
      port: address.port,
      tls: o.tls,
      tlsSecrets: o.tlsSecrets,
      username: o.username,
      password: o.password,
      clientName: o.clientName,
      protocol: o.protocol,
      // READONLY is harmless on a master and required on a replica, so every socket gets it.
      readOnly: o.readOnly,
      waitReplicas: o.waitReplicas,
      waitReplicasTimeout: o.waitReplicasTimeout,
      dialTimeout: o.dialTimeout,
      readTimeout: o.readTimeout,
      writeTimeout: o.writeTimeout,
    };
  }

  private candidates(): NodeAddress[] {
    const known = [...(this.current?.nodes.values() ?? [])]
      .filter((n) => this.health.stateOf(n.address) === 'up')
      .sort(() => Math.random() - 0.5)
      .slice(0, 3);
    return [...known, ...this.options.nodes];
  }

  private async applyTopology(next: Topology): Promise<void> {
    if (this.closed) return;
    const previous = this.current;
    if (previous !== undefined && previous.sameAs(next)) {
      // Nothing new, but the fetch may have opened a seed's pool: that closes all the same.
      this.closePoolsOutside(previous);
      return;
    }
    this.current = next;
    const nodes = [...next.nodes.values()];
    this.health.sync(nodes);
    this.heartbeat.sync(nodes);
    for (const node of nodes) this.poolFor(node);
    this.closePoolsOutside(next);
    if (previous !== undefined) this.events.topologyChange(diff(previous, next));
  }

  /**
   * Closes at once the pool of every address `topology` does not list, seeds' included. Commands
   * still queued there fail with a never-written ConnectionError, so the router sends them elsewhere.
   */
  private closePoolsOutside(topology: Topology): void {
    for (const [address, pool] of this.pools) {
      if (topology.members.has(address)) continue;
      this.pools.delete(address);
      void pool.close(new ConnectionError(`${address} left the cluster topology`, address, false));
    }
  }

  private onNodeStateChange(change: NodeStateChange): void {
    this.events.nodeStateChange(change);
    // A master that stops answering is about to be failed over: learn the new master as soon as the cluster has one.
    if (change.to === 'down' && change.role === 'master') this.requestReload();
    // Reads waiting on a replica that stopped answering are moved elsewhere now rather than after
    // readTimeout. Not done for masters: their writes have nowhere else to go, and failing them
    // would turn a pause into errors of unknown outcome.
    if (change.to === 'down' && change.role === 'replica') {
      this.pools.get(change.address)?.reset(new ConnectionError(`${change.address} stopped answering the heartbeat`, change.address, true));
    }
  }
}

/** A pool that was never opened: it fails whatever it is given with ClientClosedError. */
function closedPool(key: string, config: ConnectionConfig, options: ResolvedOptions): NodePool {
  const pool = new NodePool(key, config, options);
  void pool.close();
  return pool;
}

function diff(previous: Topology, next: Topology): TopologyChange {
  const added = [...next.nodes.keys()].filter((a) => !previous.nodes.has(a));
  const removed = [...previous.nodes.keys()].filter((a) => !next.nodes.has(a));
  const wasMaster = new Set(previous.shards.map((s) => s.master.address));
  const promoted = next.shards.map((s) => s.master.address).filter((a) => !wasMaster.has(a));
  return { added, removed, promoted };
}

export type { ClusterNode };
