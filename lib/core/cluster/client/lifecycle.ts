import { ClientClosedError } from '../../errors/client-closed-error';
import { settleWithin } from '../../pool/settle-within';

export type ClientStatus = 'idle' | 'connecting' | 'ready' | 'closing' | 'closed';

/**
 * close() ends within readTimeout + 1 s: readTimeout to drain, then up to this for commands in a
 * retry's backoff to meet the closed pools; the rest of the second is for the sockets' teardown.
 */
export const CLOSE_SLACK_MS = 800;

/**
 * Where each status may go. `closed` is final; only a failed connect() goes back to `idle`, so it
 * can be retried. close() may start from any status but `closed`.
 */
const NEXT: Readonly<Record<ClientStatus, readonly ClientStatus[]>> = {
  idle: ['connecting', 'closing'],
  connecting: ['ready', 'idle', 'closing'],
  ready: ['closing'],
  closing: ['closed'],
  closed: [],
};

/**
 * The client's one lifecycle, `idle -> connecting -> ready -> closing -> closed`. Every entry point
 * asks `refusal()` before it touches the network; a connect() that finishes after close() began
 * finds `ready` refused and rejects instead of handing out what close() is taking down. close()
 * waits here for the client's commands in flight (the client counts them and wakes the waiters).
 */
export class Lifecycle {
  private current: ClientStatus = 'idle';
  private idleWaiters: Array<() => void> = [];

  get status(): ClientStatus {
    return this.current;
  }

  /** closing or closed: nothing new may start. */
  get closed(): boolean {
    return this.current === 'closing' || this.current === 'closed';
  }

  /** Moves to `next` when the table allows it; false (and no change) otherwise. */
  moveTo(next: ClientStatus): boolean {
    if (!NEXT[this.current].includes(next)) return false;
    this.current = next;
    return true;
  }

  /** Resolves at the next wakeIdle(), or at `deadline` (epoch ms), whichever comes first. */
  whenIdle(deadline: number): Promise<void> {
    return settleWithin(new Promise<void>((resolve) => this.idleWaiters.push(resolve)), deadline - Date.now());
  }

  /** No command is in flight any more: releases whoever waits in whenIdle(). */
  wakeIdle(): void {
    if (this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Why a new request must be refused now, or undefined when it may go ahead (connecting or ready). */
  refusal(): ClientClosedError | undefined {
    if (this.current === 'idle') return new ClientClosedError('client (call connect() first)');
    return this.closed ? new ClientClosedError() : undefined;
  }
}
