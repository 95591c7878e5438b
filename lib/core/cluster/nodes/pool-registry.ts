import type { ConnectionConfig } from '../../connection/connection-config';
import { ConnectionError } from '../../errors/connection-error';
import { UnknownNodeError } from '../../errors/unknown-node-error';
import type { NodeAddress } from '../../options/client-options';
import type { ResolvedOptions } from '../../options/resolve-options';
import { NodePool } from '../../pool/node-pool';

/**
 * One pool per node address, and the rule for which addresses get one: a member of the current
 * topology (slot-less masters included) or a configured seed. Credentials go nowhere else.
 */
export class PoolRegistry {
  private readonly pools = new Map<string, NodePool>();
  /** `host:port` of the configured seeds: with the topology's members, the only addresses ever dialled. */
  private readonly seeds: ReadonlySet<string>;
  /** Final, set by seal(); a failed connect() does not set it. */
  private sealed = false;

  constructor(
    private readonly options: ResolvedOptions,
    /** `host:port` keys of the current topology's members, if there is one. */
    private readonly members: () => ReadonlyMap<string, unknown> | undefined,
    private readonly configFor: (address: NodeAddress) => ConnectionConfig,
  ) {
    this.seeds = new Set(options.nodes.map((n) => `${n.host}:${n.port}`));
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
      if (this.sealed) return closedPool(key, this.configFor(address), this.options);
      if (!this.trusts(key)) throw new UnknownNodeError(key);
      pool = new NodePool(key, this.configFor(address), this.options);
      this.pools.set(key, pool);
    }
    return pool;
  }

  /** Whether poolFor() serves this address: a member of the current topology or a seed. */
  knows(address: NodeAddress & { address?: string }): boolean {
    return this.trusts(address.address ?? `${address.host}:${address.port}`);
  }

  get(address: string): NodePool | undefined {
    return this.pools.get(address);
  }

  all(): ReadonlyMap<string, NodePool> {
    return this.pools;
  }

  /**
   * Closes at once the pool of every address not in `members`, seeds' included. Commands still
   * queued there fail with a never-written ConnectionError, so the router sends them elsewhere.
   */
  closeOutside(members: ReadonlyMap<string, unknown>): void {
    for (const [address, pool] of this.pools) {
      if (members.has(address)) continue;
      this.pools.delete(address);
      void pool.close(new ConnectionError(`${address} left the cluster topology`, address, false));
    }
  }

  /** Final: later poolFor() calls get a pool that fails every command with ClientClosedError. */
  seal(): void {
    this.sealed = true;
  }

  /** Closes and forgets every pool; commands in flight get up to `graceMs` to answer. */
  closeAll(graceMs: number): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    return Promise.all(pools.map((p) => p.close(undefined, graceMs))).then(() => undefined);
  }

  private trusts(key: string): boolean {
    return this.members()?.has(key) === true || this.seeds.has(key);
  }
}

/** A pool that was never opened: it fails whatever it is given with ClientClosedError. */
function closedPool(key: string, config: ConnectionConfig, options: ResolvedOptions): NodePool {
  const pool = new NodePool(key, config, options);
  void pool.close();
  return pool;
}
