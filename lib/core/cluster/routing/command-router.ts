import { Command } from '../../connection/command';
import type { Connection } from '../../connection/connection';
import { NOT_BLOCKING } from '../../commands/blocking-timeout';
import { isSafeToRepeat } from '../../commands/command-spec';
import { AskError } from '../../errors/ask-error';
import { MovedError } from '../../errors/moved-error';
import { ReplyError } from '../../errors/reply-error';
import { UnknownNodeError } from '../../errors/unknown-node-error';
import { UntrustedRedirectError } from '../../errors/untrusted-redirect-error';
import type { NodeAddress } from '../../options/client-options';
import type { ResolvedOptions } from '../../options/resolve-options';
import type { NodePool } from '../../pool/node-pool';
import type { RespValue } from '../../resp/types';
import type { AttemptHandler, ClusterCommand } from './cluster-command';
import type { NodeHealthTracker } from '../health/node-health';
import type { ReadRouter } from './read-routing';
import { decideAttempt, type AttemptState } from './attempt-decision';
import { ParkedRetries } from './parked-retries';
import type { ClusterNode, Topology } from '../topology/topology';
import { reloadedTarget, type RedirectContext } from '../topology/trusted-redirect';
import { TracedClusterCommand } from './traced-cluster-command';

/** What the router needs from the client: the current topology, pools by address, reloads. */
export interface RouterContext extends RedirectContext {
  topology(): Topology | undefined;
  /** Single-flight reload; resolves when the new topology is in place (or the attempt failed). */
  reload(): Promise<void>;
  /** A reload, started lazily (MOVED, failures); never awaited by the caller. */
  requestReload(): void;
  /** A node failed in a way a failover would explain: poll the topology closely for a while. */
  watchFailover(): void;
  /** Calls `listener` after every topology change, once the new topology is in place. */
  onTopologyChange(listener: () => void): void;
  /** Throws for an address that is neither a topology member nor a seed: check knows() first. */
  poolFor(address: NodeAddress & { address?: string }): NodePool;
  /** Whether poolFor() may open a pool there (a member of the current topology, or a seed). */
  knows(address: NodeAddress & { address?: string }): boolean;
  resolve(announced: NodeAddress): NodeAddress;
}

type RouterOptions = Pick<ResolvedOptions, 'maxRetries' | 'maxRedirects' | 'minRetryBackoff' | 'maxRetryBackoff' | 'readOnly'>;

/**
 * The redirect loop, read as the protocol: MOVED is retried at once at the new address and
 * refreshes the topology lazily; ASK sends ASKING + the command to the target on one connection;
 * transient failures back off and route afresh; bounded by maxRedirects and maxRetries.
 */
export class CommandRouter implements AttemptHandler {
  /** Commands in a retry backoff: a topology change that helps them sends them at once. */
  private readonly parked = new ParkedRetries();

  constructor(
    private readonly ctx: RouterContext,
    private readonly options: RouterOptions,
    private readonly readRouter: ReadRouter,
    private readonly health: NodeHealthTracker,
  ) {
    ctx.onTopologyChange(() =>
      this.parked.release(
        (cc) => this.ownerChanged(cc),
        (cc) => this.dispatch(cc),
      ),
    );
  }

  /** Connections held by blocking calls right now: close() ends them instead of waiting (BLPOP 0 never returns). */
  private readonly blocked = new Set<Connection>();

  /** Fails every blocking call in progress with `error`; their sockets are discarded. */
  cancelBlocking(error: Error): void {
    for (const connection of [...this.blocked]) connection.destroy(error);
  }

  onAttempt(cc: ClusterCommand, error: Error | null, reply: RespValue): void {
    if (error === null) cc.finish(null, reply);
    else this.handleError(cc, error);
  }

  dispatch(cc: ClusterCommand): void {
    let pool: NodePool;
    const target = cc.pinned ?? cc.target;
    if (target !== undefined) {
      cc.target = undefined;
      // A nodes() handle kept past its node's departure: the address is no longer vouched for.
      if (!this.ctx.knows(target)) {
        cc.finish(new UnknownNodeError(`${target.host}:${target.port}`), null);
        return;
      }
      pool = this.ctx.poolFor(target);
    } else {
      const node = this.route(cc);
      if (node === undefined) {
        // No topology, or a slot nobody serves (a failover or a reshard in progress): wait for a reload.
        this.handleError(cc, new ReplyError('CLUSTERDOWN', `CLUSTERDOWN no node serves slot ${cc.slot} yet`));
        return;
      }
      pool = this.ctx.poolFor(node);
    }
    cc.address = pool.address;
    // Redirected or not, ASK or not, a blocking call never waits on a shared socket.
    if (cc.blockMs !== NOT_BLOCKING) this.sendBlocking(pool, cc);
    else if (cc.asking) {
      cc.asking = false;
      pool.sendGroup([new Command(['ASKING']), cc]);
    } else pool.send(cc);
  }

  /**
   * A blocking call (BLPOP, XREAD BLOCK, WAIT) gets a connection of its own, so the other traffic
   * to that node is not stuck behind it, and its read deadline grows by its own timeout. After an
   * ASK, ASKING goes first on that same connection.
   */
  private sendBlocking(pool: NodePool, cc: ClusterCommand): void {
    const asking = cc.asking;
    cc.asking = false;
    pool.acquire().then(
      (connection) => {
        this.blocked.add(connection);
        cc.release = (error) => {
          this.blocked.delete(connection);
          // A blocked call that failed mid-way leaves the socket in an unknown state: do not reuse it.
          pool.release(connection, error !== null && !(error instanceof ReplyError));
        };
        const graceMs = cc.blockMs === 0 ? FOREVER_MS : cc.blockMs;
        if (asking) {
          // Each reply resets the deadline's grace: extend it once ASKING is answered, for the call behind it.
          connection.send(new Command(['ASKING'], () => connection.extendReadDeadline(graceMs)));
        } else connection.extendReadDeadline(graceMs);
        connection.send(cc);
      },
      (error: Error) => this.handleError(cc, error),
    );
  }

  private route(cc: ClusterCommand): ClusterNode | undefined {
    const topology = this.ctx.topology();
    if (topology === undefined) return undefined;
    if (cc.slot === -1) {
      const shards = topology.shards;
      return shards.length === 0 ? undefined : shards[Math.floor(Math.random() * shards.length)].master;
    }
    const shard = topology.shardOf(cc.slot);
    if (shard === undefined) return undefined;
    return cc.readOnly && this.options.readOnly ? this.readRouter.pick(shard, this.health) : shard.master;
  }

  private handleError(cc: ClusterCommand, error: Error): void {
    if (error instanceof ReplyError && error.code === 'LOADING') this.health.markLoading(cc.address);
    const decision = decideAttempt(error, this.attemptState(cc), this.ctx, this.options);
    if (cc instanceof TracedClusterCommand && decision.kind !== 'fail') cc.trace.failedAttempt(decision.kind, error, cc.address);
    switch (decision.kind) {
      case 'fail':
        cc.finish(decision.error, null);
        return;
      case 'retry':
        cc.attempts++;
        return this.retryAfter(cc, decision.delayMs, decision.reload);
      case 'redirect': {
        cc.redirects++;
        const redirect = decision.redirect;
        if (decision.node !== undefined) {
          if (!decision.asking) this.ctx.requestReload();
          this.redirect(cc, decision.node, redirect);
        } else {
          // Not a node we know: only a fresh topology can vouch for it; until then nothing is dialled.
          void reloadedTarget(this.ctx, redirect, decision.address).then(
            (target) => (target instanceof UntrustedRedirectError ? cc.finish(target, null) : this.redirect(cc, target, redirect)),
            (reloadError: Error) => cc.finish(reloadError, null),
          );
        }
      }
    }
  }

  private attemptState(cc: ClusterCommand): AttemptState {
    return {
      name: cc.name,
      address: cc.address,
      attempts: cc.attempts,
      redirects: cc.redirects,
      pinned: cc.pinned !== undefined,
      safeToRepeat: () => cc.spec !== undefined && isSafeToRepeat(cc.spec, cc.args),
      redirectLimit: 'max-redirects-error',
    };
  }

  private redirect(cc: ClusterCommand, node: ClusterNode, redirect: MovedError | AskError): void {
    cc.target = node;
    cc.asking = redirect instanceof AskError;
    this.dispatch(cc);
  }

  private retryAfter(cc: ClusterCommand, delay: number, reload: boolean): void {
    if (reload) {
      // Route the retry on the topology the reload brings, not the one that just failed us.
      const reloaded = this.ctx.reload();
      this.ctx.watchFailover();
      this.parked.park(cc, delay, () => void reloaded.then(() => this.dispatch(cc)));
    } else this.parked.park(cc, delay, () => this.dispatch(cc));
  }

  /**
   * Whether the topology now sends a parked command somewhere other than the node that failed it.
   * A keyless command goes to any master, so any change may help it; a pinned one has nowhere else to go.
   */
  private ownerChanged(cc: ClusterCommand): boolean {
    if (cc.pinned !== undefined) return false;
    if (cc.slot === -1) return true;
    const node = this.route(cc);
    return node !== undefined && node.address !== cc.address;
  }
}

/** A `0` timeout blocks until data arrives; the read deadline then effectively never fires. */
const FOREVER_MS = 2 ** 31 - 1;
