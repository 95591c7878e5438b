import type { ObservedClient } from './messages';

/** A failed attempt that the client followed with another: which node said what. */
export interface AttemptFailure {
  /** `redirect` (MOVED/ASK: sent on at once) or `retry` (after a backoff, routed afresh). */
  outcome: 'redirect' | 'retry';
  /** MOVED, ASK, a server code (TRYAGAIN, CLUSTERDOWN, LOADING ...) or the error's code (ERR_CONNECTION, ERR_TIMEOUT ...). */
  reason: string;
  /** `host:port` of the node that answered (or failed); empty when no node was chosen. */
  address: string;
}

/**
 * The context object of `slotline:command` (a TracingChannel): one per command, the same object in
 * its `start`, `end`, `asyncStart`, `asyncEnd` and `error` messages. `start` and `end` are
 * published when the command is created, synchronously in the caller's async context; the rest
 * when its final outcome is known, after every redirect and retry. The reply is never published.
 */
export interface CommandTraceContext {
  readonly client: ObservedClient;
  /** Upper-case command name (`GET`, `CLUSTER` ...). */
  readonly command: string;
  readonly keyCount: number;
  /** Hash slot of its keys; -1 for a command without keys. */
  readonly slot: number;
  /**
   * `[name, key..., '?'...]` when the client's `diagnosticArgs` option is `'sanitized'`: keys
   * kept, every other argument replaced by `'?'`. Undefined otherwise: values may be secrets.
   */
  readonly args: readonly string[] | undefined;
  /** `host:port` of the node of the last attempt; empty if none was sent. Final at asyncStart. */
  address: string;
  /** That node's role in the topology of the moment; undefined when it is not listed. Final at asyncStart. */
  role: 'master' | 'replica' | undefined;
  /** 1 for the first try, +1 per retry (redirects are not retries). Final at asyncStart. */
  attempt: number;
  /** MOVED/ASK redirects followed. Final at asyncStart. */
  redirects: number;
  /** Every failed attempt the client went on from, in order. */
  readonly failures: AttemptFailure[];
  /** Set before `error` is published: what the caller's promise rejects with. */
  error?: Error;
}
