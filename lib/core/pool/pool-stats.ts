/** go-redis's pool vocabulary, per node and summed. Counters are cumulative; conns are current. */
export interface PoolStats {
  /** Commands or checkouts served by a connection that was already open. */
  hits: number;
  /** Times a new connection had to be dialled to serve a command or checkout. */
  misses: number;
  /** Waits for a connection that ran past poolTimeout. */
  timeouts: number;
  /** Open connections, dialling ones included. */
  totalConns: number;
  /** Open connections with nothing in flight and not checked out. */
  idleConns: number;
  /** Connections closed by idle reaping or maxConnAge. */
  staleConns: number;
}

export function emptyStats(): PoolStats {
  return { hits: 0, misses: 0, timeouts: 0, totalConns: 0, idleConns: 0, staleConns: 0 };
}

export function sumStats(all: Iterable<PoolStats>): PoolStats {
  const total = emptyStats();
  for (const s of all) {
    total.hits += s.hits;
    total.misses += s.misses;
    total.timeouts += s.timeouts;
    total.totalConns += s.totalConns;
    total.idleConns += s.idleConns;
    total.staleConns += s.staleConns;
  }
  return total;
}
