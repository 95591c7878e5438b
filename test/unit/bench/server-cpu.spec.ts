import { existsSync } from 'node:fs';
import { localServerPid, serverCpuProbe } from '../../../bench/server-cpu';

const hasSchedstat = existsSync(`/proc/${process.pid}/schedstat`);

describe("the servers' CPU probe (bench/server-cpu.ts)", () => {
  it('measures nothing without pids', () => {
    expect(serverCpuProbe([])).toBeUndefined();
  });

  (hasSchedstat ? it : it.skip)('reads CPU nanoseconds that grow while a process works', () => {
    const probe = serverCpuProbe([process.pid])!;
    const before = probe();
    // Busy until 5 ms of CPU show (or 2 s pass): a loaded machine may take the core away meanwhile.
    const until = Date.now() + 2000;
    while (probe() - before < 5e6 && Date.now() < until);
    expect(probe() - before).toBeGreaterThanOrEqual(5e6);
  });

  it('refuses a pid that is gone', () => {
    expect(serverCpuProbe([2 ** 30])).toBeUndefined();
    expect(localServerPid(2 ** 30, 7000)).toBeUndefined();
  });

  it('takes a pid only when it is a redis or valkey server on that port', () => {
    // A node reports its process_id; on another host that number is some other local process.
    expect(localServerPid(process.pid, 7000)).toBeUndefined();
  });
});
