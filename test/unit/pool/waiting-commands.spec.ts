import { Command } from '../../../lib/core/connection/command';
import { WaitingCommands } from '../../../lib/core/pool/waiting-commands';

describe('WaitingCommands', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const timeoutError = new Error('pool timeout');
  const failures: Array<Error | null> = [];
  const command = (name: string): Command => new Command([name], (error) => failures.push(error));

  beforeEach(() => (failures.length = 0));

  it('flushes in arrival order and stops the clock', () => {
    const waiting = new WaitingCommands(100, () => timeoutError);
    waiting.push(command('ASKING'));
    waiting.push(command('GET'));
    waiting.armTimeout();
    const sent: string[] = [];
    waiting.flushTo((c) => sent.push(c.name));
    expect(sent).toEqual(['ASKING', 'GET']);
    expect(waiting.length).toBe(0);
    jest.advanceTimersByTime(1000);
    expect(failures).toEqual([]);
  });

  it('fails everything waiting with the timeout error once poolTimeout passes', () => {
    const waiting = new WaitingCommands(100, () => timeoutError);
    waiting.push(command('GET'));
    waiting.armTimeout();
    jest.advanceTimersByTime(50);
    waiting.push(command('SET'));
    waiting.armTimeout(); // already running: the first arrival's deadline holds
    jest.advanceTimersByTime(50);
    expect(failures).toEqual([timeoutError, timeoutError]);
  });

  it('a timer with nothing left to fail does not call onTimeout', () => {
    const onTimeout = jest.fn(() => timeoutError);
    const waiting = new WaitingCommands(100, onTimeout);
    waiting.armTimeout();
    jest.advanceTimersByTime(100);
    expect(onTimeout).not.toHaveBeenCalled();
  });

  it('failAll settles each command once with the given error', () => {
    const waiting = new WaitingCommands(100, () => timeoutError);
    const refused = new Error('refused');
    waiting.push(command('GET'));
    waiting.push(command('GET'));
    waiting.failAll(refused);
    waiting.failAll(refused);
    expect(failures).toEqual([refused, refused]);
  });
});
