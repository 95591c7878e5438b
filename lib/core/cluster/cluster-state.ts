import { commandPromise } from '../connection/command';
import { ClientClosedError } from '../errors/client-closed-error';
import { ConnectionError } from '../errors/connection-error';
import type { ConnectionConfig } from '../connection/connection-config';
import type { ReauthTarget } from '../connection/reauth';
import type { NodeAddress } from '../options/client-options';
import type { ResolvedOptions } from '../options/resolve-options';
import type { NodePool } from '../pool/node-pool';
import { sumStats, type PoolStats } from '../pool/pool-stats';
import type { RespArg, RespValue } from '../resp/types';
import { createAddressResolver } from './topology/address-resolver';
import type { RouterContext } from './routing/command-router';
import type { ClusterHealth, NodeStateChange, TopologyChange } from './health/health-types';
import { buildHealthSnapshot } from './health/health-snapshot';
import { Heartbeat } from './health/heartbeat';
import { NodeHealthTracker } from './health/node-health';
import { heartbeatConnectionConfig, nodeConnectionConfig } from './nodes/node-connection-config';
import { PoolRegistry } from './nodes/pool-registry';
import { TopologyHolder } from './topology/topology-holder';
import { TopologyLoader } from './topology/topology-loader';
import { shuffled } from './topology/shuffle';
import type { ClusterNode, Topology } from './topology/topology';

export interface ClusterStateEvents {
  nodeStateChange(change: NodeStateChange): void;
  topologyChange(change: TopologyChange): void;
  error(error: Error): void;
  warning(message: string): void;
}

/**
 * The client's view of the cluster, and what keeps its parts in step: the topology (TopologyHolder),
 * one pool per node (PoolRegistry), node health and the heartbeat. The router reads it; only
 * reloads write it.
 */
export class ClusterState implements RouterContext {
  readonly resolve: (announced: NodeAddress) => NodeAddress;
  readonly health: NodeHealthTracker;
  private readonly holder: TopologyHolder;
  private readonly pools: PoolRegistry;
  private readonly loader: TopologyLoader;
  private readonly heartbeat: Heartbeat;
  /** Final, set by close(); a failed connect() does not set it. */
  private closed = false;
  /** Aborted by close(), to cut short the waits of a connect() under way. */
  private readonly shutdown = new AbortController();
  private warnedInsecureTls = false;
  private readonly topologyListeners: Array<() => void> = [];

  constructor(
    private readonly options: ResolvedOptions,
    private readonly events: ClusterStateEvents,
  ) {
    this.resolve = createAddressResolver(options.addressMap);
    this.health = new NodeHealthTracker(options.heartbeatFailures, (change) => this.onNodeStateChange(change));
    this.holder = new TopologyHolder(options.topologyRefreshInterval, {
      load: () => this.loader.load(),
      changed: (previous, next) => this.onTopologyChanged(previous, next),
      // Nothing new, but the fetch may have opened a seed's pool: that closes all the same.
      unchanged: (current) => this.pools.closeOutside(current.members),
      error: (error) => this.events.error(error),
      masterDown: () => (this.holder.get()?.shards ?? []).some((s) => this.health.stateOf(s.master.address) === 'down'),
    });
    this.pools = new PoolRegistry(
      options,
      () => this.holder.get()?.members,
      (address) => this.connectionConfig(address),
    );
    this.loader = new TopologyLoader({
      candidates: () => this.candidates(),
      request: (address, args) => this.request(address, args),
      resolve: this.resolve,
      tls: options.tls !== undefined,
      skipped: (error) => this.events.error(error),
    });
    this.heartbeat = new Heartbeat(
      options.heartbeatInterval,
      (node) => heartbeatConnectionConfig(options, this.connectionConfig(node)),
      this.health,
    );
  }

  topology(): Topology | undefined {
    return this.holder.get();
  }

  /**
   * First load from the seeds, then pools (with minIdleConns open) and the heartbeat. close() may
   * come at any await: each step checks, and the attempt then rejects with ClientClosedError.
   */
  async connect(): Promise<void> {
    if (this.closed) throw new ClientClosedError();
    try {
      await this.holder.loadFirst();
      this.assertOpen();
      await Promise.allSettled([...this.pools.all().values()].map((p) => p.start()));
      this.assertOpen();
      this.heartbeat.start();
      await this.firstHeartbeatRound();
      this.assertOpen();
    } catch (error) {
      // Sockets and timers of the failed attempt are gone before the caller can try again.
      if (!this.closed) await this.teardown(Infinity);
      this.holder.reset();
      throw this.closed ? new ClientClosedError() : error;
    }
    this.holder.startRefresh();
  }

  reload(): Promise<void> {
    return this.holder.reload();
  }

  requestReload(): void {
    this.holder.requestReload();
  }

  watchFailover(): void {
    this.holder.watchFailover();
  }

  onTopologyChange(listener: () => void): void {
    this.topologyListeners.push(listener);
  }

  /** See PoolRegistry.poolFor: throws UnknownNodeError for an address the cluster did not announce. */
  poolFor(address: NodeAddress & { address?: string }): NodePool {
    return this.pools.poolFor(address);
  }

  /** Whether poolFor() serves this address: a member of the current topology or a seed. */
  knows(address: NodeAddress & { address?: string }): boolean {
    return this.pools.knows(address);
  }

  /** One command to one node through its pool (topology fetches, fan-outs). */
  request(address: NodeAddress, args: RespArg[]): Promise<RespValue> {
    const { command, reply } = commandPromise(args);
    this.poolFor(address).send(command);
    return reply;
  }

  snapshot(): ClusterHealth {
    return buildHealthSnapshot({
      topology: this.holder.get(),
      health: this.health,
      poolStats: (address) => this.pools.get(address)?.stats(),
      now: Date.now(),
    });
  }

  /** Pool and heartbeat sockets, for reauthInterval. */
  reauthTargets(): ReauthTarget[] {
    return [...this.heartbeat.reauthTargets(), ...[...this.pools.all().values()].flatMap((p) => p.reauthTargets())];
  }

  allPools(): ReadonlyMap<string, NodePool> {
    return this.pools.all();
  }

  /** The pools' stats summed over every node. */
  poolStats(): PoolStats {
    return sumStats([...this.pools.all().values()].map((p) => p.stats()));
  }

  /** Each node's pool stats, by address. */
  nodePoolStats(): Record<string, PoolStats> {
    const out: Record<string, PoolStats> = {};
    for (const [address, pool] of this.pools.all()) out[address] = pool.stats();
    return out;
  }

  /**
   * Final: no pool, timer or probe is created afterwards. Sockets with commands in flight get up to
   * `graceMs` to answer; then they are destroyed and those commands fail with ClientClosedError.
   */
  async close(graceMs = Infinity): Promise<void> {
    this.closed = true;
    this.holder.close();
    this.pools.seal();
    this.shutdown.abort();
    await this.teardown(graceMs);
  }

  /** Stops timers, the heartbeat and every pool; a failed connect() and close() share it. */
  private async teardown(graceMs: number): Promise<void> {
    this.holder.stopTimers();
    await Promise.all([this.heartbeat.stop(graceMs), this.pools.closeAll(graceMs)]);
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

  connectionConfig(address: NodeAddress & { servername?: string }): ConnectionConfig {
    // Every socket is configured here, so the first one to be dialled without certificate checks says so.
    if (this.options.tls?.rejectUnauthorized === false && !this.warnedInsecureTls) {
      this.warnedInsecureTls = true;
      this.events.warning(
        'tls.rejectUnauthorized is false: server certificates are not verified, anyone on the path can impersonate the cluster',
      );
    }
    const servername = address.servername ?? this.holder.get()?.members.get(`${address.host}:${address.port}`)?.servername;
    return nodeConnectionConfig(this.options, address, servername);
  }

  private candidates(): NodeAddress[] {
    const up = [...(this.holder.get()?.nodes.values() ?? [])].filter((n) => this.health.stateOf(n.address) === 'up');
    const known = shuffled(up).slice(0, 3);
    return [...known, ...this.options.nodes];
  }

  private onTopologyChanged(previous: Topology | undefined, next: Topology): void {
    const nodes = [...next.nodes.values()];
    this.health.sync(nodes);
    this.heartbeat.sync(nodes);
    for (const node of nodes) this.poolFor(node);
    this.pools.closeOutside(next.members);
    for (const listener of this.topologyListeners) listener();
    if (previous !== undefined) this.events.topologyChange(diff(previous, next));
  }

  private onNodeStateChange(change: NodeStateChange): void {
    this.events.nodeStateChange(change);
    // A master that stops answering is about to be failed over: learn the new master as soon as the cluster has one.
    if (change.to === 'down' && change.role === 'master') this.holder.watchFailover();
    // Reads waiting on a replica that stopped answering are moved elsewhere now rather than after
    // readTimeout. Not done for masters: their writes have nowhere else to go, and failing them
    // would turn a pause into errors of unknown outcome.
    if (change.to === 'down' && change.role === 'replica') {
      this.pools.get(change.address)?.reset(new ConnectionError(`${change.address} stopped answering the heartbeat`, change.address, true));
    }
  }
}

function diff(previous: Topology, next: Topology): TopologyChange {
  const added = [...next.nodes.keys()].filter((a) => !previous.nodes.has(a));
  const removed = [...previous.nodes.keys()].filter((a) => !next.nodes.has(a));
  const wasMaster = new Set(previous.shards.map((s) => s.master.address));
  const promoted = next.shards.map((s) => s.master.address).filter((a) => !wasMaster.has(a));
  return { added, removed, promoted };
}

export type { ClusterNode };
