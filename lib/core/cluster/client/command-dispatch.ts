import type { SendOptions } from '../../commands/command-methods';
import { blockingTimeoutMs } from '../../commands/blocking-timeout';
import { CommandRegistry } from '../../commands/command-registry';
import type { CommandSpec } from '../../commands/command-spec';
import { refusalOf, unsupportedCommand } from '../../commands/connection-state-commands';
import { commandChannel } from '../../diagnostics/channels';
import type { CommandTraceSource } from '../../diagnostics/command-trace';
import type { ObservedClient } from '../../diagnostics/messages';
import { ClientClosedError } from '../../errors/client-closed-error';
import type { ResolvedOptions } from '../../options/resolve-options';
import { checkArguments } from '../../resp/encoder';
import { keySlot } from '../../slots/hash-slot';
import type { RespArg, RespValue } from '../../resp/types';
import type { ClusterState } from '../cluster-state';
import { assertSingleSlot, splitMultiKey } from '../multi-key/multi-key-splitter';
import { runOnEveryNode, runSplit } from '../multi-key/fan-out';
import { ClusterCommand, type CompletionTracker, type Done } from '../routing/cluster-command';
import { CommandRouter } from '../routing/command-router';
import { readRouterFor } from '../routing/read-routing';
import { TracedClusterCommand } from '../routing/traced-cluster-command';
import type { RouteRequest } from '../routing/route-request';
import { CommandLearner } from './command-learner';
import type { Lifecycle } from './lifecycle';

/**
 * Every command's way to a node that is not the client's fast path: fan-out, cross-slot split,
 * learning an unknown command, or one routed ClusterCommand. Creates every ClusterCommand (the
 * fast path included) and counts those in flight, so close() can wait for them.
 */
export class CommandDispatch {
  readonly registry = new CommandRegistry();
  readonly router: CommandRouter;
  private readonly learner: CommandLearner;
  private active = 0;
  private readonly tracker: CompletionTracker = { finished: () => this.finished() };
  private readonly traceSource: CommandTraceSource;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly state: ClusterState,
    private readonly lifecycle: Lifecycle,
    /** The connect() under way or done, if any: commands sent while connecting wait for it. */
    private readonly connecting: () => Promise<void> | undefined,
    /** The client, named in diagnostics messages so subscribers can observe it. */
    client: ObservedClient,
  ) {
    this.router = new CommandRouter(state, options, readRouterFor(options), state.health);
    const sanitizedArgs = options.diagnosticArgs === 'sanitized';
    this.traceSource = { client, sanitizedArgs, roleOf: (address) => state.topology()?.members.get(address)?.role };
    this.learner = new CommandLearner(this.registry, (args) => this.request({ args, spec: undefined, slot: -1, buffers: false }));
  }

  /** Commands in flight (retries included). */
  get inFlight(): number {
    return this.active;
  }

  /** The client's send() for all but its fast path: checks, then splits, fans out, learns or routes. */
  sendSlow<V>(args: RespArg[], spec: CommandSpec | undefined, options: SendOptions<V> | undefined): Promise<V> {
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
      const status = this.lifecycle.status;
      if (status !== 'ready' && status !== 'connecting') {
        done(new ClientClosedError(status === 'idle' ? 'client (call connect() first)' : 'client'), null);
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

  /** One routed command as a promise: the one callback-to-promise adapter of the client. */
  request(request: RouteRequest): Promise<RespValue> {
    return new Promise((resolve, reject) => this.execute(request, (error, reply) => (error ? reject(error) : resolve(reply))));
  }

  /** The callback-style way in, for split commands, fan-outs and requests. */
  readonly execute = (request: RouteRequest, done: Done): void => {
    let cc: ClusterCommand;
    try {
      const { args, spec, slot, buffers, masterOnly = false } = request;
      cc = this.command(
        args,
        spec,
        slot,
        buffers,
        (value) => done(null, value as RespValue),
        (error) => done(error, null),
        masterOnly,
      );
    } catch (error) {
      // InvalidArgumentError or UnsupportedCommandError (nodes()[i].call): this command fails alone.
      return done(error as Error, null);
    }
    cc.pinned = request.pinned;
    if (this.lifecycle.status === 'connecting') {
      void this.connecting()?.then(
        () => this.router.dispatch(cc),
        (e: Error) => cc.finish(e, null),
      );
    } else this.router.dispatch(cc);
  };

  /**
   * The single creation point of a routed command. Throws, before anything is counted or queued,
   * UnsupportedCommandError for a command that would change a shared connection's state and
   * InvalidArgumentError for an argument that cannot be sent (the command encodes itself here).
   */
  command(
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
    // The one check tracing costs when nobody subscribes (see diagnostics/channels.ts).
    const cc = commandChannel.hasSubscribers
      ? new TracedClusterCommand(this.traceSource, args, spec, slot, readOnly, buffers, this.router, this.tracker, resolve, reject)
      : new ClusterCommand(args, spec, slot, readOnly, buffers, this.router, this.tracker, resolve, reject);
    this.active++;
    if (spec?.flags.blocking) cc.blockMs = blockingTimeoutMs(spec, args);
    if (this.options.waitReplicas > 0 && spec?.flags.write) cc.needsAck = true;
    return cc;
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
      this.execute({ args, spec, slot: routingSlot(args, spec), buffers }, done);
    } catch (error) {
      done(error as Error, null);
    }
  }

  /** One command fewer in flight; close() waits for zero. */
  private finished(): void {
    if (--this.active === 0) this.lifecycle.wakeIdle();
  }
}

/** The keys' one slot (CrossSlotKeysError otherwise); for a keyless command, the slot of the name it routes by, or -1 (any master). */
function routingSlot(args: RespArg[], spec: CommandSpec | undefined): number {
  if (spec === undefined) return -1;
  const slot = assertSingleSlot(spec.name, args, spec);
  const at = spec.routeByArg;
  return slot === -1 && at !== undefined && at < args.length ? keySlot(args[at]) : slot;
}

/** Precomputed on the spec (one property read); by name only for commands the registry does not know. */
function assertAllowed(args: RespArg[], spec: CommandSpec | undefined): void {
  if (spec === undefined) {
    const refused = refusalOf(args);
    if (refused !== undefined) throw refused;
  } else if (spec.useInstead !== undefined) throw unsupportedCommand(spec.name, spec.useInstead);
}
