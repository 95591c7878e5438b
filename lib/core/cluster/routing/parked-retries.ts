import type { ClusterCommand } from './cluster-command';

/**
 * Commands sleeping out a retry backoff. Kept by command so that a topology that shows their slot's
 * new owner sends them at once: a failover ends for the caller when the cluster's does, not up to
 * maxRetryBackoff later.
 */
export class ParkedRetries {
  private readonly parked = new Map<ClusterCommand, NodeJS.Timeout>();

  get size(): number {
    return this.parked.size;
  }

  /** `wake` runs once: when the backoff ends, or earlier through release(). */
  park(cc: ClusterCommand, delayMs: number, wake: () => void): void {
    const timer = setTimeout(() => {
      this.parked.delete(cc);
      wake();
    }, delayMs);
    this.parked.set(cc, timer);
  }

  /** Ends the backoff of every parked command `now` accepts, and hands each to `send` instead of its own wake-up. */
  release(now: (cc: ClusterCommand) => boolean, send: (cc: ClusterCommand) => void): void {
    if (this.parked.size === 0) return;
    const due: ClusterCommand[] = [];
    for (const [cc, timer] of this.parked) {
      if (!now(cc)) continue;
      clearTimeout(timer);
      this.parked.delete(cc);
      due.push(cc);
    }
    for (const cc of due) send(cc);
  }
}
