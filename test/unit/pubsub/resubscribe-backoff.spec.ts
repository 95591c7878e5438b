import { RESUBSCRIBE_CALM_MS, RESUBSCRIBE_CAP_MS, ResubscribeBackoff } from '../../../lib/core/pubsub/resubscribe-backoff';

describe('ResubscribeBackoff', () => {
  let now: number;
  let backoff: ResubscribeBackoff;
  /** The next delay, with the clock moved to the moment that attempt is made. */
  const attempt = (): number => {
    const delay = backoff.nextDelay();
    now += delay;
    return delay;
  };

  beforeEach(() => {
    now = 1_000_000;
    backoff = new ResubscribeBackoff(() => now);
  });

  it('tries at once, then doubles from 50 ms up to the cap, and stays there', () => {
    const delays = Array.from({ length: 10 }, attempt);
    expect(delays).toEqual([0, 50, 100, 200, 400, 800, 1600, 2000, 2000, 2000]);
    expect(Math.max(...Array.from({ length: 100 }, attempt))).toBe(RESUBSCRIBE_CAP_MS);
  });

  it('counts attempts, not failures: attempts that succeed but come back quickly still slow down', () => {
    attempt();
    now += 100; // a socket that was confirmed, then dropped 100 ms later
    expect(attempt()).toBe(50);
    now += 100;
    expect(attempt()).toBe(100);
  });

  it('starts over after a calm period', () => {
    for (let i = 0; i < 6; i++) attempt();
    now += RESUBSCRIBE_CALM_MS + 1;
    expect(attempt()).toBe(0);
    expect(attempt()).toBe(50);
  });
});
