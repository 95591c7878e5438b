import type { CommandSpec } from '../commands/command-spec';
import { keyIndices } from '../commands/key-positions';
import { RedisClusterError } from '../errors/redis-cluster-error';
import type { RespArg } from '../resp/types';
import { commandChannel } from './channels';
import type { AttemptFailure, CommandTraceContext } from './command-context';
import type { ObservedClient } from './messages';
import { sanitizeArgs } from './sanitize-args';

/** What a client gives its command traces: who publishes, whether arguments go out, how to name a node's role. */
export interface CommandTraceSource {
  readonly client: ObservedClient;
  readonly sanitizedArgs: boolean;
  roleOf(address: string): 'master' | 'replica' | undefined;
}

/** Where a command stands when it finishes: the fields of ClusterCommand a trace reads. */
export interface CommandOutcome {
  readonly address: string;
  readonly slot: number;
  readonly attempts: number;
  readonly redirects: number;
}

/**
 * A command's trace context. Its source stays private and its steps are methods (on the prototype,
 * not own properties): a subscriber sees only the fields CommandTraceContext documents.
 */
export class CommandTrace implements CommandTraceContext {
  readonly client: ObservedClient;
  address = '';
  role: 'master' | 'replica' | undefined = undefined;
  attempt = 1;
  redirects = 0;
  readonly failures: AttemptFailure[] = [];
  declare error?: Error;
  readonly #source: CommandTraceSource;

  constructor(
    source: CommandTraceSource,
    readonly command: string,
    readonly keyCount: number,
    public slot: number,
    readonly args: readonly string[] | undefined,
  ) {
    this.#source = source;
    this.client = source.client;
  }

  /** A failed attempt the router goes on from (`redirect` or `retry`); not the final failure. */
  failedAttempt(outcome: AttemptFailure['outcome'], error: Error, address: string): void {
    this.failures.push({ outcome, reason: reasonOf(error), address });
  }

  /** The final outcome: fills the last attempt's fields, then publishes `error` (on failure), `asyncStart` and `asyncEnd`. */
  finish(outcome: CommandOutcome, error: Error | null): void {
    this.address = outcome.address;
    this.slot = outcome.slot;
    this.attempt = outcome.attempts + 1;
    this.redirects = outcome.redirects;
    this.role = outcome.address === '' ? undefined : this.#source.roleOf(outcome.address);
    if (error !== null) {
      this.error = error;
      commandChannel.error.publish(this);
    }
    commandChannel.asyncStart.publish(this);
    commandChannel.asyncEnd.publish(this);
  }
}

/**
 * Called only when `commandChannel.hasSubscribers`: everything here (the context, the key walk,
 * the sanitized arguments) is paid for by subscribers alone. Publishes `start` and `end`.
 */
export function startCommandTrace(
  source: CommandTraceSource,
  args: readonly RespArg[],
  spec: CommandSpec | undefined,
  slot: number,
): CommandTrace {
  const keys = spec === undefined ? [] : keyIndices(spec, args);
  const name = spec?.name.toUpperCase() ?? String(args[0]).toUpperCase();
  const trace = new CommandTrace(source, name, keys.length, slot, source.sanitizedArgs ? sanitizeArgs(name, args, keys) : undefined);
  commandChannel.start.publish(trace);
  commandChannel.end.publish(trace);
  return trace;
}

/** Stable codes, never message text: MOVED, ASK, TRYAGAIN, ERR_CONNECTION ...; a foreign error by its name. */
export function reasonOf(error: Error): string {
  return error instanceof RedisClusterError ? error.code : error.name;
}
