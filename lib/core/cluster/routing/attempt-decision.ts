import { AskError } from '../../errors/ask-error';
import { MaxRedirectsError } from '../../errors/max-redirects-error';
import { MovedError } from '../../errors/moved-error';
import { UnknownOutcomeError } from '../../errors/unknown-outcome-error';
import type { ResolvedOptions } from '../../options/resolve-options';
import type { ClusterNode } from '../topology/topology';
import { knownTarget, redirectAddress, type RedirectContext } from '../topology/trusted-redirect';
import { backoff, classify } from './retry-policy';

/** Where a failed attempt stands; counts are those before this failure. */
export interface AttemptState {
  /** Command name, for the errors the caller gets (`EXEC` for a transaction). */
  name: string;
  /** `host:port` of the node that answered; an empty MOVED/ASK host means this node. */
  address: string;
  /** Retries already made. */
  attempts: number;
  /** Redirects already followed. */
  redirects: number;
  /** Runs on its node only (a nodes() handle, a fan-out part): the caller gets a redirect itself. */
  pinned: boolean;
  /** Whether repeating after an unknown outcome can change neither data nor reply (repeat-safety.ts). */
  safeToRepeat(): boolean;
  /**
   * What to fail with past maxRedirects: the router's MaxRedirectsError, or the last redirect as
   * it came (transactions have always given that one).
   */
  redirectLimit: 'max-redirects-error' | 'last-redirect';
}

export type AttemptLimits = Pick<ResolvedOptions, 'maxRetries' | 'maxRedirects' | 'minRetryBackoff' | 'maxRetryBackoff'>;

/**
 * What to do next:
 * - `redirect`: send again at `address` (after ASKING when `asking`). `node` is the topology's node
 *   there; undefined means the topology does not list it: reload, and go only if it is listed then
 *   (trusted-redirect.ts `reloadedTarget`). A MOVED to a listed node also asks for a lazy reload.
 * - `retry`: after `delayMs`, route afresh; when `reload`, on the topology a reload brings.
 * - `fail`: give `error` to the caller.
 */
export type AttemptDecision =
  | { kind: 'redirect'; redirect: MovedError | AskError; address: string; node: ClusterNode | undefined; asking: boolean }
  | { kind: 'retry'; delayMs: number; reload: boolean }
  | { kind: 'fail'; error: Error };

/**
 * The one redirect/retry rule, for the command router and for transactions alike. Reads the
 * topology through `ctx` but changes nothing: the caller counts, reloads, waits and sends.
 */
export function decideAttempt(error: Error, state: AttemptState, ctx: RedirectContext, limits: AttemptLimits): AttemptDecision {
  if (error instanceof MovedError || error instanceof AskError) {
    if (state.pinned) return { kind: 'fail', error };
    const redirects = state.redirects + 1;
    if (redirects > limits.maxRedirects) {
      return { kind: 'fail', error: state.redirectLimit === 'last-redirect' ? error : new MaxRedirectsError(state.name, redirects, error) };
    }
    const address = redirectAddress(ctx, error, state.address);
    return { kind: 'redirect', redirect: error, address, node: knownTarget(ctx, address), asking: error instanceof AskError };
  }
  switch (classify(error)) {
    case 'retry':
      return retry(error, state, limits, false);
    case 'reload':
      return retry(error, state, limits, true);
    case 'retryIfSafe':
      return state.safeToRepeat()
        ? retry(error, state, limits, true)
        : { kind: 'fail', error: new UnknownOutcomeError(state.name, state.address, error) };
    default:
      return { kind: 'fail', error };
  }
}

function retry(error: Error, state: AttemptState, limits: AttemptLimits, reload: boolean): AttemptDecision {
  const attempts = state.attempts + 1;
  if (attempts > limits.maxRetries) return { kind: 'fail', error };
  return { kind: 'retry', delayMs: backoff(attempts - 1, limits.minRetryBackoff, limits.maxRetryBackoff), reload };
}
