import type { Connection } from '../connection/connection';
import type { AgeLimit } from './age-limit';

export interface ReapingInput {
  now: number;
  /** Sockets of the node, shared, checked out and being dialled. */
  total: number;
  idleTimeout: number;
  minIdleConns: number;
}

export interface ReapingPlan {
  /** Out of rotation now, closed once drained. */
  retire: Connection[];
  /** Aged, but the node cannot spare them (minIdleConns): retired once a successor is up. */
  replace: Connection[];
}

/**
 * What one reaper tick does with the shared sockets: idle past idleTimeout or older than maxConnAge
 * goes, never below minIdleConns. Pure, so the rules are tested without a pool.
 */
export function planReaping(shared: readonly Connection[], input: ReapingInput, ageLimit: AgeLimit): ReapingPlan {
  const plan: ReapingPlan = { retire: [], replace: [] };
  let total = input.total;
  for (const c of shared) {
    // Being replaced: its successor's dial counts in `total`, so the checks below would retire it
    // before the successor is up (found by the unit spec); replace() retires it when that is.
    if (c.retiring) continue;
    const aged = ageLimit.reached(c, input.now);
    const spare = total > input.minIdleConns;
    const idle = input.idleTimeout > 0 && c.inFlight === 0 && input.now - c.lastUsedAt >= input.idleTimeout && spare;
    if (idle || (aged && spare)) {
      plan.retire.push(c);
      total--;
    } else if (aged) plan.replace.push(c);
  }
  return plan;
}
