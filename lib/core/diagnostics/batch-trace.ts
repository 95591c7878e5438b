import type { RespArg } from '../resp/types';
import type { BatchTraceContext } from './batch-context';
import { batchChannel } from './channels';

type Queued = readonly RespArg[] | { readonly args: readonly RespArg[] };

/**
 * Runs a batch (a pipeline's exec(), a transaction) as `slotline:batch` traces it: `start` runs
 * its bound stores around `run`, so what `run` sends is created in the batch's async context;
 * `end` when `run` returns; `error`, `asyncStart`, `asyncEnd` when its promise settles. Unlike
 * TracingChannel#tracePromise, the result (reply values) is not put on the context. With no
 * subscriber this is `run()` and one check.
 */
export function traceBatch<T>(kind: BatchTraceContext['kind'], queued: readonly Queued[], run: () => Promise<T>): Promise<T> {
  if (!batchChannel.hasSubscribers) return run();
  const context: BatchTraceContext = { kind, size: queued.length, commands: queued.map(commandName) };
  let promise: Promise<T>;
  try {
    promise = batchChannel.start.runStores(context, run);
  } catch (error) {
    // run() is promise-returning and should not throw; if it does, the caller still gets a rejection.
    promise = Promise.reject(error as Error);
  } finally {
    batchChannel.end.publish(context);
  }
  return promise.then(
    (value) => {
      batchChannel.asyncStart.publish(context);
      batchChannel.asyncEnd.publish(context);
      return value;
    },
    (error: Error) => {
      context.error = error;
      batchChannel.error.publish(context);
      batchChannel.asyncStart.publish(context);
      batchChannel.asyncEnd.publish(context);
      throw error;
    },
  );
}

function commandName(queued: Queued): string {
  const args = 'args' in queued ? queued.args : queued;
  return String(args[0]).toUpperCase();
}
