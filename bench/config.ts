import type { WorkloadId } from './workload';

/** What one run does. Defaults fit ~4-5 minutes on 2 cores; `--quick` is a ~1-minute smoke. */
export const USAGE = `npm run bench -- [options]   (or: node --expose-gc dist-bench/bench/run.js [options])

  --quick                  1 round of 0.3 s per cell (+0.1 s warm-up), written to bench/results/quick.md
  --rounds=N               rounds, clients rotated each round (default 3; quick 1; env BENCH_ROUNDS)
  --seconds=S              measured seconds per cell per round (default 1; quick 0.3; env BENCH_SECONDS)
  --warmup=S               unmeasured seconds before each cell's window (default 0.2; quick 0.1; env BENCH_WARMUP)
  --clients=ours,node-redis,...   ids: ours, ioredis-auto, ioredis, node-redis, node-redis6, glide, ours-otel;
                           ours-before (only when named: BENCH_BEFORE=<dist-bench of another build>)
  --workloads=get,set,...  ids: get, set, mix, mget, replica-get
  --in-flight=1,16,256     commands in flight per cell (default 1,16,256)
  --no-memory-check        skip the 100,000-in-flight check
  --no-rss-check           skip the per-client RSS processes (import, connect + 1,000 GETs)
  --no-redis-benchmark     skip the C client's runs
  --out=bench/results/x.md report path; charts go beside it as x-<workload>.svg
  --help                   this text

  REDIS_CLUSTER_NODES=host:port,...  use that cluster instead of starting one
`;

export interface BenchConfig {
  /** `--help`: print USAGE, run nothing. */
  help: boolean;
  quick: boolean;
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  inFlight: number[];
  clients: string[] | undefined;
  workloads: WorkloadId[] | undefined;
  memoryCheck: boolean;
  rssCheck: boolean;
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
    if (m === null) throw new Error(`unknown argument '${arg}' (see --help)`);
    flags.set(m[1], m[2] ?? '');
  }
  const known = [
    'help',
    'quick',
    'rounds',
    'seconds',
    'warmup',
    'clients',
    'workloads',
    'in-flight',
    'no-memory-check',
    'no-rss-check',
    'no-redis-benchmark',
    'out',
  ];
  for (const name of flags.keys()) if (!known.includes(name)) throw new Error(`unknown option --${name} (see --help)`);
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
    help: flags.has('help'),
    quick,
    rounds: positive(flags.get('rounds') ?? env.BENCH_ROUNDS, quick ? 1 : 3, '--rounds / BENCH_ROUNDS'),
    seconds: positive(flags.get('seconds') ?? env.BENCH_SECONDS, quick ? 0.3 : 1, '--seconds / BENCH_SECONDS'),
    warmupSeconds: positive(flags.get('warmup') ?? env.BENCH_WARMUP, quick ? 0.1 : 0.2, '--warmup / BENCH_WARMUP'),
    inFlight,
    clients: list('clients'),
    workloads: workloads as WorkloadId[] | undefined,
    memoryCheck: !flags.has('no-memory-check'),
    rssCheck: !flags.has('no-rss-check'),
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
