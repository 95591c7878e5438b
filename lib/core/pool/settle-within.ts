/**
 * Resolves when `promise` settles or `ms` have passed, whichever comes first, and leaves no timer
 * behind either way: close() uses it to bound a wait on a node that may never answer.
 */
export function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  if (ms === Infinity) return promise.then(noop, noop);
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, Math.max(0, ms));
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    promise.then(done, done);
  });
}

function noop(): void {}
