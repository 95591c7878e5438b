import { WaiterQueue, withTimeout } from '../../../lib/core/pool/waiter-queue';
import { rejection } from '../../helpers/rejection';

class Expired extends Error {}

describe('WaiterQueue', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('serves waiters first come, first served', async () => {
    const queue = new WaiterQueue<string>();
    const first = queue.wait(1000, () => new Expired());
    const second = queue.wait(1000, () => new Expired());
    expect(queue.serve('a')).toBe(true);
    expect(queue.serve('b')).toBe(true);
    await expect(first).resolves.toBe('a');
    await expect(second).resolves.toBe('b');
    expect(queue.serve('c')).toBe(false);
  });

  it('rejects a waiter with its own timeout error, and skips it when serving later', async () => {
    const queue = new WaiterQueue<string>();
    const early = rejection(queue.wait(100, () => new Expired('early')));
    const late = queue.wait(1000, () => new Expired('late'));
    jest.advanceTimersByTime(100);
    expect((await early).message).toBe('early');
    expect(queue.serve('x')).toBe(true);
    await expect(late).resolves.toBe('x');
  });

  it('serving clears the waiter timer', () => {
    const queue = new WaiterQueue<number>();
    void queue.wait(100, () => new Expired());
    queue.serve(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('failAll rejects every live waiter with the error and clears their timers', async () => {
    const queue = new WaiterQueue<number>();
    const error = new Error('closing');
    const waits = [rejection(queue.wait(100, () => new Expired())), rejection(queue.wait(100, () => new Expired()))];
    queue.failAll(error);
    expect(await Promise.all(waits)).toEqual([error, error]);
    expect(queue.length).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe('withTimeout', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('passes the value through and clears its timer', async () => {
    await expect(withTimeout(Promise.resolve(7), 100, () => new Expired())).resolves.toBe(7);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('passes a rejection through', async () => {
    const error = new Error('boom');
    expect(await rejection(withTimeout(Promise.reject(error), 100, () => new Expired()))).toBe(error);
  });

  it('rejects with the timeout error when the promise is slower', async () => {
    const slow = rejection(withTimeout(new Promise<never>(() => undefined), 100, () => new Expired('slow')));
    jest.advanceTimersByTime(100);
    expect((await slow).message).toBe('slow');
  });
});
