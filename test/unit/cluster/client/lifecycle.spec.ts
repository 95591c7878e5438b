import { Lifecycle, type ClientStatus } from '../../../../lib/core/cluster/client/lifecycle';
import { ClientClosedError } from '../../../../lib/core/errors/client-closed-error';

/** A lifecycle walked through `path` from idle; fails the test at the first refused step. */
function walk(...path: ClientStatus[]): Lifecycle {
  const lifecycle = new Lifecycle();
  for (const next of path) expect([next, lifecycle.moveTo(next)]).toEqual([next, true]);
  return lifecycle;
}

describe('Lifecycle', () => {
  it('starts idle, refusing requests with "call connect() first"', () => {
    const lifecycle = new Lifecycle();
    expect(lifecycle.status).toBe('idle');
    expect(lifecycle.closed).toBe(false);
    const refusal = lifecycle.refusal();
    expect(refusal).toBeInstanceOf(ClientClosedError);
    expect(refusal?.code).toBe('ERR_CLOSED');
    expect(refusal?.message).toMatch(/call connect\(\) first/);
  });

  it('takes requests while connecting and when ready', () => {
    const lifecycle = walk('connecting');
    expect(lifecycle.refusal()).toBeUndefined();
    lifecycle.moveTo('ready');
    expect(lifecycle.status).toBe('ready');
    expect(lifecycle.refusal()).toBeUndefined();
  });

  it.each<[string, ClientStatus[]]>([
    ['idle', []],
    ['connecting', ['connecting']],
    ['ready', ['connecting', 'ready']],
  ])('closes from %s: requests refused as closed from the first moment of closing', (_from, path) => {
    const lifecycle = walk(...path);
    expect(lifecycle.closed).toBe(false);
    expect(lifecycle.moveTo('closing')).toBe(true);
    expect(lifecycle.closed).toBe(true);
    expect(lifecycle.refusal()?.message).toBe('the client is closed');
    expect(lifecycle.moveTo('closed')).toBe(true);
    expect(lifecycle.refusal()).toBeInstanceOf(ClientClosedError);
  });

  it('lets a failed connect go back to idle, to be retried', () => {
    const lifecycle = walk('connecting', 'idle', 'connecting', 'ready');
    expect(lifecycle.status).toBe('ready');
  });

  it('is final once closed: no step leads anywhere', () => {
    const lifecycle = walk('closing', 'closed');
    for (const next of ['idle', 'connecting', 'ready', 'closing', 'closed'] as ClientStatus[]) {
      expect([next, lifecycle.moveTo(next)]).toEqual([next, false]);
    }
    expect(lifecycle.status).toBe('closed');
  });

  it.each<[ClientStatus[], ClientStatus]>([
    [[], 'ready'],
    [[], 'closed'],
    [['connecting'], 'closed'],
    [['connecting', 'ready'], 'connecting'],
    [['connecting', 'ready'], 'idle'],
    [['connecting', 'closing'], 'ready'],
    [['connecting', 'closing'], 'idle'],
    [['connecting', 'closing'], 'connecting'],
  ])('refuses the step %j -> %s and keeps its status', (path, next) => {
    const lifecycle = walk(...path);
    const before = lifecycle.status;
    expect(lifecycle.moveTo(next)).toBe(false);
    expect(lifecycle.status).toBe(before);
  });

  it('releases idle waiters on wakeIdle(), and each one at its own deadline otherwise', async () => {
    const lifecycle = new Lifecycle();
    let woken = 0;
    const first = lifecycle.whenIdle(Date.now() + 60_000).then(() => woken++);
    const second = lifecycle.whenIdle(Date.now() + 60_000).then(() => woken++);
    lifecycle.wakeIdle();
    await Promise.all([first, second]);
    expect(woken).toBe(2);
    const started = Date.now();
    await lifecycle.whenIdle(Date.now() + 50); // nobody wakes it: the deadline ends the wait
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    lifecycle.wakeIdle(); // no waiter left: nothing happens
  });
});
