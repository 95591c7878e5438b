import { Command } from '../connection/command';
import type { CommandSpec } from '../commands/command-spec';
import type { NodeAddress } from '../options/client-options';
import type { RespArg, RespValue } from '../resp/types';

export type Done = (error: Error | null, reply: RespValue) => void;

/**
 * A command's journey through the cluster: its slot, where it went last, how many retries and
 * redirects it has used. The wire-level Command inside is reused for every attempt.
 */
export class ClusterCommand {
  readonly command: Command;
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

  constructor(
    args: RespArg[],
    readonly spec: CommandSpec | undefined,
    /** -1 when the command has no key: any master serves it. */
    readonly slot: number,
    /** Eligible for replica reads. */
    readonly readOnly: boolean,
    buffers: boolean,
    readonly done: Done,
    onAttempt: (self: ClusterCommand, error: Error | null, reply: RespValue) => void,
  ) {
    this.command = new Command(args, (error, reply) => onAttempt(this, error, reply), buffers);
  }

  get args(): RespArg[] {
    return this.command.args;
  }
}
