import { Queue } from '../connection/queue';

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  done: boolean;
}

/** Callers waiting for a resource, served first come first served, each bounded by its own deadline. */
export class WaiterQueue<T> {
  private readonly waiters = new Queue<Waiter<T>>();

  get length(): number {
    return this.waiters.length;
  }

  wait(timeoutMs: number, onTimeout: () => Error): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        resolve,
        reject,
        done: false,
        timer: setTimeout(() => {
          waiter.done = true;
          reject(onTimeout());
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Hands `value` to the oldest live waiter; false when nobody is waiting. */
  serve(value: T): boolean {
    for (let waiter = this.waiters.shift(); waiter !== undefined; waiter = this.waiters.shift()) {
      if (waiter.done) continue;
      waiter.done = true;
      clearTimeout(waiter.timer);
      waiter.resolve(value);
      return true;
    }
    return false;
  }

  failAll(error: Error): void {
    for (const waiter of this.waiters.drain()) {
      if (waiter.done) continue;
      waiter.done = true;
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
  }
}

/** `promise`, or `onTimeout()`'s error once `ms` pass first. */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
