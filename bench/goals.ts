import { bestPeer, OURS, oursVersusBest, usableCell } from './best-peer';
import type { GoalCheck } from './goal-check';
import type { RunResults } from './results';
import { rssGoals } from './rss-goals';
import type { CellSummary } from './stats';
import type { WorkloadId } from './workload';

export type { GoalCheck } from './goal-check';

/** Issue #15: ours over the best peer of each GET/SET cell, by in-flight level. */
const PEER_TARGETS: ReadonlyArray<[inFlight: number, atLeast: number]> = [
  [1, 1.1],
  [16, 1.3],
  [256, 2],
];
const TOP = 256;
/** Share of `redis-benchmark -P 16 -c 50` (the C client pipelining, this machine's practical limit) to reach at 256. */
const C_SHARE = 0.6;
const C_LIMIT = { clients: 50, pipeline: 16 };
const CPU_LIMIT_US = 2;
const COVERED: ReadonlySet<WorkloadId> = new Set(['get', 'set', 'mget']);

/** The figures of issue #15, each checked against this run. */
export function checkGoals(r: RunResults): GoalCheck[] {
  const checks: GoalCheck[] = [];
  for (const w of ['get', 'set'] as const) {
    const name = w.toUpperCase();
    for (const [n, target] of PEER_TARGETS) {
      const v = oursVersusBest(r, w, n);
      checks.push({
        goal: `${name}, ${n} in flight: >= ${target}x the best peer of the cell`,
        measured:
          v === undefined
            ? notMeasured(r, w, n)
            : `${v.ratio.toFixed(2)}x ${v.best.label} (${fmtOps(v.ours.opsPerSec)} vs ${fmtOps(v.best.cell.opsPerSec)} ops/s)` +
              `${gap(v.ratio, target)}${perRound(v.ours, v.best.cell, target)}`,
        met: v === undefined ? undefined : v.ratio >= target,
      });
    }
    const ours = usableCell(r, w, TOP, OURS);
    const limit = r.limits.find((l) => l.clients === C_LIMIT.clients && l.pipeline === C_LIMIT.pipeline)?.results[
      w === 'get' ? 'GET' : 'SET'
    ];
    const cRatio = ours && limit ? ours.opsPerSec / limit.rps : undefined;
    checks.push({
      goal: `${name}, ${TOP} in flight: >= ${C_SHARE}x \`redis-benchmark -P ${C_LIMIT.pipeline} -c ${C_LIMIT.clients}\``,
      measured:
        cRatio === undefined
          ? ours === undefined
            ? notMeasured(r, w, TOP)
            : `redis-benchmark not run${r.redisBenchmarkProblem ? ` (${r.redisBenchmarkProblem.slice(0, 120)})` : ''}`
          : `${cRatio.toFixed(2)}x (${fmtOps(ours!.opsPerSec)} vs ${fmtOps(limit!.rps)} ops/s)${gap(cRatio, C_SHARE)}`,
      met: cRatio === undefined ? undefined : cRatio >= C_SHARE,
    });
    const best = bestPeer(r, w, TOP);
    checks.push({
      goal: `${name}, ${TOP} in flight: CPU <= ${CPU_LIMIT_US} µs per command`,
      measured:
        ours === undefined
          ? notMeasured(r, w, TOP)
          : `${ours.cpuPerOpUs.toFixed(2)} µs/op` +
            (r.harness ? ` (harness alone ${r.harness.cpuPerOpUs.toFixed(2)})` : '') +
            (best ? `; best peer ${best.label} ${best.cell.cpuPerOpUs.toFixed(2)} µs/op` : ''),
      met: ours === undefined ? undefined : ours.cpuPerOpUs <= CPU_LIMIT_US,
    });
  }
  checks.push(...nothingElseSlower(r));

  for (const n of r.config.inFlight) {
    const v = oursVersusBest(r, 'mget', n);
    checks.push({
      goal: `MGET 10 keys / 10 slots, ${n} in flight: ahead of every peer that can`,
      measured:
        v === undefined
          ? notMeasured(r, 'mget', n)
          : `${v.ratio.toFixed(2)}x the best peer (${fmtOps(v.ours.opsPerSec)} vs ${v.best.label} ${fmtOps(v.best.cell.opsPerSec)} ops/s)`,
      met: v === undefined ? undefined : v.ratio > 1,
    });
  }

  checks.push(...rssGoals(r));

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

/**
 * "Nothing else slower": every workload x in-flight cell no goal above names (mix, replica reads,
 * GET/SET at other levels) at least level with its best peer. One line per workload.
 */
function nothingElseSlower(r: RunResults): GoalCheck[] {
  const checks: GoalCheck[] = [];
  for (const w of r.workloads) {
    if (w.id === 'mget') continue;
    const levels = r.config.inFlight.filter((n) => !(COVERED.has(w.id) && PEER_TARGETS.some(([t]) => t === n)));
    if (levels.length === 0) continue;
    const parts: string[] = [];
    let measured = 0;
    let behind = 0;
    for (const n of levels) {
      const v = oursVersusBest(r, w.id, n);
      if (v === undefined) {
        parts.push(`${n}: not measured`);
        continue;
      }
      measured++;
      if (v.ratio < 1) behind++;
      const noisy = straddles(pairedRatios(v.ours, v.best.cell), 1) ? ' (per-round ratios on both sides of 1: within noise)' : '';
      const text = `${n}: ${v.ratio.toFixed(2)}x ${v.best.label}${noisy}`;
      parts.push(v.ratio < 1 ? `**${text}**` : text);
    }
    checks.push({
      goal: `${w.id}, in flight ${levels.join(', ')}: at least level with the best peer of each cell`,
      measured: parts.join('; '),
      met: measured === 0 ? undefined : behind === 0,
    });
  }
  return checks;
}

/**
 * Ours over the peer round by round: round i of both ran moments apart, so these ratios are free of
 * the machine's slow swings that the totals carry. When they fall on both sides of the target the
 * verdict is within noise: repeat the cell with more rounds.
 */
function perRound(ours: CellSummary, peer: CellSummary, target: number): string {
  const ratios = pairedRatios(ours, peer);
  if (ratios.length < 2) return '';
  const lo = ratios[0];
  const hi = ratios[ratios.length - 1];
  const mid = ratios.length >> 1;
  const median = ratios.length % 2 === 1 ? ratios[mid] : (ratios[mid - 1] + ratios[mid]) / 2;
  const noise = straddles(ratios, target) ? ', within noise: repeat the cell' : '';
  return ` (per round ${lo.toFixed(2)}-${hi.toFixed(2)}x, median ${median.toFixed(2)}x${noise})`;
}

/** Sorted ratios that fall on both sides of the target. */
function straddles(sorted: readonly number[], target: number): boolean {
  return sorted.length >= 2 && sorted[0] < target && sorted[sorted.length - 1] >= target;
}

/** Ours / peer for each round both measured, sorted. */
export function pairedRatios(ours: CellSummary, peer: CellSummary): number[] {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(ours.roundRates.length, peer.roundRates.length); i++) {
    const ratio = ours.roundRates[i] / peer.roundRates[i];
    if (Number.isFinite(ratio) && ratio > 0) ratios.push(ratio);
  }
  return ratios.sort((a, b) => a - b);
}

function notMeasured(r: RunResults, w: WorkloadId, n: number): string {
  if (!r.config.inFlight.includes(n)) return `not in this run (--in-flight=${r.config.inFlight.join(',')})`;
  if (!r.workloads.some((x) => x.id === w)) return 'workload not in this run';
  if (usableCell(r, w, n, OURS) === undefined) return 'ours not measured or failed';
  return 'no peer measured';
}

function gap(ratio: number, target: number): string {
  const short = target - ratio;
  // Three decimals when close: "0.60x ... 0.00x short of 0.6x" would read as met.
  return short > 0 ? `; ${short.toFixed(short < 0.01 ? 3 : 2)}x short of ${target}x` : '';
}

export function fmtOps(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
