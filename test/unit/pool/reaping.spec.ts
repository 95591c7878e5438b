import type { Connection } from '../../../lib/core/connection/connection';
import { AgeLimit } from '../../../lib/core/pool/age-limit';
import { planReaping } from '../../../lib/core/pool/reaping';

/** Only what planReaping reads of a connection. */
function conn(fields: { inFlight?: number; lastUsedAt?: number; createdAt?: number; retiring?: boolean }): Connection {
  return { inFlight: 0, lastUsedAt: 0, createdAt: 0, retiring: false, ...fields } as unknown as Connection;
}

describe('planReaping', () => {
  const noAge = new AgeLimit(0);

  it('retires idle sockets past idleTimeout, never below minIdleConns', () => {
    const a = conn({ lastUsedAt: 0 });
    const b = conn({ lastUsedAt: 0 });
    const c = conn({ lastUsedAt: 0 });
    const plan = planReaping([a, b, c], { now: 10_000, total: 3, idleTimeout: 5000, minIdleConns: 1 }, noAge);
    expect(plan.retire).toEqual([a, b]);
    expect(plan.replace).toEqual([]);
  });

  it('keeps busy and recently used sockets', () => {
    const busy = conn({ inFlight: 1, lastUsedAt: 0 });
    const recent = conn({ lastUsedAt: 9000 });
    expect(planReaping([busy, recent], { now: 10_000, total: 2, idleTimeout: 5000, minIdleConns: 0 }, noAge).retire).toEqual([]);
  });

  it('replaces an aged socket the node cannot spare, retires one it can', () => {
    jest.spyOn(Math, 'random').mockReturnValue(0); // age factor 0.9
    try {
      const old = conn({ createdAt: 0, lastUsedAt: 99_000 });
      const ages = new AgeLimit(1000);
      expect(planReaping([old], { now: 100_000, total: 1, idleTimeout: 0, minIdleConns: 1 }, ages).replace).toEqual([old]);
      expect(planReaping([old], { now: 100_000, total: 2, idleTimeout: 0, minIdleConns: 1 }, ages).retire).toEqual([old]);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('leaves a socket being replaced alone (its successor dial counts in total)', () => {
    const replacing = conn({ retiring: true, lastUsedAt: 0 });
    expect(planReaping([replacing], { now: 10_000, total: 5, idleTimeout: 1, minIdleConns: 0 }, noAge)).toEqual({
      retire: [],
      replace: [],
    });
  });
});

describe('AgeLimit', () => {
  it('jitters each connection between 90% and 100% of maxConnAge, and never fires at 0', () => {
    const c = conn({ createdAt: 0 });
    jest.spyOn(Math, 'random').mockReturnValue(0.5); // 95%
    try {
      const limit = new AgeLimit(1000);
      expect(limit.reached(c, 949)).toBe(false);
      expect(limit.reached(c, 951)).toBe(true);
      expect(new AgeLimit(0).reached(c, 1e12)).toBe(false);
    } finally {
      jest.restoreAllMocks();
    }
  });
});
