import { writeTiming } from '../../../lib/core/connection/write-timing';

/** Which of two callbacks ran first: `flush` scheduled by writeTiming, or a setImmediate queued before it. */
function order(): Promise<string[]> {
  const ran: string[] = [];
  return new Promise((resolve) => {
    setImmediate(() => ran.push('immediate queued before'));
    writeTiming.schedule(() => ran.push('flush'));
    setTimeout(() => resolve(ran), 20);
  });
}

describe('writeTiming', () => {
  it('nothing in flight anywhere: the write goes out at the end of this tick', async () => {
    expect(await order()).toEqual(['flush', 'immediate queued before']);
  });

  it('a reply still due anywhere: the write waits for the loop turn, to leave with what that reply sets off', async () => {
    writeTiming.sent();
    try {
      expect(await order()).toEqual(['immediate queued before', 'flush']);
    } finally {
      writeTiming.answered();
    }
    expect(await order()).toEqual(['flush', 'immediate queued before']);
  });

  it('a connection failing with several unanswered counts them all as answered', async () => {
    writeTiming.sent();
    writeTiming.sent();
    writeTiming.sent();
    writeTiming.answered(3);
    expect(await order()).toEqual(['flush', 'immediate queued before']);
  });
});
