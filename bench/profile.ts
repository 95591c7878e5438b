/**
 * CPU profile of one client in one cell, and nothing else: V8's sampling profiler (what
 * `node --cpu-prof` runs) started after connect + warm-up and stopped when the window ends, so
 * setup and preload do not blur the picture. Writes the .cpuprofile (open it in Chrome DevTools)
 * and prints the top self-time functions.
 *
 *   REDIS_CLUSTER_NODES=127.0.0.1:7000 node --expose-gc dist-bench/bench/profile.js \
 *     [--client=ours] [--workload=get] [--in-flight=256] [--seconds=10] [--out=/tmp/bench.cpuprofile]
 *
 * The cluster must hold the bench keys (any `npm run bench` against it preloads them).
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { ADAPTERS } from './adapters';
import { buildKeyspace } from './keyspace';
import { parseSeeds } from './local-cluster';
import { type CpuProfile, summarizeProfile } from './profile-summary';
import { seededRandom, summarize } from './stats';
import { runCell, WORKLOADS } from './workload';

async function main(): Promise<void> {
  const opts = new Map<string, string>();
  for (const arg of process.argv.slice(2)) {
    const m = /^--([a-z-]+)=(.*)$/.exec(arg);
    if (m === null) throw new Error(`unknown argument '${arg}' (see the usage in bench/profile.ts)`);
    opts.set(m[1], m[2]);
  }
  const adapter = ADAPTERS.find((a) => a.id === (opts.get('client') ?? 'ours'));
  const workload = WORKLOADS.find((w) => w.id === (opts.get('workload') ?? 'get'));
  const seeds = process.env.REDIS_CLUSTER_NODES;
  if (adapter === undefined || workload === undefined || seeds === undefined) throw new Error('see the usage in bench/profile.ts');
  const inFlight = Number(opts.get('in-flight') ?? 256);
  const seconds = Number(opts.get('seconds') ?? 10);
  const out = opts.get('out') ?? `/tmp/bench-${adapter.id}-${workload.id}-${inFlight}.cpuprofile`;
  const ks = buildKeyspace(seededRandom(0x5eed));
  const client = await adapter.connect(parseSeeds(seeds), workload.readFrom);
  client.activate?.();
  await runCell(client, ks, { workload, inFlight, warmupSeconds: 0, seconds: 2, seed: 1 });

  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object): Promise<T> =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  const cell = await runCell(client, ks, { workload, inFlight, warmupSeconds: 0, seconds, seed: 2 });
  const { profile } = await post<{ profile: CpuProfile }>('Profiler.stop');
  session.disconnect();
  await client.close();

  writeFileSync(out, JSON.stringify(profile));
  const s = summarize([cell.result(process.memoryUsage.rss(), undefined)]);
  console.log(
    `${adapter.label}, ${workload.id}, ${inFlight} in flight, ${seconds} s: ${Math.round(s.opsPerSec)} ops/s, ` +
      `p50 ${s.p50Us.toFixed(0)} µs, CPU ${s.cpuPerOpUs.toFixed(2)} µs/op${s.problem ? `, FAILED: ${s.problem}` : ''}`,
  );
  console.log(summarizeProfile(profile, Number(opts.get('top') ?? 15), out));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
