import { tracingChannel } from 'node:diagnostics_channel';
import type { BatchTraceContext, CommandTraceContext } from '../../../lib/core/diagnostics';

export const commandChannel = tracingChannel<unknown, CommandTraceContext>('slotline:command');
export const batchChannel = tracingChannel<unknown, BatchTraceContext>('slotline:batch');

type Phase = 'start' | 'end' | 'asyncStart' | 'asyncEnd' | 'error';

/** Subscribes to every phase of a tracing channel and records, in order, the phase and the (shared, mutable) context. */
export function record<C extends object>(ch: typeof commandChannel | typeof batchChannel): { events: Array<[Phase, C]>; stop(): void } {
  const events: Array<[Phase, C]> = [];
  const handlers = {
    start: (ctx: object) => events.push(['start', ctx as C]),
    end: (ctx: object) => events.push(['end', ctx as C]),
    asyncStart: (ctx: object) => events.push(['asyncStart', ctx as C]),
    asyncEnd: (ctx: object) => events.push(['asyncEnd', ctx as C]),
    error: (ctx: object) => events.push(['error', ctx as C]),
  };
  const any = ch as ReturnType<typeof tracingChannel>;
  any.subscribe(handlers);
  return { events, stop: () => any.unsubscribe(handlers) };
}

/** The finished contexts, one per command, in the order the commands were created. */
export function finished<C extends object>(events: Array<[Phase, C]>): C[] {
  const ended = new Set(events.filter(([phase]) => phase === 'asyncEnd').map(([, ctx]) => ctx));
  return events.filter(([phase, ctx]) => phase === 'start' && ended.has(ctx)).map(([, ctx]) => ctx);
}
