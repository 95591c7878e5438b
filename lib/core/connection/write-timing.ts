/**
 * When a connection writes what was queued on it: the one decision between latency and batching.
 *
 * Commands in flight on every connection of the process, counted here: while any reply may still
 * arrive, a queued command waits for the end of the event loop's I/O phase (setImmediate), so the
 * commands those replies set off, on every socket, leave in one write per socket per loop turn. Each
 * write wakes the server, and on loopback it is most of a command's CPU cost: writing an idle socket
 * at once instead cost 15-20% more writes per command and 5-7% of the throughput at 16 in flight
 * (GET, SET; bench/). When nothing at all is in flight, no reply can add to the write, so it goes
 * out at the end of this tick (nextTick): a lone command (1 in flight) saves the loop turn. A
 * blocking call (BLPOP 0) counts as in flight while it waits, so writes then wait for the loop turn
 * too: microseconds, never a stall.
 */
let inFlightEverywhere = 0;

export const writeTiming = {
  /** Calls `flush` once the commands that belong with the one just queued are queued too. */
  schedule(flush: () => void): void {
    if (inFlightEverywhere === 0) process.nextTick(flush);
    else setImmediate(flush);
  },
  sent(): void {
    inFlightEverywhere++;
  },
  answered(count = 1): void {
    inFlightEverywhere -= count;
  },
};
