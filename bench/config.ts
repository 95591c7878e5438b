import type { WorkloadId } from './workload';

/**
 * What one run does. Defaults fit ~4-5 minutes on 2 cores; `--quick` is a ~1-minute smoke.
 *
 *   BENCH_SECONDS   measured seconds per cell per round (default 1; quick 0.3)
 *   BENCH_ROUNDS    rounds, clients rotated each round (default 3; quick 1)
 *   BENCH_WARMUP    unmeasured seconds before each cell's window (default 0.2; quick 0.1)
 *   REDIS_CLUSTER_NODES  host:port,... of a cluster to use instead of starting one
 *
 *   --quick  --clients=ours,ioredis-auto  --workloads=get,set  --in-flight=1,256
 *   --no-memory-check  --no-redis-benchmark  --out=bench/results/other.md
 */
export interface BenchConfig {
  quick: boolean;
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  inFlight: number[];
  clients: string[] | undefined;
  workloads: WorkloadId[] | undefined;
  memoryCheck: boolean;
  redisBenchmark: boolean;
  /** Relative to the repository root. */
  out: string;
  /** How this run was started, for the report. */
  commandLine: string;
}

const WORKLOAD_IDS: readonly WorkloadId[] = ['get', 'set', 'mix', 'mget', 'replica-get'];

export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv): BenchConfig {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (m === null) throw new Error(`unknown argument '${arg}' (see bench/config.ts)`);
    flags.set(m[1], m[2] ?? '');
  }
  const known = ['quick', 'clients', 'workloads', 'in-flight', 'no-memory-check', 'no-redis-benchmark', 'out'];
  for (const name of flags.keys()) if (!known.includes(name)) throw new Error(`unknown option --${name} (see bench/config.ts)`);
  const quick = flags.has('quick');
  const list = (name: string): string[] | undefined =>
    flags
      .get(name)
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const workloads = list('workloads');
  for (const w of workloads ?? [])
    if (!WORKLOAD_IDS.includes(w as WorkloadId)) throw new Error(`unknown workload '${w}' (${WORKLOAD_IDS.join(', ')})`);
  const inFlight = (list('in-flight') ?? ['1', '16', '256']).map(Number);
  if (inFlight.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--in-flight takes positive integers');
  const envLine = ['BENCH_SECONDS', 'BENCH_ROUNDS', 'BENCH_WARMUP', 'REDIS_CLUSTER_NODES']
    .filter((k) => env[k] !== undefined)
    .map((k) => `${k}=${env[k]} `)
    .join('');
  const how =
    env.npm_lifecycle_event === 'bench'
      ? 'npm run bench'
      : `node ${process.execArgv.join(' ')} dist-bench/bench/run.js`.replace(/\s+/g, ' ');
  return {
    quick,
    rounds: positive(env.BENCH_ROUNDS, quick ? 1 : 3, 'BENCH_ROUNDS'),
    seconds: positive(env.BENCH_SECONDS, quick ? 0.3 : 1, 'BENCH_SECONDS'),
    warmupSeconds: positive(env.BENCH_WARMUP, quick ? 0.1 : 0.2, 'BENCH_WARMUP'),
    inFlight,
    clients: list('clients'),
    workloads: workloads as WorkloadId[] | undefined,
    memoryCheck: !flags.has('no-memory-check'),
    redisBenchmark: !flags.has('no-redis-benchmark'),
    out: flags.get('out') || (quick ? 'bench/results/quick.md' : 'bench/results/latest.md'),
    commandLine: `${envLine}${how}${argv.length > 0 ? (how.startsWith('npm') ? ' -- ' : ' ') + argv.join(' ') : ''}`,
  };
}

function positive(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got '${raw}'`);
  return n;
}
