import { spawn } from 'node:child_process';
import type { SeedAddress } from './adapters';
import { KEY_COUNT, VALUE_BYTES } from './keyspace';

/** One `redis-benchmark --cluster` run: the C client's figures, the practical limit of this machine. */
export interface RedisBenchmarkRun {
  clients: number;
  pipeline: number;
  requests: number;
  /** Per test (GET, SET): requests/s and latency percentiles in µs. */
  results: Record<'GET' | 'SET', { rps: number; avgUs: number; p50Us: number; p99Us: number }>;
}

export async function redisBenchmark(seed: SeedAddress, clients: number, pipeline: number, requests: number): Promise<RedisBenchmarkRun> {
  const args = [
    '--cluster',
    '-h',
    seed.host,
    '-p',
    String(seed.port),
    '-t',
    'get,set',
    '-n',
    String(requests),
    '-r',
    String(KEY_COUNT),
    '-d',
    String(VALUE_BYTES),
    '-c',
    String(clients),
    '-P',
    String(pipeline),
    '--csv',
    '--precision',
    '3',
  ];
  const output = await capture('redis-benchmark', args);
  const results: Partial<RedisBenchmarkRun['results']> = {};
  // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
  for (const line of output.split('\n')) {
    const m = /^"(GET|SET)","([\d.]+)","([\d.]+)","[\d.]+","([\d.]+)","[\d.]+","([\d.]+)"/.exec(line.trim());
    if (m)
      results[m[1] as 'GET' | 'SET'] = {
        rps: Number(m[2]),
        avgUs: Number(m[3]) * 1000,
        p50Us: Number(m[4]) * 1000,
        p99Us: Number(m[5]) * 1000,
      };
  }
  if (results.GET === undefined || results.SET === undefined) throw new Error(`unexpected redis-benchmark output:\n${output.slice(-500)}`);
  return { clients, pipeline, requests, results: results as RedisBenchmarkRun['results'] };
}

function capture(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', (error) =>
      reject(new Error(`${command} could not run (${error.message}); Debian/Ubuntu: apt-get install redis-tools`)),
    );
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} exited with ${code}: ${out.slice(-300)}`))));
  });
}
