import { Command } from '../connection/command';
import type { Connection } from '../connection/connection';
import { NOT_BLOCKING } from '../commands/blocking-timeout';
import { isSafeToRepeat } from '../commands/command-spec';
import { AskError } from '../errors/ask-error';
import { MaxRedirectsError } from '../errors/max-redirects-error';
import { MovedError } from '../errors/moved-error';
import { ReplyError } from '../errors/reply-error';
import { UnknownOutcomeError } from '../errors/unknown-outcome-error';
import type { NodeAddress } from '../options/client-options';
import type { ResolvedOptions } from '../options/resolve-options';
import type { NodePool } from '../pool/node-pool';
import type { RespValue } from '../resp/types';
import type { AttemptHandler, ClusterCommand } from './cluster-command';
import type { NodeHealthTracker } from './node-health';
import type { ReadRouter } from './read-routing';
import { backoff, classify } from './retry-policy';
import type { ClusterNode, Topology } from './topology';

/** What the router needs from the client: the current topology, pools by address, reloads. */
export interface RouterContext {
  topology(): Topology | undefined;
  /** Single-flight reload; resolves when the new topology is in place (or the attempt failed). */
  reload(): Promise<void>;
  /** A reload, started lazily (MOVED, failures); never awaited by the caller. */
  requestReload(): void;
  poolFor(address: NodeAddress & { address?: string }): NodePool;
  resolve(announced: NodeAddress): NodeAddress;
}

type RouterOptions = Pick<ResolvedOptions, 'maxRetries' | 'maxRedirects' | 'minRetryBackoff' | 'maxRetryBackoff' | 'readOnly'>;

/**
 * The redirect loop, read as the protocol: MOVED is retried at once at the new address and
 * refreshes the topology lazily; ASK sends ASKING + the command to the target on one connection;
 * transient failures back off and route afresh; bounded by maxRedirects and maxRetries.
 */
export class CommandRouter implements AttemptHandler {
  constructor(
    private readonly ctx: RouterContext,
    private readonly options: RouterOptions,
    private readonly readRouter: ReadRouter,
    private readonly health: NodeHealthTracker,
  ) {}

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
      pool = this.ctx.poolFor(target);
      cc.target = undefined;
    } else {
      const node = this.route(cc);
      if (node === undefined) {
        // No topology, or a slot nobody serves (a failover or a reshard in progress): wait for a reload.
        this.retry(cc, new ReplyError('CLUSTERDOWN', `CLUSTERDOWN no node serves slot ${cc.slot} yet`), true);
        return;
      }
      pool = this.ctx.poolFor(node);
    }
    cc.address = pool.address;
    if (cc.asking) {
      cc.asking = false;
      pool.sendGroup([new Command(['ASKING']), cc]);
    } else if (cc.blockMs === NOT_BLOCKING) pool.send(cc);
    // Redirected or not, a blocking call never waits on a shared socket.
    else this.sendBlocking(pool, cc);
  }

  /**
   * A blocking call (BLPOP, XREAD BLOCK, WAIT) gets a connection of its own, so the other traffic
   * to that node is not stuck behind it, and its read deadline grows by its own timeout.
   */
  private sendBlocking(pool: NodePool, cc: ClusterCommand): void {
    pool.acquire().then(
      (connection) => {
        this.blocked.add(connection);
        cc.release = (error) => {
          this.blocked.delete(connection);
          // A blocked call that failed mid-way leaves the socket in an unknown state: do not reuse it.
          pool.release(connection, error !== null && !(error instanceof ReplyError));
        };
        connection.extendReadDeadline(cc.blockMs === 0 ? FOREVER_MS : cc.blockMs);
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
    if (error instanceof MovedError || error instanceof AskError) {
      if (++cc.redirects > this.options.maxRedirects) {
        cc.finish(new MaxRedirectsError(cc.name, cc.redirects, error), null);
        return;
      }
      const host = error.host === '' ? cc.address.slice(0, cc.address.lastIndexOf(':')) : error.host;
      cc.target = this.ctx.resolve({ host, port: error.port });
      cc.asking = error instanceof AskError;
      if (error instanceof MovedError) this.ctx.requestReload();
      this.dispatch(cc);
      return;
    }
    const decision = classify(error);
    if (error instanceof ReplyError && error.code === 'LOADING') this.health.markLoading(cc.address);
    switch (decision) {
      case 'retry':
        return this.retry(cc, error, false);
      case 'reload':
        return this.retry(cc, error, true);
      case 'retryIfSafe':
        if (cc.spec !== undefined && isSafeToRepeat(cc.spec, cc.args)) return this.retry(cc, error, true);
        cc.finish(new UnknownOutcomeError(cc.name, cc.address, error), null);
        return;
      default:
        cc.finish(error, null);
    }
  }

  private retry(cc: ClusterCommand, error: Error, reload: boolean): void {
    if (++cc.attempts > this.options.maxRetries) {
      cc.finish(error, null);
      return;
    }
    const delay = backoff(cc.attempts - 1, this.options.minRetryBackoff, this.options.maxRetryBackoff);
    if (reload) {
      // Route the retry on the topology the reload brings, not the one that just failed us.
      const reloaded = this.ctx.reload();
      setTimeout(() => void reloaded.then(() => this.dispatch(cc)), delay);
    } else setTimeout(() => this.dispatch(cc), delay);
  }
}

/** A `0` timeout blocks until data arrives; the read deadline then effectively never fires. */
const FOREVER_MS = 2 ** 31 - 1;
