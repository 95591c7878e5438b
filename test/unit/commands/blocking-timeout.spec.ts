import { blockingTimeoutMs, NOT_BLOCKING } from '../../../lib/core/commands/blocking-timeout';
import { CommandRegistry } from '../../../lib/core/commands/command-registry';
import type { RespArg } from '../../../lib/core/resp/types';

const registry = new CommandRegistry();
const timeoutOf = (...args: RespArg[]): number => blockingTimeoutMs(registry.resolve(args), args);

describe('blockingTimeoutMs: how long a blocking call may wait for its reply', () => {
  it('reads seconds from the last argument of BLPOP, BRPOP, BLMOVE, BZPOPMIN', () => {
    expect(timeoutOf('BLPOP', 'a', 'b', 1.5)).toBe(1500);
    expect(timeoutOf('BRPOP', 'a', '2')).toBe(2000);
    expect(timeoutOf('BLMOVE', 'a', 'b', 'LEFT', 'RIGHT', 0.25)).toBe(250);
    expect(timeoutOf('BZPOPMIN', 'z', 0)).toBe(0);
  });

  it('reads seconds from the first argument of BLMPOP and BZMPOP, not their trailing COUNT', () => {
    expect(timeoutOf('BLMPOP', 3, 1, 'k', 'LEFT', 'COUNT', 1)).toBe(3000);
    expect(timeoutOf('BZMPOP', '0.5', 2, 'a', 'b', 'MIN')).toBe(500);
    expect(timeoutOf('blmpop', 0, 1, 'k', 'RIGHT', 'COUNT', 10)).toBe(0);
  });

  it('reads milliseconds after BLOCK for XREAD/XREADGROUP, which do not block without it', () => {
    expect(timeoutOf('XREAD', 'COUNT', 5, 'BLOCK', 250, 'STREAMS', 's', '$')).toBe(250);
    expect(timeoutOf('XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', 0, 'STREAMS', 's', '>')).toBe(0);
    expect(timeoutOf('XREAD', 'STREAMS', 's', '0')).toBe(NOT_BLOCKING);
  });

  it('is NOT_BLOCKING for ordinary commands', () => {
    expect(timeoutOf('LMPOP', 1, 'k', 'LEFT', 'COUNT', 5)).toBe(NOT_BLOCKING);
    expect(timeoutOf('GET', 'k')).toBe(NOT_BLOCKING);
  });
});
