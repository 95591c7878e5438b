import { settleWithin } from '../../../lib/core/pool/settle-within';

describe('settleWithin', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('resolves when the promise settles first, rejection included, and leaves no timer', async () => {
    await expect(settleWithin(Promise.reject(new Error('x')), 100)).resolves.toBeUndefined();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('resolves after ms when the promise never settles', async () => {
    let done = false;
    const bounded = settleWithin(new Promise(() => undefined), 100).then(() => (done = true));
    await jest.advanceTimersByTimeAsync(99);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await bounded;
    expect(done).toBe(true);
  });

  it('with Infinity waits for the promise alone, with no timer', async () => {
    const bounded = settleWithin(Promise.resolve(), Infinity);
    expect(jest.getTimerCount()).toBe(0);
    await expect(bounded).resolves.toBeUndefined();
  });
});
