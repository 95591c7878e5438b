/**
 * Timers created while tracking that have neither fired nor been cleared, with the stack that made
 * each: how a spec proves a close() left no timer behind. Unref'd timers count too (Node's
 * `getActiveResourcesInfo()` leaves them out, and the client unrefs its intervals).
 */
export class TimerTracker {
  private readonly live = new Map<NodeJS.Timeout, string>();
  private readonly saved = {
    setTimeout: globalThis.setTimeout,
    setInterval: globalThis.setInterval,
    clearTimeout: globalThis.clearTimeout,
    clearInterval: globalThis.clearInterval,
  };

  start(): this {
    const { live, saved } = this;
    const forget = (timer: unknown): void => {
      if (timer !== null && typeof timer === 'object') live.delete(timer as NodeJS.Timeout);
    };
    globalThis.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const timer: NodeJS.Timeout = saved.setTimeout(
        (...fired: unknown[]) => {
          live.delete(timer);
          callback(...fired);
        },
        ms,
        ...args,
      );
      live.set(timer, new Error('setTimeout').stack ?? '');
      return timer;
    }) as unknown as typeof setTimeout;
    globalThis.setInterval = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const timer: NodeJS.Timeout = saved.setInterval(callback, ms, ...args);
      live.set(timer, new Error('setInterval').stack ?? '');
      return timer;
    }) as unknown as typeof setInterval;
    globalThis.clearTimeout = ((timer?: NodeJS.Timeout | string | number) => {
      forget(timer);
      saved.clearTimeout(timer);
    }) as typeof clearTimeout;
    globalThis.clearInterval = ((timer?: NodeJS.Timeout | string | number) => {
      forget(timer);
      saved.clearInterval(timer);
    }) as typeof clearInterval;
    return this;
  }

  /** Restores the real functions; timers made meanwhile keep working. */
  stop(): void {
    Object.assign(globalThis, this.saved);
  }

  /** Stacks of the timers still pending that the library made (not a spec's own probes, which use its Connection). */
  pending(): string[] {
    return [...this.live.values()].filter((stack) => stack.includes('/lib/core/') && !stack.includes('/test/helpers/node-probe'));
  }
}
