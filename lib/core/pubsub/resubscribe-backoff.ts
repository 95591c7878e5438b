/** First retry delay after a failed or lost subscription; each further attempt doubles it. */
export const RESUBSCRIBE_BASE_MS = 50;
/** Longest wait between two attempts: a subscriber that cannot get through still tries every 2 s. */
export const RESUBSCRIBE_CAP_MS = 2000;
/**
 * An attempt this long after the previous one starts again from no delay. Counted from attempt to
 * attempt rather than reset on success: a socket that is confirmed and then dropped at once (a server
 * it cannot talk to) must slow down too, not be re-dialled in a loop.
 */
export const RESUBSCRIBE_CALM_MS = 10_000;

/** Spacing of resubscription attempts: immediate after a calm period, then exponential up to a cap. */
export class ResubscribeBackoff {
  private attempts = 0;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly now: () => number = Date.now) {}

  /** The wait before the next attempt, which it also counts as made. */
  nextDelay(): number {
    const now = this.now();
    if (now - this.lastAttemptAt > RESUBSCRIBE_CALM_MS) this.attempts = 0;
    const delay = this.attempts === 0 ? 0 : Math.min(RESUBSCRIBE_CAP_MS, RESUBSCRIBE_BASE_MS * 2 ** (this.attempts - 1));
    this.attempts++;
    this.lastAttemptAt = now + delay;
    return delay;
  }
}
