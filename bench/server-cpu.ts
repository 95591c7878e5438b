import { readFileSync } from 'node:fs';

/**
 * CPU time the cluster's own redis-server processes spent, read from /proc (Linux, servers on this
 * machine). A client's cost does not end at its process: on a shared machine every write that wakes
 * a sleeping server, and every command it sends, costs server CPU the client's own figure never
 * shows, and for SET the replicas' share comes on top. The cell tables report it per operation.
 */
export type ServerCpuProbe = () => number;

/**
 * Nanoseconds of CPU the processes have used so far (schedstat: exact, unlike clock ticks); NaN once
 * one of them is gone, so a server that dies mid-cell blanks the figure instead of failing the cell.
 */
export function serverCpuProbe(pids: readonly number[]): ServerCpuProbe | undefined {
  if (pids.length === 0) return undefined;
  const probe = (): number => {
    let ns = 0;
    try {
      for (const pid of pids) ns += Number(readFileSync(`/proc/${pid}/schedstat`, 'latin1').split(' ')[0]);
    } catch {
      return NaN;
    }
    return ns;
  };
  return Number.isFinite(probe()) ? probe : undefined;
}

/**
 * The pid a node reported (INFO server `process_id`) when it is a local server process listening on
 * that port: the same pid on another host or in a container would be some other process here.
 */
export function localServerPid(pid: number, port: number): number | undefined {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'latin1').replace(/\0/g, ' ');
    return /(redis|valkey)-server/.test(cmdline) && cmdline.includes(`:${port}`) ? pid : undefined;
  } catch {
    return undefined;
  }
}
