import type { Command } from '../connection/command';
import { Queue } from '../connection/queue';

/**
 * Ordinary commands that arrived while the node had no shared socket. They leave in arrival order
 * (groups such as ASKING + command stay together) or fail together: with a dial's own error, or
 * with a pool timeout when every socket is held by others for longer than poolTimeout.
 */
export class WaitingCommands {
  private readonly queue = new Queue<Command>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly onTimeout: () => Error,
  ) {}

  get length(): number {
    return this.queue.length;
  }

  push(command: Command): void {
    this.queue.push(command);
  }

  /** Starts the poolTimeout clock, unless it already runs. */
  armTimeout(): void {
    if (this.timer === undefined) this.timer = setTimeout(() => this.expire(), this.timeoutMs);
  }

  /** Hands every waiting command, in order, to `send`. */
  flushTo(send: (command: Command) => void): void {
    this.clearTimer();
    for (let c = this.queue.shift(); c !== undefined; c = this.queue.shift()) send(c);
  }

  failAll(error: Error): void {
    this.flushTo((command) => command.settle(error, null));
  }

  private expire(): void {
    this.timer = undefined;
    if (this.queue.length > 0) this.failAll(this.onTimeout());
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
