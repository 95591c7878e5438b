import { inspect } from 'node:util';

/**
 * Reads `read` every `everyMs` until `check` passes, and returns that value. Past `timeoutMs` it
 * throws, naming the last value: a precondition that never came fails where it was awaited, not
 * in some later assertion (or not at all).
 */
export async function poll<T>(read: () => T | Promise<T>, check: (value: T) => boolean, timeoutMs: number, everyMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `condition not met within ${timeoutMs} ms; last value: ${inspect(value, { depth: 2, breakLength: Infinity }).slice(0, 300)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
