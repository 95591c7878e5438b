import { EventEmitter } from 'node:events';
import { CommandMethods, type SendOptions } from '../commands/command-methods';
import { blockingTimeoutMs } from '../commands/blocking-timeout';
import { CommandRegistry } from '../commands/command-registry';
import type { CommandSpec } from '../commands/command-spec';
import { ClientClosedError } from '../errors/client-closed-error';
import type { RedisClusterOptions } from '../options/client-options';
import { resolveOptions, type ResolvedOptions } from '../options/resolve-options';
import { sumStats, type PoolStats } from '../pool/pool-stats';
import type { RespArg, RespValue } from '../resp/types';
import { ClusterCommand, type CompletionTracker, type Done } from './cluster-command';
import { keySlot } from './hash-slot';
import { ClusterState } from './cluster-state';
import { CommandLearner } from './command-learner';
import { CommandRouter } from './command-router';
import type { ClusterHealth, NodeStateChange, TopologyChange } from './health-types';
import { readRouterFor } from './read-routing';
import { assertSingleSlot, splitMultiKey } from './multi-key-splitter';
import { runOnEveryNode, runSplit, type Execute } from './fan-out';

export type ClientStatus = 'idle' | 'connecting' | 'ready' | 'closing' | 'closed';

export interface ClientEvents {
  ready: [];
  close: [];
  nodeStateChange: [change: NodeStateChange];
  topologyChange: [change: TopologyChange];
  error: [error: Error];
  /** A configuration that works but weakens security (e.g. TLS without certificate checks); once per client. */
  warning: [message: string];
}

/**
 * The heart of the client: lifecycle, events, and every command's way from `send` to a node —
 * fan-out, cross-slot split, or one routed ClusterCommand. RedisClusterClient adds the batch,
 * transaction, script, scan and pub/sub APIs on top.
 */
export class ClusterClientCore extends CommandMethods<'promise'> {
  readonly options: ResolvedOptions;
  protected readonly registry = new CommandRegistry();
  protected readonly state: ClusterState;
  private readonly router: CommandRouter;
  private readonly learner: CommandLearner;
  private currentStatus: ClientStatus = 'idle';
  private connecting: Promise<void> | undefined;
  private active = 0;
  private idleWaiters: Array<() => void> = [];
  // Composition, not inheritance: the typed command methods own the class chain.
  private readonly events = new EventEmitter<ClientEvents>();
  private readonly tracker: CompletionTracker = { finished: () => this.finished() };

  constructor(options: RedisClusterOptions) {
    super();
    this.options = resolveOptions(options);
    this.events.on('error', () => undefined);
    this.state = new ClusterState(this.options, {
      nodeStateChange: (change) => this.events.emit('nodeStateChange', change),
      topologyChange: (change) => this.events.emit('topologyChange', change),
      error: (error) => this.events.emit('error', error),
      warning: (message) => this.events.emit('warning', message),
    });
    this.router = new CommandRouter(this.state, this.options, readRouterFor(this.options), this.state.health);
    this.learner = new CommandLearner(this.registry, (args) => new Promise((resolve, reject) => {
      this.execute(args, undefined, -1, false, (error, reply) => (error ? reject(error) : resolve(reply)));
    }));
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

  /** For subclasses: report a background failure without throwing. */
  protected emitError(error: Error): void {
    this.events.emit('error', error);
  }

  listenerCount<E extends keyof ClientEvents>(event: E): number {
    return this.events.listenerCount(event);
  }

  get status(): ClientStatus {
    return this.currentStatus;
  }

  /** Loads the topology from the seeds and opens minIdleConns per node. Idempotent. */
  connect(): Promise<void> {
    if (this.currentStatus === 'closing' || this.currentStatus === 'closed') return Promise.reject(new ClientClosedError());
    if (this.connecting === undefined) {
      this.currentStatus = 'connecting';
      this.connecting = this.state.connect().then(
        () => {
          this.currentStatus = 'ready';
          this.events.emit('ready');
        },
        // Sockets and timers of the failed attempt are gone before the caller can try again.
        (error: Error) =>
          this.state.close().then(
            () => {
              this.connecting = undefined;
              this.currentStatus = 'idle';
              throw error;
            },
            () => {
              throw error;
            },
          ),
      );
    }
    return this.connecting;
  }

  /**
   * Waits for in-flight commands (retries included), then closes every socket and timer. Blocking
   * calls (BLPOP, XREAD BLOCK) are not waited for: they fail with ClientClosedError at once.
   */
  async close(): Promise<void> {
    if (this.currentStatus === 'closed') return;
    this.currentStatus = 'closing';
    // A blocking call may wait forever; everything else is drained.
    this.router.cancelBlocking(new ClientClosedError());
    if (this.active > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    await this.state.close();
    this.currentStatus = 'closed';
    this.events.emit('close');
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
    return sumStats([...this.state.allPools().values()].map((p) => p.stats()));
  }

  nodePoolStats(): Record<string, PoolStats> {
    const out: Record<string, PoolStats> = {};
    for (const [address, pool] of this.state.allPools()) out[address] = pool.stats();
    return out;
  }

  protected send<V = RespValue>(args: RespArg[], options?: SendOptions<V>): Promise<V> {
    const spec = this.registry.resolve(args);
    // Hot path: a ready client and a command with one key at a fixed place (GET, SET, HSET ...).
    if (this.currentStatus === 'ready' && spec !== undefined && spec.singleKeyAt !== 0 && spec.singleKeyAt < args.length && !spec.flags.blocking) {
      return new Promise<V>((resolve, reject) => {
        const cc = this.command(args, spec, keySlot(args[spec.singleKeyAt]), options?.buffers ?? false, resolve as (v: unknown) => void, reject);
        cc.transform = options?.transform;
        this.router.dispatch(cc);
      });
    }
    return new Promise<V>((resolve, reject) => {
      const transform = options?.transform;
      const done: Done = (error, reply) => {
        if (error !== null) reject(error);
        else if (transform === undefined) resolve(reply as V);
        else {
          try {
            resolve(transform(reply));
          } catch (transformError) {
            reject(transformError);
          }
        }
      };
      if (this.currentStatus !== 'ready' && this.currentStatus !== 'connecting') {
        done(new ClientClosedError(this.currentStatus === 'idle' ? 'client (call connect() first)' : 'client'), null);
        return;
      }
      const buffers = options?.buffers ?? false;
      if (spec !== undefined) this.route(args, spec, buffers, done);
      else {
        this.learner.resolve(args).then(
          (learned) => this.route(args, learned, buffers, done),
          () => this.route(args, undefined, buffers, done),
        );
      }
    });
  }

  private route(args: RespArg[], spec: CommandSpec | undefined, buffers: boolean, done: Done): void {
    try {
      if (spec !== undefined && (spec.route === 'allMasters' || spec.route === 'allNodes') && spec.aggregate !== 'special') {
        const topology = this.state.topology();
        if (topology === undefined) return done(new ClientClosedError('client (no topology yet)'), null);
        return runOnEveryNode(this.execute, topology, args, spec, buffers, done);
      }
      if (spec?.multiKey !== undefined && spec.singleKeyAt === 0) {
        const groups = splitMultiKey(spec, args);
        if (groups.length > 1) return runSplit(this.execute, spec, spec.multiKey, groups, buffers, done);
      }
      this.execute(args, spec, spec === undefined ? -1 : assertSingleSlot(spec.name, args, spec), buffers, done);
    } catch (error) {
      done(error as Error, null);
    }
  }

  /** The callback-style way in, for split commands, fan-outs and internal requests. */
  protected readonly execute: Execute = (args, spec, slot, buffers, done, pinned, masterOnly = false) => {
    const cc = this.command(args, spec, slot, buffers, (value) => done(null, value as RespValue), (error) => done(error, null), masterOnly);
    cc.pinned = pinned;
    if (this.currentStatus === 'connecting') {
      void this.connecting?.then(() => this.router.dispatch(cc), (e: Error) => cc.finish(e, null));
    } else this.router.dispatch(cc);
  };

  private command(
    args: RespArg[],
    spec: CommandSpec | undefined,
    slot: number,
    buffers: boolean,
    resolve: (value: unknown) => void,
    reject: (error: Error) => void,
    masterOnly = false,
  ): ClusterCommand {
    this.active++;
    const readOnly = !masterOnly && (spec?.flags.readonly ?? false);
    const cc = new ClusterCommand(args, spec, slot, readOnly, buffers, this.router, this.tracker, resolve, reject);
    if (spec?.flags.blocking) cc.blockMs = blockingTimeoutMs(spec, args);
    if (this.options.waitReplicas > 0 && spec?.flags.write) cc.needsAck = true;
    return cc;
  }

  /** One command fewer in flight; close() waits for zero. */
  private finished(): void {
    if (--this.active === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
