import type { RedisKey, SendOptions } from '../../commands/command-methods';
import type { CommandRegistry } from '../../commands/command-registry';
import { Reauth } from '../../connection/reauth';
import { ClientClosedError } from '../../errors/client-closed-error';
import type { RedisClusterOptions } from '../../options/client-options';
import { resolveOptions, type ResolvedOptions } from '../../options/resolve-options';
import { settleWithin } from '../../pool/settle-within';
import type { PoolStats } from '../../pool/pool-stats';
import { CHANNELS, PATTERNS, SHARDED } from '../../pubsub/subscription-kind';
import type { AnyMessageListener, ListenerFor, SubscribeOptions, Utf8 } from '../../pubsub/subscription-kind';
import type { RespArg, RespValue } from '../../resp/types';
import { keySlot } from '../../slots/hash-slot';
import { Pipeline } from '../batch/pipeline';
import type { ScanOptions } from '../batch/scan-iterator';
import { Script } from '../batch/script';
import type { Transaction } from '../batch/transaction';
import type { WatchSession } from '../batch/watch-session';
import { ClusterState } from '../cluster-state';
import type { ClusterHealth } from '../health/health-types';
import type { CommandRouter } from '../routing/command-router';
import { ClientEventEmitter, type ClientEvents } from './client-events';
import { CommandDispatch } from './command-dispatch';
import type { Dispatcher } from './dispatcher';
import { ClientCommands } from './features/client-commands';
import { ClusterScan } from './features/cluster-scan';
import { nodeHandles, type ClusterNodeHandle } from './features/node-handles';
import { Subscriptions } from './features/subscriptions';
import { Transactions } from './features/transactions';
import { CLOSE_SLACK_MS, Lifecycle, type ClientStatus } from './lifecycle';

export type { ClientEvents } from './client-events';
export { CLOSE_SLACK_MS, type ClientStatus } from './lifecycle';
export type { ClusterNodeHandle } from './features/node-handles';

/**
 * The Redis Cluster client: typed commands and `call()` for any command, routed by key slot,
 * redirected and retried per the cluster's answers; pipelines, transactions, scripts, cluster-wide
 * SCAN and pub/sub. Events: `ready`, `close`, `nodeStateChange`, `topologyChange`, `error`
 * (informational; the client listens itself, so it never crashes the process).
 *
 * One class: the lifecycle and the fast path of send() live here; the rest is given to objects
 * (CommandDispatch routes, Transactions, ClusterScan, PubSub) that see the client only through a
 * small Dispatcher. The typed command methods stay an inheritance chain (CommandMethods, then the client-only ClientCommands): as objects
 * they would change the public types (`client.get()` returns Promise, `pipeline.get()` the pipeline) and add a call per command.
 */
export class RedisClusterClient extends ClientCommands {
  readonly options: ResolvedOptions;
  private readonly state: ClusterState;
  private readonly lifecycle = new Lifecycle();
  private readonly core: CommandDispatch;
  // Read by the fast path of send(): the same objects as core's, one property load away.
  private readonly registry: CommandRegistry;
  private readonly router: CommandRouter;
  private readonly dispatcher: Dispatcher;
  private readonly transactions: Transactions;
  private readonly scanner: ClusterScan;
  private readonly subscriptions: Subscriptions;
  private readonly reauth: Reauth;
  private readonly events = new ClientEventEmitter(this);
  private connecting: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor(options: RedisClusterOptions) {
    super();
    this.options = resolveOptions(options);
    this.events.on('error', () => undefined);
    this.state = new ClusterState(this.options, {
      nodeStateChange: (change) => this.events.nodeStateChange(change),
      topologyChange: (change) => this.events.topologyChange(change),
      error: (error) => this.events.emit('error', error),
      warning: (message) => this.events.emit('warning', message),
    });
    this.core = new CommandDispatch(this.options, this.state, this.lifecycle, () => this.connecting, this);
    this.registry = this.core.registry;
    this.router = this.core.router;
    this.dispatcher = {
      registry: this.registry,
      send: (args, sendOptions) => this.send(args, sendOptions),
      request: (request) => this.core.request(request),
      whenUsable: () => this.whenUsable(),
      refusal: () => this.lifecycle.refusal(),
    };
    this.transactions = new Transactions(this.dispatcher, this.state, this.options);
    this.scanner = new ClusterScan(this.dispatcher, () => this.state.topology());
    const pubsubHost = {
      topology: () => this.state.topology(),
      reload: () => this.state.reload(),
      connectionConfig: this.state.connectionConfig.bind(this.state),
      error: (error: Error) => this.events.emit('error', error),
    };
    this.subscriptions = new Subscriptions(this.dispatcher, pubsubHost, () => this.lifecycle.closed);
    this.on('topologyChange', () => this.subscriptions.onTopologyChange());
    // Idle until connected: a round with no open socket asks the provider nothing.
    const reauthTargets = () => [...this.state.reauthTargets(), ...this.subscriptions.reauthTargets()];
    this.reauth = new Reauth(this.options, reauthTargets, (error) => this.events.emit('error', error));
    this.reauth.start();
  }

  on<E extends keyof ClientEvents>(event: E, listener: (...args: ClientEvents[E]) => void): this {
    this.events.on(event, listener as never);
    return this;
  }

  once<E extends keyof ClientEvents>(event: E, listener: (...args: ClientEvents[E]) => void): this {
    this.events.once(event, listener as never);
    return this;
  }

  off<E extends keyof ClientEvents>(event: E, listener: (...args: ClientEvents[E]) => void): this {
    this.events.off(event, listener as never);
    return this;
  }

  listenerCount<E extends keyof ClientEvents>(event: E): number {
    return this.events.listenerCount(event);
  }

  get status(): ClientStatus {
    return this.lifecycle.status;
  }

  /**
   * Loads the topology from the seeds and opens minIdleConns per node. Idempotent. A close() under
   * way makes it reject with ClientClosedError; a failed attempt leaves nothing open and may be retried.
   */
  connect(): Promise<void> {
    if (this.lifecycle.closed) return Promise.reject(new ClientClosedError());
    if (this.connecting === undefined) {
      this.lifecycle.moveTo('connecting');
      this.connecting = this.state.connect().then(
        () => {
          // close() began after the attempt's last step: what it opened is being closed, not used.
          if (!this.lifecycle.moveTo('ready')) throw new ClientClosedError();
          this.events.emit('ready');
        },
        (error: Error) => {
          if (this.lifecycle.closed) throw new ClientClosedError();
          this.connecting = undefined;
          this.lifecycle.moveTo('idle');
          throw error;
        },
      );
    }
    return this.connecting;
  }

  /**
   * Waits for in-flight commands (retries included) for up to readTimeout, then fails what is left
   * with ClientClosedError and closes every socket and timer; ends within readTimeout + 1 s whatever
   * the nodes do. Blocking calls (BLPOP, XREAD BLOCK) are not waited for: they fail at once. A
   * connect() under way rejects with ClientClosedError. Final: connect() afterwards rejects.
   */
  close(): Promise<void> {
    if (this.closing === undefined) {
      this.reauth.stop();
      // Subscriber sockets are destroyed, not drained; a dial under way is waited for within the same bound as the rest.
      const subscribers = settleWithin(this.subscriptions.close(), this.options.readTimeout + CLOSE_SLACK_MS);
      this.closing = Promise.all([this.shutdown(), subscribers]).then(noop);
    }
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    // Only a ready client has commands on the wire; during connect() they wait for the attempt, which close() ends.
    const drain = this.lifecycle.status === 'ready';
    this.lifecycle.moveTo('closing');
    const drained = Date.now() + this.options.readTimeout;
    // A blocking call may wait forever; everything else is drained.
    this.router.cancelBlocking(new ClientClosedError());
    if (drain) await this.idle(drained);
    await this.state.close(drained - Date.now());
    // A command between two attempts (a retry's backoff) fails with ClientClosedError on the next
    // one, at a closed pool: wait for those too, so close() leaves no command pending behind it.
    await this.idle(drained + CLOSE_SLACK_MS);
    // The attempt sees the close at its next step, all of which the state just ended: this settles at once.
    await this.connecting?.then(noop, noop);
    this.lifecycle.moveTo('closed');
    this.events.emit('close');
  }

  /** Resolves when no command is in flight, or at `deadline` (epoch ms). */
  private idle(deadline: number): Promise<void> {
    return this.core.inFlight === 0 ? Promise.resolve() : this.lifecycle.whenIdle(deadline);
  }

  /**
   * For entry points outside send(): resolves when requests may go out (at once when ready, after
   * connect() when connecting), rejects with ClientClosedError before connect() and once closing.
   */
  private whenUsable(): Promise<void> {
    const refused = this.lifecycle.refusal();
    if (refused !== undefined) return Promise.reject(refused);
    return this.lifecycle.status === 'ready' || this.connecting === undefined ? Promise.resolve() : this.connecting;
  }

  /** Any command, routed by its keys: `call('HSET', 'h', 'f', 'v')`. */
  call(command: string, ...args: RespArg[]): Promise<RespValue> {
    return this.send([command, ...args]);
  }

  /** Like call(), with bulk strings in the reply as Buffers. */
  callBuffer(command: string, ...args: RespArg[]): Promise<RespValue> {
    return this.send([command, ...args], { buffers: true });
  }

  health(): ClusterHealth {
    return this.state.snapshot();
  }

  poolStats(): PoolStats {
    return this.state.poolStats();
  }

  nodePoolStats(): Record<string, PoolStats> {
    return this.state.nodePoolStats();
  }

  protected send<V = RespValue>(args: RespArg[], options?: SendOptions<V>): Promise<V> {
    const spec = this.registry.resolve(args);
    // Hot path: a ready client and a command with one key at a fixed place (GET, SET, HSET ...).
    if (this.lifecycle.status === 'ready' && spec?.singleKeyAt && spec.singleKeyAt < args.length && !spec.flags.blocking) {
      // A bad argument or a refused command throws from command(): the executor turns that into this
      // caller's rejection, and nothing was queued. The slot is hashed only from a checked key.
      return new Promise<V>((resolve, reject) => {
        const cc = this.core.command(args, spec, -1, options?.buffers ?? false, resolve as (v: unknown) => void, reject);
        cc.slot = keySlot(args[spec.singleKeyAt]);
        cc.transform = options?.transform;
        this.router.dispatch(cc);
      });
    }
    return this.core.sendSlow(args, spec, options);
  }

  /** Queue commands over any slots and send them together; `exec()` gives `[error, reply]` per command. */
  pipeline(): Pipeline {
    return new Pipeline(this.dispatcher.send, this.dispatcher.refusal);
  }

  /** MULTI ... EXEC over keys of one slot (use a {hash tag}); refused before sending otherwise. */
  multi(): Transaction {
    return this.transactions.multi();
  }

  /**
   * Optimistic locking: WATCHes `keys` (one slot) on a connection checked out for `fn`, which reads
   * through the session and returns `session.multi()...exec()` — null when a watched key changed.
   * UNWATCH and the connection's return happen whatever `fn` does.
   */
  watch<T>(keys: RedisKey | readonly RedisKey[], fn: (session: WatchSession) => Promise<T>): Promise<T> {
    return this.transactions.watch(keys, fn);
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
    return this.scanner.scan(options);
  }

  /** The nodes of the current topology, each with `call()` pinned to it (per-node SCAN, INFO, CONFIG ...). */
  nodes(role: 'master' | 'replica' | 'all' = 'master'): ClusterNodeHandle[] {
    return nodeHandles(this.dispatcher, this.state.topology(), role);
  }

  /** Listens to `channels` (PUBLISH reaches every node, so one socket serves them all); `{ buffers: true }`: the listener gets Buffers. */
  subscribe<O extends SubscribeOptions = Utf8>(channels: string | string[], listener: ListenerFor<O>, options?: O): Promise<void> {
    return this.subscriptions.subscribe(CHANNELS, channels, listener, options);
  }

  unsubscribe(channels: string | string[], listener?: AnyMessageListener): Promise<void> {
    return this.subscriptions.unsubscribe(CHANNELS, channels, listener);
  }

  /** Listens to channels matching glob `patterns`; the listener also gets the pattern. */
  psubscribe<O extends SubscribeOptions = Utf8>(patterns: string | string[], listener: ListenerFor<O>, options?: O): Promise<void> {
    return this.subscriptions.subscribe(PATTERNS, patterns, listener, options);
  }

  punsubscribe(patterns: string | string[], listener?: AnyMessageListener): Promise<void> {
    return this.subscriptions.unsubscribe(PATTERNS, patterns, listener);
  }

  /** Sharded pub/sub (Redis 7): subscribed on the master of each channel's slot, and kept there across failovers and migrations. */
  ssubscribe<O extends SubscribeOptions = Utf8>(channels: string | string[], listener: ListenerFor<O>, options?: O): Promise<void> {
    return this.subscriptions.subscribe(SHARDED, channels, listener, options);
  }

  sunsubscribe(channels: string | string[], listener?: AnyMessageListener): Promise<void> {
    return this.subscriptions.unsubscribe(SHARDED, channels, listener);
  }
}

function noop(): void {}
