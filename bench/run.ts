/**
 * `npm run bench`: our client against ioredis (with and without auto-pipelining), node-redis 5 and 6, and
 * Valkey GLIDE on one local cluster, each client in a process of its own, one client at a time. Prints a Markdown
 * report and writes it to bench/results/latest.md (--quick: quick.md) with one SVG chart per
 * workload beside it (latest-get.svg...). Options: `--help` (bench/config.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { ADAPTERS, type ClientAdapter, type SeedAddress } from './adapters';
import { ClientProcess } from './client-process';
import { ClusterAdmin } from './cluster-admin';
import { chartPath, workloadCharts } from './charts';
import { type BenchConfig, parseConfig, USAGE } from './config';
import { harnessClient } from './harness-client';
import { buildKeyspace, type Keyspace } from './keyspace';
import { startLocalCluster, parseSeeds, type LocalCluster } from './local-cluster';
import { memoryCheckInChild } from './memory-check';
import { redisBenchmark } from './redis-benchmark';
import { renderReport } from './report';
import { measureRss } from './rss-check';
import { isVariantOfOurs } from './best-peer';
import { cellKey, type MachineInfo, type RunResults } from './results';
import { type CellRound, seededRandom, summarize } from './stats';
import { describe, runCell, WORKLOADS, type Workload } from './workload';

const REPO_ROOT = resolve(__dirname, '..', '..');
const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

async function main(): Promise<void> {
  const config = parseConfig(process.argv.slice(2), process.env);
  if (config.help) return void process.stdout.write(USAGE);
  const gc = gcFunction();
  const started = Date.now();
  const loadStart = loadavg()[0].toFixed(2);
  let cluster: LocalCluster | undefined;
  let admin: ClusterAdmin | undefined;
  const connected: ClientProcess[] = [];
  try {
    const fromEnv = process.env.REDIS_CLUSTER_NODES;
    const seeds: SeedAddress[] = fromEnv ? parseSeeds(fromEnv) : (cluster = await startLocalCluster(REPO_ROOT, log)).seeds;
    admin = await ClusterAdmin.open(seeds);
    if (!(await admin.waitForSlotsReplicas())) log('CLUSTER SLOTS still lists no replicas after 30 s; replica reads may hit masters');
    const ks = buildKeyspace(seededRandom(0x5eed));
    await admin.preload(ks);
    log(`preloaded ${ks.keys.length} keys on ${admin.shape}`);

    const workloads = WORKLOADS.filter((w) => config.workloads === undefined || config.workloads.includes(w.id));
    const adapters = ADAPTERS.filter((a) => (config.clients === undefined ? !a.onRequestOnly : config.clients.includes(a.id)));
    const seedList = seeds.map((s) => `${s.host}:${s.port}`).join(',');
    const serverPids = await admin.localServerPids();
    if (serverPids.length === 0) log('the servers are not local processes: no server CPU per operation in this run');
    // One at a time: each connects and warms its code paths up (JIT) while the others wait.
    for (const adapter of adapters) connected.push(await startClient(adapter, seedList, workloads, serverPids));

    const rounds = new Map<string, CellRound[]>();
    const latencyReference = [];
    let redisBenchmarkProblem: string | undefined;
    for (let round = 0; round < config.rounds; round++) {
      if (config.redisBenchmark && redisBenchmarkProblem === undefined) {
        try {
          latencyReference.push(await redisBenchmark(seeds[0], 1, 1, config.quick ? 5_000 : 20_000));
        } catch (error) {
          redisBenchmarkProblem = describe(error);
        }
      }
      await runRound(round, config, workloads, connected, admin, rounds);
    }

    const limits = [];
    if (config.redisBenchmark && redisBenchmarkProblem === undefined) {
      for (const [c, p] of [
        [16, 16],
        [50, 16],
      ]) {
        try {
          limits.push(await redisBenchmark(seeds[0], c, p, config.quick ? 100_000 : 500_000));
        } catch (error) {
          redisBenchmarkProblem = describe(error);
        }
      }
    }

    gc();
    const harness = summarize([await measureHarness(ks, config)]);

    // Each client in a fresh process: RSS growth of one client, not of everything loaded so far.
    const memory: RunResults['memory'] = [];
    if (config.memoryCheck) {
      for (const c of connected) {
        const { id, label } = c.entry.adapter;
        if (isVariantOfOurs(id)) continue;
        if (c.entry.skipped !== undefined) {
          memory.push({ id, label, result: undefined, skipped: c.entry.skipped });
          continue;
        }
        log(`100k in flight: ${label}`);
        const { result, problem } = await memoryCheckInChild(id, seedList);
        memory.push({ id, label, result, skipped: problem });
      }
    }

    // Each client's RSS in fresh processes: what importing it costs, then connected and used.
    const runnable = connected
      .filter((c) => c.entry.skipped === undefined && !isVariantOfOurs(c.entry.adapter.id))
      .map((c) => c.entry.adapter);
    const rss = config.rssCheck ? await measureRss(runnable, seedList) : [];
    for (const m of rss) log(`RSS ${m.label}: ${m.result ? `${m.result.afterImportMb.toFixed(1)} MB after import` : m.problem}`);

    const results: RunResults = {
      config,
      machine: await machineInfo(admin, started, loadStart),
      clients: connected.map((c) => c.entry),
      workloads: workloads.map(({ id, title }) => ({ id, title })),
      cells: new Map([...rounds].map(([k, v]) => [k, summarize(v)])),
      latencyReference,
      limits,
      redisBenchmarkProblem,
      memory,
      rss,
      harness,
    };
    const report = renderReport(results);
    process.stdout.write(`${report}\n`);
    const outPath = resolve(REPO_ROOT, config.out);
    mkdirSync(dirname(outPath), { recursive: true });
    writeFileSync(outPath, `${report}\n`);
    const charts = workloadCharts(results);
    for (const { workload, svg } of charts) writeFileSync(chartPath(outPath, workload), svg);
    log(`written to ${config.out}, with ${charts.map((x) => basename(chartPath(config.out, x.workload))).join(', ')} beside it`);
  } finally {
    for (const c of connected) await c.close();
    admin?.close();
    cluster?.stop();
  }
}

async function startClient(
  adapter: ClientAdapter,
  seedList: string,
  workloads: readonly Workload[],
  serverPids: readonly number[],
): Promise<ClientProcess> {
  const client = await ClientProcess.start(adapter, seedList, workloads, serverPids);
  const { skipped, mgetUnsupported } = client.entry;
  log(`${adapter.label} ${skipped !== undefined ? `skipped: ${skipped}` : `connected${mgetUnsupported ? ' (no cross-slot MGET)' : ''}`}`);
  return client;
}

async function runRound(
  round: number,
  config: BenchConfig,
  workloads: readonly Workload[],
  connected: readonly ClientProcess[],
  admin: ClusterAdmin,
  rounds: Map<string, CellRound[]>,
): Promise<void> {
  const runnable = connected.filter((c) => c.entry.skipped === undefined);
  let cellIndex = 0;
  for (const workload of workloads) {
    for (const inFlight of config.inFlight) {
      // Rotate the order per cell and per round: no client always runs first, or right after the same peer.
      const shift = (round + cellIndex++) % Math.max(1, runnable.length);
      const order = [...runnable.slice(shift), ...runnable.slice(0, shift)];
      const seed = 0x1000 * (round + 1) + cellIndex;
      for (const c of order) {
        if (workload.id === 'mget' && c.entry.mgetUnsupported) continue;
        const before = workload.id === 'replica-get' ? await admin.getCalls() : undefined;
        const result = await c.runCell(workload, { inFlight, warmupSeconds: config.warmupSeconds, seconds: config.seconds, seed });
        if (before !== undefined) {
          const after = await admin.getCalls();
          const m = after.masters - before.masters,
            r = after.replicas - before.replicas;
          result.replicaShare = m + r > 0 ? r / (m + r) : undefined;
        }
        const key = cellKey(workload.id, inFlight, c.entry.adapter.id);
        rounds.set(key, [...(rounds.get(key) ?? []), result]);
        log(progressLine(round, workload.id, inFlight, c.entry.adapter.label, result));
      }
    }
  }
}

async function measureHarness(ks: Keyspace, config: BenchConfig): Promise<CellRound> {
  const workload = WORKLOADS.find((w) => w.id === 'get')!;
  const cell = await runCell(harnessClient(ks), ks, {
    workload,
    inFlight: 256,
    warmupSeconds: config.warmupSeconds,
    seconds: Math.min(1, config.seconds),
    seed: 7,
  });
  return cell.result(process.memoryUsage.rss(), undefined);
}

function progressLine(round: number, workload: string, inFlight: number, label: string, r: CellRound): string {
  const head = `r${round + 1} ${workload.padEnd(11)} x${String(inFlight).padEnd(3)} ${label.padEnd(26)}`;
  if (r.problem !== undefined) return `${head} FAILED: ${r.problem}`;
  const ops = r.seconds > 0 ? Math.round(r.ops / r.seconds) : 0;
  return `${head} ${String(ops).padStart(8)} ops/s  p50 ${(r.histogram.quantile(0.5) / 1000).toFixed(1)} µs  cpu ${(r.cpuMicros / r.ops).toFixed(2)} µs/op`;
}

function gcFunction(): () => void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) log('no global.gc (run node with --expose-gc, as `npm run bench` does): cells start without a collection');
  return gc ?? (() => undefined);
}

async function machineInfo(admin: ClusterAdmin, started: number, loadStart: string): Promise<MachineInfo> {
  // Read from disk: some packages' export maps hide their package.json from require().
  const version = (dir: string): string => {
    try {
      return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return 'not installed';
    }
  };
  const safeVersion = (pkg: string): string => version(join(REPO_ROOT, 'node_modules', pkg));
  return {
    cpu: cpus()[0]?.model ?? 'unknown CPU',
    cores: cpus().length,
    memoryGb: totalmem() / 2 ** 30,
    os: `${type()} ${release()}`,
    node: process.version,
    redis: await admin.redisVersion(),
    cluster: admin.shape,
    versions: {
      slotline: version(REPO_ROOT),
      ioredis: safeVersion('ioredis'),
      redis: safeVersion('redis'),
      redis6: safeVersion('redis6'),
      '@valkey/valkey-glide': safeVersion('@valkey/valkey-glide'),
    },
    revision: gitRevision(),
    startedAt: new Date(started).toISOString(),
    loadStart,
    loadEnd: loadavg()[0].toFixed(2),
    durationSeconds: (Date.now() - started) / 1000,
  };
}

function gitRevision(): string {
  const git = (...args: string[]): string => spawnSync('git', ['-C', REPO_ROOT, ...args], { encoding: 'utf8' }).stdout?.trim() ?? '';
  const head = git('rev-parse', '--short', 'HEAD');
  if (head === '') return 'unknown (not a git checkout)';
  return git('status', '--porcelain', '--', 'lib') === '' ? head : `${head} + uncommitted changes in lib/`;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
