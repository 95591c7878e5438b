import type { RedisKey } from '../../commands/command-methods';
import { ClientClosedError } from '../../errors/client-closed-error';
import { ConnectionError } from '../../errors/connection-error';
import { ReplyError } from '../../errors/reply-error';
import type { RedisClusterOptions } from '../../options/client-options';
import { settleWithin } from '../../pool/settle-within';
import { PubSub } from '../../pubsub/pubsub';
import { CHANNELS, PATTERNS, SHARDED, type MessageListener } from '../../pubsub/subscription-kind';
import type { RespArg, RespValue } from '../../resp/types';
import { CLOSE_SLACK_MS, ClusterClientCore } from './client-core';
import { Pipeline } from '../batch/pipeline';
import { scanCluster, type ScanOptions } from '../batch/scan-iterator';
import { Script } from '../batch/script';
import { Transaction } from '../batch/transaction';
import { runTransaction, transactionSlot } from '../batch/transaction-runner';
import { WatchSession } from '../batch/watch-session';

export interface ClusterNodeHandle {
  address: string;
  id: string;
  role: 'master' | 'replica';
  /** Runs a command on this node only; MOVED/ASK are not followed for it. */
  call(command: string, ...args: RespArg[]): Promise<RespValue>;
}

/**
 * The Redis Cluster client: typed commands and `call()` for any command, routed by key slot,
 * redirected and retried per the cluster's answers; pipelines, transactions, scripts, cluster-wide
 * SCAN and pub/sub. Events: `ready`, `close`, `nodeStateChange`, `topologyChange`, `error`
 * (informational; the client listens itself, so it never crashes the process).
 */
export class RedisClusterClient extends ClusterClientCore {
  private readonly pubsub: PubSub;

  constructor(options: RedisClusterOptions) {
    super(options);
    this.pubsub = new PubSub({
      topology: () => this.state.topology(),
      reload: () => this.state.reload(),
      connectionConfig: (address) => this.state.connectionConfig(address),
      error: (error) => this.emitError(error),
    });
    this.on('topologyChange', () => this.pubsub.onTopologyChange());
  }

  /** Queue commands over any slots and send them together; `exec()` gives `[error, reply]` per command. */
  pipeline(): Pipeline {
    return new Pipeline((args, options) => this.send(args, options), () => this.lifecycle.refusal());
  }

  /** MULTI ... EXEC over keys of one slot (use a {hash tag}); refused before sending otherwise. */
  multi(): Transaction {
    return new Transaction((commands) =>
      this.whenUsable().then(() => runTransaction(this.state, this.options, transactionSlot(this.registry, commands), commands)),
    );
  }

  /**
   * Optimistic locking: WATCHes `keys` (one slot) on a connection checked out for `fn`, which reads
   * through the session and returns `session.multi()...exec()` — null when a watched key changed.
   * UNWATCH and the connection's return happen whatever `fn` does.
   */
  async watch<T>(keys: RedisKey | readonly RedisKey[], fn: (session: WatchSession) => Promise<T>): Promise<T> {
    await this.whenUsable();
    const list = Array.isArray(keys) ? [...keys] : [keys as RedisKey];
    const slot = transactionSlot(this.registry, [['WATCH', ...list]]);
    const shard = this.state.topology()?.shardOf(slot);
    if (shard === undefined) throw new ReplyError('CLUSTERDOWN', `CLUSTERDOWN no master serves slot ${slot}`);
    const pool = this.state.poolFor(shard.master);
    const connection = await pool.acquire();
    let broken = false;
    try {
      await connection.request(['WATCH', ...list]);
      return await fn(new WatchSession(connection, this.registry, slot));
    } catch (error) {
      // Only a socket that failed is untrustworthy; after a server error or the callback's own, UNWATCH cleans it.
      broken = error instanceof ConnectionError || !connection.isOpen;
      throw error;
    } finally {
      if (!broken && connection.isOpen) await connection.request(['UNWATCH']).catch(() => (broken = true));
      pool.release(connection, broken);
    }
  }

  /** A Lua script run by EVALSHA with a fallback to EVAL on NOSCRIPT, on whichever node its keys live. */
  createScript(lua: string, options: { readOnly?: boolean } = {}): Script {
    return new Script(lua, (args) => this.send(args), options.readOnly);
  }

  /**
   * Every key of every master, one at a time (SCAN per master, restarted on a master that took over).
   * A key may be yielded twice when a shard's master changed more than SCAN_DEDUP_KEYS keys into
   * its pass; SCAN itself promises no more. Memory stays bounded whatever the keyspace.
   */
  scanIterator(options: ScanOptions = {}): AsyncGenerator<string> {
    return this.scanAll(options);
  }

  private async *scanAll(options: ScanOptions): AsyncGenerator<string> {
    await this.whenUsable();
    const topology = this.state.topology();
    if (topology === undefined) throw new ClientClosedError('client (no topology yet)');
    const spec = this.registry.get('SCAN');
    yield* scanCluster(topology, (slot, args) => new Promise((resolve, reject) => {
      // A scan outlives many calls: one resumed after close() must not reach the network.
      const refused = this.lifecycle.refusal();
      if (refused !== undefined) return reject(refused);
      this.execute(args, spec, slot, false, (error, reply) => (error ? reject(error) : resolve(reply)), undefined, true);
    }), options, () => this.state.topology());
  }

  /** The nodes of the current topology, each with `call()` pinned to it (per-node SCAN, INFO, CONFIG ...). */
  nodes(role: 'master' | 'replica' | 'all' = 'master'): ClusterNodeHandle[] {
    const nodes = [...(this.state.topology()?.nodes.values() ?? [])].filter((n) => role === 'all' || n.role === role);
    return nodes.map((node) => ({
      address: node.address,
      id: node.id,
      role: node.role,
      call: (command: string, ...args: RespArg[]) => this.whenUsable().then(() => new Promise<RespValue>((resolve, reject) => {
        const argv = [command, ...args];
        this.execute(argv, this.registry.resolve(argv), -1, false, (error, reply) => (error ? reject(error) : resolve(reply)), node);
      })),
    }));
  }

  /** Listens to `channels` (PUBLISH reaches every node, so one subscriber socket serves them all). */
  subscribe(channels: string | string[], listener: MessageListener): Promise<void> {
    return this.whenUsable().then(() => this.pubsub.subscribe(CHANNELS, list(channels), listener));
  }

  unsubscribe(channels: string | string[], listener?: MessageListener): Promise<void> {
    // Nothing is subscribed any more once closing (close() ended every subscription): nothing to send.
    if (this.lifecycle.closed) return Promise.resolve();
    return this.pubsub.unsubscribe(CHANNELS, list(channels), listener);
  }

  /** Listens to channels matching glob `patterns`; the listener also gets the pattern. */
  psubscribe(patterns: string | string[], listener: MessageListener): Promise<void> {
    return this.whenUsable().then(() => this.pubsub.subscribe(PATTERNS, list(patterns), listener));
  }

  punsubscribe(patterns: string | string[], listener?: MessageListener): Promise<void> {
    if (this.lifecycle.closed) return Promise.resolve();
    return this.pubsub.unsubscribe(PATTERNS, list(patterns), listener);
  }

  /** Sharded pub/sub (Redis 7): subscribed on the master of each channel's slot, and kept there across failovers and migrations. */
  ssubscribe(channels: string | string[], listener: MessageListener): Promise<void> {
    return this.whenUsable().then(() => this.pubsub.subscribe(SHARDED, list(channels), listener));
  }

  sunsubscribe(channels: string | string[], listener?: MessageListener): Promise<void> {
    if (this.lifecycle.closed) return Promise.resolve();
    return this.pubsub.unsubscribe(SHARDED, list(channels), listener);
  }

  override async close(): Promise<void> {
    // Subscriber sockets are destroyed, not drained; a dial under way is waited for within the same bound as the rest.
    const subscribers = settleWithin(this.pubsub.close(), this.options.readTimeout + CLOSE_SLACK_MS);
    await Promise.all([super.close(), subscribers]);
  }
}

function list(names: string | string[]): string[] {
  return Array.isArray(names) ? names : [names];
}

export type { ClientEvents, ClientStatus } from './client-core';
