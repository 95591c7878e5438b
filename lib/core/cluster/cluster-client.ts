import { EventEmitter } from 'node:events';
import { CommandRegistry } from '../commands/command-registry';
import { ClientClosedError } from '../errors/client-closed-error';
import type { RedisClusterOptions } from '../options/client-options';
import { resolveOptions, type ResolvedOptions } from '../options/resolve-options';
import { sumStats, type PoolStats } from '../pool/pool-stats';
import type { RespArg, RespValue } from '../resp/types';
import { ClusterCommand } from './cluster-command';
import { ClusterState } from './cluster-state';
import { commandSlot } from './command-slot';
import { CommandRouter } from './command-router';
import type { ClusterHealth } from './health-types';
import { readRouterFor } from './read-routing';

export type ClientStatus = 'idle' | 'connecting' | 'ready' | 'closing' | 'closed';

export interface SendOptions<V> {
  transform?: (reply: RespValue) => V;
  buffers?: boolean;
}

/**
 * The Redis Cluster client: typed commands and `call()` for any command, routed by key slot,
 * redirected and retried per the cluster's answers. Events: `ready`, `close`, `nodeStateChange`,
 * `topologyChange`, `error` (informational; the client listens itself, so it never crashes the process).
 */
export class RedisClusterClient extends EventEmitter {
  readonly options: ResolvedOptions;
  private readonly registry = new CommandRegistry();
  private readonly state: ClusterState;
  private readonly router: CommandRouter;
  private currentStatus: ClientStatus = 'idle';
  private connecting: Promise<void> | undefined;
  private active = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(options: RedisClusterOptions) {
    super();
    this.options = resolveOptions(options);
    this.on('error', () => undefined);
    this.state = new ClusterState(this.options, {
      nodeStateChange: (change) => this.emit('nodeStateChange', change),
      topologyChange: (change) => this.emit('topologyChange', change),
      error: (error) => this.emit('error', error),
    });
    this.router = new CommandRouter(this.state, this.options, readRouterFor(this.options), this.state.health);
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
          this.emit('ready');
        },
        (error: Error) => {
          this.connecting = undefined;
          this.currentStatus = 'idle';
          void this.state.close().catch(() => undefined);
          throw error;
        },
      );
    }
    return this.connecting;
  }

  /** Waits for in-flight commands (retries included), then closes every socket and timer. */
  async close(): Promise<void> {
    if (this.currentStatus === 'closed') return;
    this.currentStatus = 'closing';
    if (this.active > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    await this.state.close();
    this.currentStatus = 'closed';
    this.emit('close');
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
    return new Promise<V>((resolve, reject) => {
      if (this.currentStatus !== 'ready' && this.currentStatus !== 'connecting') {
        reject(new ClientClosedError(this.currentStatus === 'idle' ? 'client (call connect() first)' : 'client'));
        return;
      }
      const spec = this.registry.resolve(args);
      let slot: number;
      try {
        slot = commandSlot(spec, args);
      } catch (error) {
        reject(error);
        return;
      }
      const transform = options?.transform;
      this.active++;
      const cc = new ClusterCommand(args, spec, slot, spec?.flags.readonly ?? false, options?.buffers ?? false, (error, reply) => {
        this.finished();
        if (error !== null) reject(error);
        else if (transform === undefined) resolve(reply as V);
        else {
          try {
            resolve(transform(reply));
          } catch (transformError) {
            reject(transformError);
          }
        }
      }, this.router.onAttempt);
      if (this.currentStatus === 'connecting') void this.connecting?.then(() => this.router.dispatch(cc), (e: Error) => cc.done(e, null));
      else this.router.dispatch(cc);
    });
  }

  private finished(): void {
    if (--this.active === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
