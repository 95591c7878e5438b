import { SubscriptionTable } from '../../../lib/core/pubsub/subscription-table';

describe('SubscriptionTable', () => {
  const listener = (): void => undefined;
  const other = (): void => undefined;

  it('a name in flight is neither untracked nor confirmed; confirmed once its subscriber says so', async () => {
    const table = new SubscriptionTable();
    let finish!: () => void;
    const subscribing = new Promise<void>((resolve) => (finish = resolve)).then(() => table.confirm(['a']));
    table.begin(['a'], subscribing);
    expect(table.untracked(['a', 'b'])).toEqual(['b']);
    expect(table.isConfirmed('a')).toBe(false);
    expect(table.listen('a', { listener, buffers: false })).toBe(false);
    finish();
    await table.outcome('a');
    expect(table.isConfirmed('a')).toBe(true);
    expect(table.outcome('a')).toBeUndefined();
    expect(table.listen('a', { listener, buffers: false })).toBe(true);
  });

  it('a failed subscription leaves the name untracked', async () => {
    const table = new SubscriptionTable();
    const failing = Promise.reject(new Error('refused'));
    table.begin(['a'], failing);
    await expect(table.outcome('a')).rejects.toThrow('refused');
    expect(table.untracked(['a'])).toEqual(['a']);
  });

  it('remove() returns the names nobody listens to any more; without a listener, every listener goes', () => {
    const table = new SubscriptionTable();
    table.confirm(['a', 'b']);
    table.listen('a', { listener, buffers: false });
    table.listen('a', { listener: other, buffers: false });
    table.listen('b', { listener, buffers: false });
    expect(table.remove(['a', 'b'], listener)).toEqual(['b']);
    expect(table.listenersOf('a')?.size).toBe(1);
    expect(table.remove(['a', 'missing'])).toEqual(['a']);
    expect(table.confirmedNames()).toEqual([]);
  });

  it('removeUnheard() forgets confirmed names without listeners, and leaves names others listen to', () => {
    const table = new SubscriptionTable();
    table.confirm(['heard', 'unheard']);
    table.listen('heard', { listener, buffers: false });
    expect(table.removeUnheard(['heard', 'unheard', 'unknown'])).toEqual(['unheard']);
    expect(table.confirmedNames()).toEqual(['heard']);
  });

  it('counts Buffer listeners over all names while they are held, whichever way they leave', () => {
    const table = new SubscriptionTable();
    table.confirm(['a', 'b']);
    expect(table.hasBufferListeners).toBe(false);
    table.listen('a', { listener, buffers: true });
    table.listen('b', { listener, buffers: true });
    table.listen('b', { listener: other, buffers: false });
    expect(table.listenersOf('b')).toEqual(
      new Map([
        [listener, true],
        [other, false],
      ]),
    );
    table.remove(['a'], listener);
    expect(table.hasBufferListeners).toBe(true);
    // Without a listener every listener of the name goes, the Buffer one counted out too.
    table.remove(['b']);
    expect(table.hasBufferListeners).toBe(false);
  });

  it('subscribing a listener again with the other mode switches it, counted once', () => {
    const table = new SubscriptionTable();
    table.confirm(['a']);
    table.listen('a', { listener, buffers: true });
    table.listen('a', { listener, buffers: true });
    expect(table.listenersOf('a')?.size).toBe(1);
    table.listen('a', { listener, buffers: false });
    expect(table.hasBufferListeners).toBe(false);
    expect(table.listenersOf('a')?.get(listener)).toBe(false);
    table.listen('a', { listener, buffers: true });
    table.remove(['a'], other);
    expect(table.hasBufferListeners).toBe(true);
    table.remove(['a'], listener);
    expect(table.hasBufferListeners).toBe(false);
    expect(table.isConfirmed('a')).toBe(false);
  });
});
