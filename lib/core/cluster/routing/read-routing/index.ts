import type { ResolvedOptions } from '../../../options/resolve-options';
import { lowestLatency } from './lowest-latency';
import { masterOnly } from './master-only';
import { randomNode } from './random-node';
import type { ReadRouter } from './read-router';
import { replicaPreferred } from './replica-preferred';

export type { NodeHealthView, ReadRouter } from './read-router';

export function readRouterFor(options: Pick<ResolvedOptions, 'readOnly' | 'routeByLatency' | 'routeRandomly'>): ReadRouter {
  if (options.routeByLatency) return lowestLatency;
  if (options.routeRandomly) return randomNode;
  return options.readOnly ? replicaPreferred : masterOnly;
}
