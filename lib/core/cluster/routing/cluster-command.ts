import { Command } from '../../connection/command';
import type { CommandSpec } from '../../commands/command-spec';
import type { NodeAddress } from '../../options/client-options';
import type { RespArg, RespValue } from '../../resp/types';

export type Done = (error: Error | null, reply: RespValue) => void;

/** Where each attempt's outcome goes: the router (redirect, retry, or finish). */
export interface AttemptHandler {
  onAttempt(cc: ClusterCommand, error: Error | null, reply: RespValue): void;
}

/** Told when a command is finished for good, so close() can wait for the last one. */
export interface CompletionTracker {
  finished(): void;
}

/**
 * A command's journey through the cluster: its slot, where it went last, how many retries and
 * redirects it has used, and how to complete the caller's promise. It is itself the wire-level
 * Command, reused for every attempt: one object per call on the hot path, no closures.
 */
export class ClusterCommand extends Command {
  attempts = 0;
  redirects = 0;
  /** Where the last attempt was sent (`host:port`): MOVED with an empty host means this host. */
  address = '';
  /** Set by MOVED/ASK: send the next attempt here instead of routing by slot. */
  target: NodeAddress | undefined;
  asking = false;
  /** NOT_BLOCKING (-1), or how long the reply may take (0: forever): such a call owns a connection. */
  blockMs = -1;
  /** Fan-out parts (FLUSHALL, DBSIZE, SCRIPT LOAD ...) always go to this one node. */
  pinned: NodeAddress | undefined;
  /** Set while a blocking call holds a checked-out connection: gives it back when the attempt ends. */
  release: ((error: Error | null) => void) | undefined;
  transform: ((reply: RespValue) => unknown) | undefined;

  constructor(
    args: RespArg[],
    readonly spec: CommandSpec | undefined,
    /**
     * -1 when the command has no key: any master serves it. Writable so the client can hash the key
     * after the constructor has checked it (encoding is what checks arguments).
     */
    public slot: number,
    /** Eligible for replica reads. */
    readonly readOnly: boolean,
    buffers: boolean,
    private readonly handler: AttemptHandler,
    private readonly tracker: CompletionTracker,
    private readonly resolve: (value: unknown) => void,
    private readonly reject: (error: Error) => void,
  ) {
    super(args, undefined, buffers);
  }

  override settle(error: Error | null, reply: RespValue): void {
    const release = this.release;
    if (release !== undefined) {
      this.release = undefined;
      release(error);
    }
    this.handler.onAttempt(this, error, reply);
  }

  /** The final outcome, after redirects and retries: completes the caller's promise once. */
  finish(error: Error | null, reply: RespValue): void {
    this.tracker.finished();
    if (error !== null) return this.reject(error);
    const transform = this.transform;
    if (transform === undefined) return this.resolve(reply);
    try {
      this.resolve(transform(reply));
    } catch (transformError) {
      this.reject(transformError as Error);
    }
  }
}
