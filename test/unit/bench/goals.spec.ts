import type { ClientAdapter } from '../../../bench/adapters/types';
import { bestPeer } from '../../../bench/best-peer';
import { workloadCharts } from '../../../bench/charts';
import type { BenchConfig } from '../../../bench/config';
import { checkGoals, type GoalCheck, pairedRatios } from '../../../bench/goals';
import { renderReport } from '../../../bench/report';
import { cellKey, type ClientEntry, type RunResults } from '../../../bench/results';
import type { RssChildResult } from '../../../bench/rss-types';
import type { CellSummary } from '../../../bench/stats';
import type { WorkloadId } from '../../../bench/workload';

function adapter(id: string, label: string): ClientAdapter {
  return {
    id,
    label,
    settings: { master: 'defaults', replica: 'defaults' },
    connect: () => Promise.reject(new Error('not in a unit test')),
  };
}

function cell(opsPerSec: number, extra: Partial<CellSummary> = {}): CellSummary {
  return {
    opsPerSec,
    meanUs: 100,
    p50Us: 90,
    p99Us: 300,
    p999Us: 900,
    cpuPerOpUs: 5,
    serverCpuPerOpUs: 3,
    rssMb: 100,
    spread: 0,
    rounds: 3,
    roundRates: [opsPerSec, opsPerSec, opsPerSec],
    problem: undefined,
    replicaShare: undefined,
    ...extra,
  };
}

function rss(afterImportMb: number, afterUseMb: number): RssChildResult {
  return {
    freshMb: 40,
    afterBuiltinsMb: undefined,
    afterImportMb,
    afterUseMb,
    breakdown: {
      entry: 'x',
      files: 10,
      fileBytes: 10_000,
      groups: [],
      builtins: ['net'],
      internals: 3,
      heapBeforeMb: 4,
      heapAfterMb: 5,
      heapTotalBeforeMb: 6,
      heapTotalAfterMb: 8,
    },
  };
}

/** A run with GET/SET/mix at 1, 16, 256 in flight; `ops` gives [ours, node-redis, ioredis] per workload and level. */
function run(ops: Partial<Record<WorkloadId, Record<number, [number, number, number]>>>, over: Partial<RunResults> = {}): RunResults {
  const clients: ClientEntry[] = [
    { adapter: adapter('ours', 'slotline'), skipped: undefined, mgetUnsupported: undefined },
    { adapter: adapter('node-redis', 'node-redis'), skipped: undefined, mgetUnsupported: undefined },
    { adapter: adapter('ioredis', 'ioredis'), skipped: undefined, mgetUnsupported: undefined },
  ];
  const cells = new Map<string, CellSummary>();
  for (const [w, levels] of Object.entries(ops)) {
    for (const [n, values] of Object.entries(levels!)) {
      clients.forEach((c, i) => cells.set(cellKey(w as WorkloadId, Number(n), c.adapter.id), cell(values[i])));
    }
  }
  const config: BenchConfig = {
    help: false,
    quick: false,
    rounds: 3,
    seconds: 1,
    warmupSeconds: 0.2,
    inFlight: [1, 16, 256],
    clients: undefined,
    workloads: undefined,
    memoryCheck: false,
    rssCheck: true,
    redisBenchmark: true,
    out: 'bench/results/latest.md',
    commandLine: 'npm run bench',
  };
  return {
    config,
    machine: {
      cpu: 'cpu',
      cores: 2,
      memoryGb: 8,
      os: 'Linux',
      node: 'v20',
      redis: '7',
      cluster: '3 masters',
      versions: {},
      revision: 'abc',
      startedAt: 'now',
      loadStart: '0',
      loadEnd: '0',
      durationSeconds: 1,
    },
    clients,
    workloads: Object.keys(ops).map((id) => ({ id: id as WorkloadId, title: `${id} title` })),
    cells,
    latencyReference: [],
    limits: [
      {
        clients: 50,
        pipeline: 16,
        requests: 1,
        results: {
          GET: { rps: 600_000, avgUs: 1, p50Us: 1, p99Us: 1 },
          SET: { rps: 400_000, avgUs: 1, p50Us: 1, p99Us: 1 },
        },
      },
    ],
    redisBenchmarkProblem: undefined,
    memory: [],
    rss: [],
    harness: undefined,
    ...over,
  };
}

const find = (checks: GoalCheck[], start: string): GoalCheck => {
  const found = checks.find((g) => g.goal.startsWith(start));
  if (found === undefined) throw new Error(`no goal starting '${start}' in ${checks.map((g) => g.goal).join(' / ')}`);
  return found;
};

describe('best peer of a cell', () => {
  it('is the fastest client other than ours, per cell', () => {
    const r = run({ get: { 1: [100, 90, 50], 16: [100, 50, 95], 256: [100, 10, 20] } });
    expect(bestPeer(r, 'get', 1)?.label).toBe('node-redis');
    expect(bestPeer(r, 'get', 16)?.label).toBe('ioredis');
  });

  it('ignores a failed cell and a skipped client', () => {
    const r = run({ get: { 1: [100, 90, 50], 16: [1, 1, 1], 256: [1, 1, 1] } });
    r.cells.set(cellKey('get', 1, 'node-redis'), cell(900, { problem: 'timeout' }));
    expect(bestPeer(r, 'get', 1)?.label).toBe('ioredis');
    r.clients[2].skipped = 'cannot load';
    expect(bestPeer(r, 'get', 1)).toBeUndefined();
  });
});

describe('goals of issue #15', () => {
  const r = run({
    get: { 1: [110, 100, 50], 16: [129, 100, 50], 256: [400_000, 200_000, 50] },
    set: { 1: [109, 100, 50], 16: [140, 100, 50], 256: [230_000, 120_000, 50] },
    mix: { 1: [100, 99, 50], 16: [99, 100, 50], 256: [300, 100, 50] },
  });
  const goals = checkGoals(r);

  it('holds GET and SET to 1.1x, 1.3x and 2x the best peer at 1, 16 and 256 in flight, naming it', () => {
    expect(find(goals, 'GET, 1 in flight').met).toBe(true);
    expect(find(goals, 'GET, 1 in flight').measured).toContain('1.10x node-redis');
    expect(find(goals, 'GET, 16 in flight').met).toBe(false);
    expect(find(goals, 'GET, 16 in flight').measured).toContain('short of 1.3x');
    expect(find(goals, 'GET, 256 in flight: >= 2x').met).toBe(true);
    expect(find(goals, 'SET, 1 in flight').met).toBe(false);
    expect(find(goals, 'SET, 16 in flight').met).toBe(true);
    expect(find(goals, 'SET, 256 in flight: >= 2x').met).toBe(false);
  });

  it('holds 256 in flight to 0.6x redis-benchmark -P 16 -c 50 and to 2 µs of CPU per command', () => {
    expect(find(goals, 'GET, 256 in flight: >= 0.6x').met).toBe(true); // 400k / 600k
    expect(find(goals, 'SET, 256 in flight: >= 0.6x').met).toBe(false); // 230k / 400k = 0.575
    expect(find(goals, 'GET, 256 in flight: CPU').met).toBe(false); // 5 µs/op in every cell here
  });

  it('says nothing else is slower only when every other cell is at least level, and bolds the one behind', () => {
    const mix = find(goals, 'mix, in flight 1, 16, 256');
    expect(mix.met).toBe(false);
    expect(mix.measured).toContain('**16: 0.99x node-redis**');
  });

  it('gives ours / the best peer round by round, and says within noise when those ratios straddle the target', () => {
    const paired = run({ get: { 1: [120, 100, 50] } });
    const key = (id: string) => cellKey('get', 1, id);
    paired.cells.set(key('ours'), cell(120, { roundRates: [130, 90, 140] }));
    // The machine slowed down in round 2 for both: the per-round ratios stay 1.30, 1.13, 1.27.
    paired.cells.set(key('node-redis'), cell(100, { roundRates: [100, 80, 110] }));
    expect(find(checkGoals(paired), 'GET, 1 in flight').measured).toContain('(per round 1.13-1.30x, median 1.27x)');
    paired.cells.set(key('node-redis'), cell(100, { roundRates: [100, 85, 130] }));
    expect(find(checkGoals(paired), 'GET, 1 in flight').measured).toContain(
      '(per round 1.06-1.30x, median 1.08x, within noise: repeat the cell)',
    );
    // A round either client failed is left out of the pairs.
    expect(pairedRatios(cell(1, { roundRates: [120, NaN, 110] }), cell(1, { roundRates: [100, 100, 0] }))).toEqual([1.2]);
  });

  it('says "not in this run" rather than missed when a level was filtered out', () => {
    const low = run({ get: { 1: [110, 100, 50], 16: [129, 100, 50] } });
    const filtered = checkGoals({ ...low, config: { ...low.config, inFlight: [1, 16] } });
    expect(find(filtered, 'GET, 256 in flight: >= 2x')).toMatchObject({
      met: undefined,
      measured: expect.stringContaining('not in this run'),
    });
  });

  it('checks our RSS against node-redis and ioredis, after import and after use', () => {
    const withRss = run(
      { get: { 1: [1, 1, 1] } },
      {
        rss: [
          { id: 'ours', label: 'slotline', result: rss(50, 70), builtinsFirst: undefined, problem: undefined },
          { id: 'node-redis', label: 'node-redis', result: rss(55, 85), builtinsFirst: undefined, problem: undefined },
          { id: 'ioredis', label: 'ioredis', result: rss(57, 65), builtinsFirst: undefined, problem: undefined },
        ],
      },
    );
    const checks = checkGoals(withRss);
    expect(find(checks, '`slotline/client` process RSS after importing').met).toBe(true);
    const used = find(checks, '`slotline/client` process RSS after connecting');
    expect(used.met).toBe(false);
    expect(used.measured).toContain('5.0 MB over the lowest');
  });
});

describe('report', () => {
  const r = run({ get: { 1: [110, 100, 50], 16: [129, 100, 50], 256: [400_000, 200_000, 50] } });
  const report = renderReport(r);

  it('names the best peer in each cell and embeds the chart beside the report', () => {
    expect(report).toContain('## Goals (issue #15)');
    expect(report).toContain('| 1 | node-redis (best peer) |');
    expect(report).toContain('![get title](latest-get.svg)');
    expect(report).toContain(
      '| get | 1.10x node-redis (110 vs 100) | 1.29x node-redis (129 vs 100) | 2.00x node-redis (400,000 vs 200,000) |',
    );
    expect(report).not.toContain('x ref');
  });

  it("shows each client's RSS and what our import loads, split into built-ins and our files", () => {
    const first = { ...rss(50, 70), afterBuiltinsMb: 43 };
    const text = renderReport({
      ...r,
      rss: [
        { id: 'ours', label: 'slotline', result: rss(51, 70), builtinsFirst: first, problem: undefined },
        { id: 'node-redis', label: 'node-redis', result: undefined, builtinsFirst: undefined, problem: 'exit 1: boom' },
      ],
    });
    expect(text).toContain('| **slotline** | `x` | 40.0 | 51.0 | +11.0 | +2.0 / +1.0 | 70.0 | +19.0 | 10 (10 KB) | 1 |');
    expect(text).toContain('| node-redis | failed: exit 1: boom |');
    expect(text).toContain('the built-ins alone add 3.0 MB, our files on top add 7.0 MB');
  });

  it('writes one chart per workload with one line per client', () => {
    const charts = workloadCharts(r);
    expect(charts.map((c) => c.workload)).toEqual(['get']);
    expect(charts[0].svg.match(/<polyline /g)).toHaveLength(3);
  });
});
