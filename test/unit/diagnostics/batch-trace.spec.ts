import { AsyncLocalStorage } from 'node:async_hooks';
import { tracingChannel } from 'node:diagnostics_channel';
import type { BatchTraceContext } from '../../../lib/core/diagnostics';
import { traceBatch } from '../../../lib/core/diagnostics/batch-trace';

const batch = tracingChannel<unknown, BatchTraceContext>('slotline:batch');
type Phase = 'start' | 'end' | 'asyncStart' | 'asyncEnd' | 'error';

function subscribe(): { events: Array<[Phase, BatchTraceContext]>; stop(): void } {
  const events: Array<[Phase, BatchTraceContext]> = [];
  const on = (phase: Phase) => (ctx: object) => void events.push([phase, ctx as BatchTraceContext]);
  const handlers = { start: on('start'), end: on('end'), asyncStart: on('asyncStart'), asyncEnd: on('asyncEnd'), error: on('error') };
  batch.subscribe(handlers);
  return { events, stop: () => batch.unsubscribe(handlers) };
}

describe('traceBatch', () => {
  it('without subscribers runs the batch and returns its own promise', async () => {
    const promise = Promise.resolve('replies');
    expect(traceBatch('pipeline', [['GET', 'k']], () => promise)).toBe(promise);
    await expect(promise).resolves.toBe('replies');
  });

  it('publishes start, end, asyncStart, asyncEnd with the command names, and not the result', async () => {
    const sub = subscribe();
    try {
      const result = await traceBatch('pipeline', [{ args: ['get', 'a'] }, { args: ['SET', 'b', 'secret'] }], async () => ['x', 'OK']);
      expect(result).toEqual(['x', 'OK']);
      expect(sub.events.map(([phase]) => phase)).toEqual(['start', 'end', 'asyncStart', 'asyncEnd']);
      const ctx = sub.events[0][1];
      expect(ctx).toEqual({ kind: 'pipeline', size: 2, commands: ['GET', 'SET'] });
    } finally {
      sub.stop();
    }
  });

  it('publishes error with the rejection, and the caller still gets it', async () => {
    const sub = subscribe();
    try {
      const failure = new Error('EXECABORT');
      await expect(traceBatch('transaction', [['INCR', 'n']], () => Promise.reject(failure))).rejects.toBe(failure);
      expect(sub.events.map(([phase]) => phase)).toEqual(['start', 'end', 'error', 'asyncStart', 'asyncEnd']);
      expect(sub.events[0][1].error).toBe(failure);
    } finally {
      sub.stop();
    }
  });

  it('runs the batch inside the stores bound to start, so what it sends sees the batch', async () => {
    const store = new AsyncLocalStorage<BatchTraceContext>();
    batch.start.bindStore(store, (ctx) => ctx);
    const sub = subscribe();
    try {
      let seen: BatchTraceContext | undefined;
      await traceBatch('pipeline', [['GET', 'k']], async () => {
        seen = store.getStore();
      });
      expect(seen).toBe(sub.events[0][1]);
      expect(store.getStore()).toBeUndefined();
    } finally {
      sub.stop();
      batch.start.unbindStore(store);
    }
  });

  it('turns a batch function that throws into a rejection, with end and error published', async () => {
    const sub = subscribe();
    try {
      const failure = new Error('bad');
      await expect(
        traceBatch('pipeline', [], () => {
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(sub.events.map(([phase]) => phase)).toEqual(['start', 'end', 'error', 'asyncStart', 'asyncEnd']);
    } finally {
      sub.stop();
    }
  });
});
