/**
 * The context object of `slotline:batch` (a TracingChannel): a pipeline's exec() or a transaction
 * (MULTI ... EXEC). `start` runs its stores around the sending, so the commands of a pipeline are
 * created inside it (each has its own `slotline:command` context); a transaction's MULTI, queued
 * commands and EXEC are sent as one group and traced only here.
 */
export interface BatchTraceContext {
  kind: 'pipeline' | 'transaction';
  /** Commands in the batch (MULTI and EXEC not counted). */
  size: number;
  /** Upper-case name of each command, in order. */
  commands: string[];
  /** Set before `error` is published: what exec() rejects with (a pipeline's per-command errors are results, not this). */
  error?: Error;
}
