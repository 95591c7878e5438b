import { REFERENCE_ID } from './adapters';
import { cellKey, type RunResults } from './results';
import type { CellSummary } from './stats';
import type { WorkloadId } from './workload';

export interface GoalCheck {
  goal: string;
  measured: string;
  /** undefined: not measured in this run (a filter, a skipped peer, a failed cell). */
  met: boolean | undefined;
}

const OURS = 'ours';
const TOP = 256;

/** The figures of issue #6 / DESIGN.md, each checked against this run. */
export function checkGoals(r: RunResults): GoalCheck[] {
  const checks: GoalCheck[] = [];
  const cell = (w: WorkloadId, n: number, id: string): CellSummary | undefined => {
    const c = r.cells.get(cellKey(w, n, id));
    return c === undefined || c.problem !== undefined ? undefined : c;
  };
  const label = (id: string): string => r.clients.find((c) => c.adapter.id === id)?.adapter.label ?? id;

  for (const w of ['get', 'set'] as const) {
    const ours = cell(w, TOP, OURS);
    const ref = cell(w, TOP, REFERENCE_ID);
    const ratio = ours && ref ? ours.opsPerSec / ref.opsPerSec : undefined;
    checks.push({
      goal: `${w.toUpperCase()} at ${TOP} in flight: >= 1.5x ${label(REFERENCE_ID)}`,
      measured:
        ratio === undefined
          ? 'not measured'
          : `${ratio.toFixed(2)}x (${fmtOps(ours!.opsPerSec)} vs ${fmtOps(ref!.opsPerSec)} ops/s)${gap(ratio, 1.5, 'above')}`,
      met: ratio === undefined ? undefined : ratio >= 1.5,
    });
    for (const peer of ['node-redis', 'glide']) {
      const p = cell(w, TOP, peer);
      const pr = ours && p ? ours.opsPerSec / p.opsPerSec : undefined;
      checks.push({
        goal: `${w.toUpperCase()} at ${TOP} in flight: ahead of ${label(peer)}`,
        measured:
          pr === undefined ? missing(r, w, TOP, peer) : `${pr.toFixed(2)}x (${fmtOps(ours!.opsPerSec)} vs ${fmtOps(p!.opsPerSec)} ops/s)`,
        met: pr === undefined ? undefined : pr > 1,
      });
    }
    const cpu = ours && ref ? ours.cpuPerOpUs / ref.cpuPerOpUs : undefined;
    const plain = cell(w, TOP, 'ioredis');
    const plainRatio =
      ours && plain
        ? `; ${(ours.cpuPerOpUs / plain.cpuPerOpUs).toFixed(2)}x ${label('ioredis')} (${plain.cpuPerOpUs.toFixed(2)} µs/op)`
        : '';
    checks.push({
      goal: `${w.toUpperCase()} at ${TOP} in flight: CPU/op <= 0.6x ${label(REFERENCE_ID)}`,
      measured:
        cpu === undefined
          ? 'not measured'
          : `${cpu.toFixed(2)}x (${ours!.cpuPerOpUs.toFixed(2)} vs ${ref!.cpuPerOpUs.toFixed(2)} µs/op)${gap(cpu, 0.6, 'below')}${plainRatio}`,
      met: cpu === undefined ? undefined : cpu <= 0.6,
    });
  }

  for (const w of ['get', 'set'] as const) {
    const ours = cell(w, 1, OURS);
    const name = w === 'get' ? 'GET' : 'SET';
    const ref = median(r.latencyReference.map((run) => run.results[name].p50Us));
    const refMean = median(r.latencyReference.map((run) => run.results[name].avgUs));
    const ratio = ours && ref ? ours.p50Us / ref : undefined;
    checks.push({
      goal: `${name}, 1 in flight: p50 within 10% of redis-benchmark -c 1`,
      measured:
        ratio === undefined
          ? 'not measured'
          : `${ours!.p50Us.toFixed(1)} µs vs ${ref!.toFixed(1)} µs: ${pct(ratio - 1)}${ratio > 1.1 ? ` (${pct(ratio - 1.1)} over the limit)` : ''}; ` +
            `means ${ours!.meanUs.toFixed(1)} vs ${refMean!.toFixed(1)} µs`,
      met: ratio === undefined ? undefined : ratio <= 1.1,
    });
  }

  for (const n of r.config.inFlight) {
    const ours = cell('mget', n, OURS);
    const peers = r.clients.filter((c) => c.adapter.id !== OURS && c.skipped === undefined && c.mgetUnsupported === undefined);
    const rows = peers.map((p) => ({ label: p.adapter.label, c: cell('mget', n, p.adapter.id) }));
    const measuredPeers = rows.filter((x) => x.c !== undefined);
    const best = measuredPeers.reduce<{ label: string; ops: number } | undefined>(
      (b, x) => (b === undefined || x.c!.opsPerSec > b.ops ? { label: x.label, ops: x.c!.opsPerSec } : b),
      undefined,
    );
    checks.push({
      goal: `MGET 10 keys / 10 slots, ${n} in flight: ahead of every peer that can`,
      measured:
        ours === undefined
          ? 'not measured'
          : best === undefined
            ? 'no peer measured'
            : `${(ours.opsPerSec / best.ops).toFixed(2)}x the best peer (${fmtOps(ours.opsPerSec)} vs ${best.label} ${fmtOps(best.ops)} ops/s)`,
      met: ours === undefined || best === undefined ? undefined : ours.opsPerSec > best.ops,
    });
  }

  const mem = r.memory.find((m) => m.id === OURS)?.result;
  checks.push({
    goal: '100,000 commands in flight at once complete',
    measured:
      mem === undefined
        ? 'not measured'
        : `${mem.completed.toLocaleString('en-US')} OK, ${mem.failed} failed, in ${mem.seconds.toFixed(2)} s; RSS +${(mem.rssPeakMb - mem.rssBeforeMb).toFixed(0)} MB (peak ${mem.rssPeakMb.toFixed(0)} MB)`,
    met: mem === undefined ? undefined : mem.failed === 0,
  });
  return checks;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

function missing(r: RunResults, w: WorkloadId, n: number, id: string): string {
  const entry = r.clients.find((c) => c.adapter.id === id);
  if (entry?.skipped) return `peer skipped: ${entry.skipped}`;
  const c = r.cells.get(cellKey(w, n, id));
  if (c?.problem) return `peer failed: ${c.problem}`;
  return 'not measured';
}

function gap(ratio: number, target: number, want: 'above' | 'below'): string {
  const short = want === 'above' ? target - ratio : ratio - target;
  return short > 0 ? `; ${short.toFixed(2)}x short of ${target}x` : '';
}

function pct(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
}

export function fmtOps(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
