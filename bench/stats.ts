/**
 * Measurement primitives, identical for every client: a log-linear latency histogram (HDR-like,
 * under 1% error, fixed memory, O(1) record), a seeded PRNG, and the per-cell aggregate.
 */

/** Values below 2 * SUB are exact; above, each power of two is cut into SUB buckets (< 0.8% error). */
const SUB_BITS = 7;
const SUB = 1 << SUB_BITS;
/** Latencies are nanoseconds; anything above 2^32 - 1 ns (4.29 s) is clamped there. */
const MAX_VALUE = 0xffff_ffff;
const BUCKETS = SUB * (32 - SUB_BITS) + SUB;

export interface HistogramSnapshot {
  counts: number[];
  total: number;
  max: number;
  sum: number;
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  total = 0;
  max = 0;
  sum = 0;

  record(ns: number): void {
    const v = ns > MAX_VALUE ? MAX_VALUE : ns >>> 0;
    this.counts[bucketOf(v)]++;
    this.total++;
    this.sum += v;
    if (v > this.max) this.max = v;
  }

  merge(other: LatencyHistogram): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i] += other.counts[i];
    this.total += other.total;
    this.sum += other.sum;
    if (other.max > this.max) this.max = other.max;
  }

  /** Plain data, for a histogram recorded in a client's own process (bench/cell-child.ts). */
  snapshot(): HistogramSnapshot {
    return { counts: Array.from(this.counts), total: this.total, max: this.max, sum: this.sum };
  }

  static fromSnapshot(data: HistogramSnapshot): LatencyHistogram {
    if (data.counts.length !== BUCKETS) throw new Error(`histogram snapshot has ${data.counts.length} buckets, not ${BUCKETS}`);
    const histogram = new LatencyHistogram();
    histogram.counts.set(data.counts);
    histogram.total = data.total;
    histogram.max = data.max;
    histogram.sum = data.sum;
    return histogram;
  }

  get mean(): number {
    return this.total === 0 ? NaN : this.sum / this.total;
  }

  /** The value (ns, bucket midpoint) at or below which `q` (0..1) of the samples lie. */
  quantile(q: number): number {
    if (this.total === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(bucketMidpoint(i), this.max);
    }
    return this.max;
  }
}

function bucketOf(v: number): number {
  if (v < 2 * SUB) return v;
  const shift = 31 - Math.clz32(v) - SUB_BITS;
  // mantissa in [SUB, 2 * SUB): the index is continuous with the exact range below.
  return SUB * shift + (v >>> shift);
}

function bucketMidpoint(index: number): number {
  if (index < 2 * SUB) return index;
  const shift = Math.floor(index / SUB) - 1;
  const mantissa = index - SUB * shift;
  const scale = 2 ** shift;
  return mantissa * scale + (scale - 1) / 2;
}

/** xorshift32: cheap, seeded, so every client sees the same key sequence per cell. */
export function seededRandom(seed: number): () => number {
  let x = seed >>> 0 || 0x9e37_79b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

/** One client in one cell for one round. */
export interface CellRound {
  ops: number;
  seconds: number;
  histogram: LatencyHistogram;
  /** User + system CPU of the whole process (native client threads included), µs. */
  cpuMicros: number;
  /** CPU the cluster's redis-server processes used in the same window, µs; NaN when not measured. */
  serverCpuMicros: number;
  rssBytes: number;
  /** Why the cell failed (an error, a wrong reply, a hang); undefined when it passed. */
  problem: string | undefined;
  /** Replica-read cells: share of the GETs the cluster's replicas served. */
  replicaShare: number | undefined;
}

/** The rounds of one cell merged: totals over totals, one histogram. */
export interface CellSummary {
  opsPerSec: number;
  meanUs: number;
  p50Us: number;
  p99Us: number;
  p999Us: number;
  cpuPerOpUs: number;
  /** The servers' CPU per operation (every master and replica); NaN when not measured. */
  serverCpuPerOpUs: number;
  rssMb: number;
  /** Half the range of the per-round ops/s, as a share of the mean: how noisy the rounds were. */
  spread: number;
  /**
   * Each round's ops/s in round order (NaN for a round that measured nothing). Round i of every
   * client ran within seconds of the others' round i, so per-round ratios between two clients cancel
   * the slow swings of a shared machine that their totals keep.
   */
  roundRates: number[];
  rounds: number;
  problem: string | undefined;
  replicaShare: number | undefined;
}

export function summarize(rounds: readonly CellRound[]): CellSummary {
  const histogram = new LatencyHistogram();
  let ops = 0,
    seconds = 0,
    cpu = 0,
    serverCpu = 0,
    rss = 0,
    replica = 0,
    replicaRounds = 0;
  const rates: number[] = [];
  const roundRates: number[] = [];
  let problem: string | undefined;
  for (const r of rounds) {
    histogram.merge(r.histogram);
    ops += r.ops;
    seconds += r.seconds;
    cpu += r.cpuMicros;
    serverCpu += r.serverCpuMicros;
    rss = Math.max(rss, r.rssBytes);
    if (r.seconds > 0) rates.push(r.ops / r.seconds);
    roundRates.push(r.seconds > 0 && r.problem === undefined ? r.ops / r.seconds : NaN);
    problem ??= r.problem;
    if (r.replicaShare !== undefined) {
      replica += r.replicaShare;
      replicaRounds++;
    }
  }
  const mean = rates.reduce((a, b) => a + b, 0) / Math.max(1, rates.length);
  return {
    opsPerSec: seconds > 0 ? ops / seconds : 0,
    meanUs: histogram.mean / 1000,
    p50Us: histogram.quantile(0.5) / 1000,
    p99Us: histogram.quantile(0.99) / 1000,
    p999Us: histogram.quantile(0.999) / 1000,
    cpuPerOpUs: ops > 0 ? cpu / ops : NaN,
    serverCpuPerOpUs: ops > 0 ? serverCpu / ops : NaN,
    rssMb: rss / 2 ** 20,
    spread: rates.length > 1 && mean > 0 ? (Math.max(...rates) - Math.min(...rates)) / 2 / mean : 0,
    rounds: rounds.length,
    roundRates,
    problem,
    replicaShare: replicaRounds > 0 ? replica / replicaRounds : undefined,
  };
}
