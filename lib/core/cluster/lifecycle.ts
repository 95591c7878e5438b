import { ClientClosedError } from '../errors/client-closed-error';

export type ClientStatus = 'idle' | 'connecting' | 'ready' | 'closing' | 'closed';

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
 * asks `refusal()` before it touches the network; the connect path watches `signal`, aborted the
 * moment close() begins, so an attempt under way stops at its next step instead of finishing.
 */
export class Lifecycle {
  private current: ClientStatus = 'idle';
  private readonly abort = new AbortController();

  get status(): ClientStatus {
    return this.current;
  }

  /** Aborted (reason: ClientClosedError) when close() begins; never reset. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** closing or closed: nothing new may start. */
  get closed(): boolean {
    return this.current === 'closing' || this.current === 'closed';
  }

  /** Moves to `next` when the table allows it; false (and no change) otherwise. */
  moveTo(next: ClientStatus): boolean {
    if (!NEXT[this.current].includes(next)) return false;
    this.current = next;
    if (next === 'closing') this.abort.abort(new ClientClosedError());
    return true;
  }

  /** Why a new request must be refused now, or undefined when it may go ahead (connecting or ready). */
  refusal(): ClientClosedError | undefined {
    if (this.current === 'idle') return new ClientClosedError('client (call connect() first)');
    return this.closed ? new ClientClosedError() : undefined;
  }
}
