import type { CommandSpec } from '../../commands/command-spec';
import { startCommandTrace, type CommandTrace, type CommandTraceSource } from '../../diagnostics/command-trace';
import type { RespArg, RespValue } from '../../resp/types';
import { ClusterCommand, type AttemptHandler, type CompletionTracker } from './cluster-command';

/**
 * A ClusterCommand created while `slotline:command` has subscribers. A subclass rather than a
 * field on every command: without subscribers the hot path allocates and checks nothing more.
 */
export class TracedClusterCommand extends ClusterCommand {
  readonly trace: CommandTrace;

  constructor(
    source: CommandTraceSource,
    args: RespArg[],
    spec: CommandSpec | undefined,
    slot: number,
    readOnly: boolean,
    buffers: boolean,
    handler: AttemptHandler,
    tracker: CompletionTracker,
    resolve: (value: unknown) => void,
    reject: (error: Error) => void,
  ) {
    super(args, spec, slot, readOnly, buffers, handler, tracker, resolve, reject);
    // After super(): a command whose arguments do not encode was never started, so is never traced.
    this.trace = startCommandTrace(source, args, spec, slot);
  }

  override finish(error: Error | null, reply: RespValue): void {
    // Before the caller's promise settles: a subscriber's span ends before the caller goes on.
    this.trace.finish(this, error);
    super.finish(error, reply);
  }
}
