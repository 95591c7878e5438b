import { ReplicationError } from '../errors/replication-error';
import type { RespValue } from '../resp/types';
import { Command } from './command';

/**
 * `waitReplicas`: a write's OK is held back until a `WAIT n timeout` sent after its batch says n
 * replicas have it. One WAIT per socket write, not per command, so throughput holds. Without it a
 * master that is failed over while frozen wakes, acknowledges the writes queued on its sockets,
 * is demoted, and drops them: the caller saw OK for data that no longer exists.
 */
export class ReplicaAcks {
  private held: Array<[Command, RespValue]> = [];
  private batchHasWrites = false;

  constructor(
    private readonly replicas: number,
    private readonly timeoutMs: number,
    private readonly address: string,
  ) {}

  noteSent(command: Command): void {
    if (command.needsAck) this.batchHasWrites = true;
  }

  /** At flush: the WAIT that closes this batch, if it carried a write. */
  takeWait(): Command | undefined {
    if (!this.batchHasWrites) return undefined;
    this.batchHasWrites = false;
    return new Command(['WAIT', this.replicas, this.timeoutMs], (error, reply) => this.release(error, reply));
  }

  /** Keeps a write's successful reply until its WAIT answers; false for anything else. */
  hold(command: Command, reply: RespValue): boolean {
    if (!command.needsAck) return false;
    this.held.push([command, reply]);
    return true;
  }

  /** The socket died with writes applied but not confirmed replicated: their outcome is unknown. */
  failAll(error: Error): void {
    const held = this.held;
    this.held = [];
    for (const [command] of held) command.settle(error, null);
  }

  private release(error: Error | null, reply: RespValue): void {
    const held = this.held;
    this.held = [];
    const reached = Number(reply);
    for (const [command, value] of held) {
      if (error === null && reached >= this.replicas) command.settle(null, value);
      // A WAIT that failed (the master was demoted under it: "WAIT cannot be used with replica
      // instances") confirms nothing either: the write is as unsafe as one WAIT counted short.
      else command.settle(new ReplicationError(this.address, this.replicas, error === null ? reached : 0, error ?? undefined), null);
    }
  }
}
