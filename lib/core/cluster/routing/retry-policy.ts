import { AuthError } from '../../errors/auth-error';
import { ClientClosedError } from '../../errors/client-closed-error';
import { ConnectionError } from '../../errors/connection-error';
import { CredentialsError } from '../../errors/credentials-error';
import { PoolTimeoutError } from '../../errors/pool-timeout-error';
import { ReplicationError } from '../../errors/replication-error';
import { ReplyError } from '../../errors/reply-error';

/**
 * What the router does with a failed attempt:
 * - `retry`: back off and route afresh; `reload` also refreshes the topology first;
 * - `retryIfSafe`: the command may have run (connection broke or reply timed out after the write): repeat only
 *   what repeat-safety.ts allows, else UnknownOutcomeError;
 * - `fail`: give the error to the caller.
 */
export type RetryDecision = 'retry' | 'reload' | 'retryIfSafe' | 'fail';

/** Server answers that mean "not now" rather than "no": the cluster is moving, the command is fine. */
const TRANSIENT_REPLIES: Record<string, RetryDecision> = {
  TRYAGAIN: 'retry',
  LOADING: 'retry',
  CLUSTERDOWN: 'reload',
  MASTERDOWN: 'reload',
  // A demoted master answers READONLY to writes: the topology changed under us.
  READONLY: 'reload',
};

export function classify(error: Error): RetryDecision {
  // Not repeated even when safe to repeat: writes repeated on a new master can land out of order
  // (an older SET over a newer one that was acknowledged), which is the loss waitReplicas prevents.
  if (error instanceof AuthError || error instanceof ClientClosedError || error instanceof ReplicationError) return 'fail';
  // Not node-specific: another node would ask the same provider again, a storm on a failing token service.
  if (error instanceof CredentialsError) return 'fail';
  if (error instanceof ReplyError) return TRANSIENT_REPLIES[error.code] ?? 'fail';
  if (error instanceof PoolTimeoutError) return 'retry';
  if (error instanceof ConnectionError) return error.written ? 'retryIfSafe' : 'reload';
  return 'fail';
}

/** Exponential backoff with equal jitter: half fixed, half random, so retries of many callers spread out. */
export function backoff(attempt: number, min: number, max: number): number {
  const ceiling = Math.min(max, min * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
