import { EventEmitter } from 'node:events';
import { CommandMethods, type SendOptions } from '../../commands/command-methods';
import { blockingTimeoutMs } from '../../commands/blocking-timeout';
import { CommandRegistry } from '../../commands/command-registry';
import type { CommandSpec } from '../../commands/command-spec';
import { refusalOf, unsupportedCommand } from '../../commands/connection-state-commands';
import { ClientClosedError } from '../../errors/client-closed-error';
import type { RedisClusterOptions } from '../../options/client-options';
import { resolveOptions, type ResolvedOptions } from '../../options/resolve-options';
import { sumStats, type PoolStats } from '../../pool/pool-stats';
import { checkArguments } from '../../resp/encoder';
import type { RespArg, RespValue } from '../../resp/types';
import { ClusterCommand, type CompletionTracker, type Done } from '../routing/cluster-command';
import { keySlot } from '../../slots/hash-slot';
import { ClusterState } from '../cluster-state';
import { CommandLearner } from './command-learner';
import { CommandRouter } from '../routing/command-router';
import type { ClusterHealth, NodeStateChange, TopologyChange } from '../health/health-types';
import { readRouterFor } from '../routing/read-routing';
import { assertSingleSlot, splitMultiKey } from '../multi-key/multi-key-splitter';
import { runOnEveryNode, runSplit, type Execute } from '../multi-key/fan-out';
import { Lifecycle, type ClientStatus } from './lifecycle';

export type { ClientStatus } from './lifecycle';

/**
 * close() ends within readTimeout + 1 s: readTimeout to drain, then up to this for commands in a
 * retry's backoff to meet the closed pools; the rest of the second is for the sockets' teardown.
 */
export const CLOSE_SLACK_MS = 800;

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
  protected readonly lifecycle = new Lifecycle();
  private connecting: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private active = 0;
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
    return this.lifecycle.status;
  }

  /** The send path reads the status here; the lifecycle owns it. */
  private get currentStatus(): ClientStatus {
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
    this.closing ??= this.shutdown();
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
    return this.active === 0 ? Promise.resolve() : this.lifecycle.whenIdle(deadline);
  }

  /**
   * For entry points outside send(): resolves when requests may go out (at once when ready, after
   * connect() when connecting), rejects with ClientClosedError before connect() and once closing.
   */
  protected whenUsable(): Promise<void> {
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
      // A bad argument or a refused command throws from command(): the executor turns that into this
      // caller's rejection, and nothing was queued. The slot is hashed only from a checked key.
      return new Promise<V>((resolve, reject) => {
        const cc = this.command(args, spec, -1, options?.buffers ?? false, resolve as (v: unknown) => void, reject);
        cc.slot = keySlot(args[spec.singleKeyAt]);
        cc.transform = options?.transform;
        this.router.dispatch(cc);
      });
    }
    return new Promise<V>((resolve, reject) => {
      // Before any key is hashed, split or learned about; a throw here rejects this caller alone.
      checkArguments(args);
      assertAllowed(args, spec);
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
    let cc: ClusterCommand;
    try {
      cc = this.command(args, spec, slot, buffers, (value) => done(null, value as RespValue), (error) => done(error, null), masterOnly);
    } catch (error) {
      // InvalidArgumentError or UnsupportedCommandError (nodes()[i].call): this command fails alone.
      return done(error as Error, null);
    }
    cc.pinned = pinned;
    if (this.currentStatus === 'connecting') {
      void this.connecting?.then(() => this.router.dispatch(cc), (e: Error) => cc.finish(e, null));
    } else this.router.dispatch(cc);
  };

  /**
   * The single creation point of a routed command. Throws, before anything is counted or queued,
   * UnsupportedCommandError for a command that would change a shared connection's state and
   * InvalidArgumentError for an argument that cannot be sent (the command encodes itself here).
   */
  private command(
    args: RespArg[],
    spec: CommandSpec | undefined,
    slot: number,
    buffers: boolean,
    resolve: (value: unknown) => void,
    reject: (error: Error) => void,
    masterOnly = false,
  ): ClusterCommand {
    assertAllowed(args, spec);
    const readOnly = !masterOnly && (spec?.flags.readonly ?? false);
    const cc = new ClusterCommand(args, spec, slot, readOnly, buffers, this.router, this.tracker, resolve, reject);
    this.active++;
    if (spec?.flags.blocking) cc.blockMs = blockingTimeoutMs(spec, args);
    if (this.options.waitReplicas > 0 && spec?.flags.write) cc.needsAck = true;
    return cc;
  }

  /** One command fewer in flight; close() waits for zero. */
  private finished(): void {
    if (--this.active === 0) this.lifecycle.wakeIdle();
  }
}

/** Precomputed on the spec (one property read); by name only for commands the registry does not know. */
function assertAllowed(args: RespArg[], spec: CommandSpec | undefined): void {
  if (spec === undefined) {
    const refused = refusalOf(args);
    if (refused !== undefined) throw refused;
  } else if (spec.useInstead !== undefined) throw unsupportedCommand(spec.name, spec.useInstead);
}

function noop(): void {}
