import type { ResolvedOptions } from '../../../options/resolve-options';
import { lowestLatency } from './lowest-latency';
import { randomNode } from './random-node';
import type { ReadRouter } from './read-router';
import { replicaPreferred } from './replica-preferred';

export type { NodeHealthView, ReadRouter } from './read-router';

/**
 * The strategy for read-only commands. Only consulted when `readOnly` is on (the router sends
 * everything to the master otherwise), so there is no master-only strategy to pick.
 */
export function readRouterFor(options: Pick<ResolvedOptions, 'routeByLatency' | 'routeRandomly'>): ReadRouter {
  if (options.routeByLatency) return lowestLatency;
  if (options.routeRandomly) return randomNode;
  return replicaPreferred;
}
