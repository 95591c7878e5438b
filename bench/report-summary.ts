import { bestPeer, OURS, oursVersusBest, usableCell } from './best-peer';
import { fmtOps } from './goals';
import { cellKey, type RunResults } from './results';
import type { CellSummary } from './stats';

/**
 * The figures README quotes: ours over the best peer of every cell, then one table per metric with
 * a column per client and two naming the best peer of the row's cell and our ratio to it.
 */
export function renderSummary(r: RunResults): string[] {
  const top = Math.max(...r.config.inFlight);
  const low = Math.min(...r.config.inFlight);
  const out: string[] = [...oursVersusBestTable(r)];
  for (const n of r.config.inFlight) {
    out.push(
      ...metricTable(r, `### Summary: ops/s at ${n} in flight (x the best peer of the cell)`, n, {
        value: (s, best) => `${fmtOps(s.opsPerSec)} (${ratio(s.opsPerSec, best?.opsPerSec)})`,
        ours: (s, best) => `**${ratio(s.opsPerSec, best.opsPerSec)}x**`,
      }),
    );
  }
  out.push(
    ...metricTable(r, `### Summary: CPU µs/op at ${top} in flight (lower is better)`, top, {
      value: (s) => s.cpuPerOpUs.toFixed(1),
      ours: (s, best) => `${ratio(s.cpuPerOpUs, best.cpuPerOpUs)}x`,
    }),
    ...metricTable(r, `### Summary: p50 µs at ${low} in flight (lower is better)`, low, {
      value: (s) => us(s.p50Us),
      ours: (s, best) => `${ratio(s.p50Us, best.p50Us)}x`,
    }),
  );
  return out;
}

/** Rows: workloads; columns: in-flight levels; each cell names its best peer. Misses in bold. */
function oursVersusBestTable(r: RunResults): string[] {
  const ours = r.clients.find((e) => e.adapter.id === OURS)?.adapter.label ?? OURS;
  const lines = [
    `### Summary: ${ours} / the best peer of each cell (ops/s)`,
    '',
    `| | ${r.config.inFlight.map((n) => `${n} in flight`).join(' | ')} |`,
    `| --- |${r.config.inFlight.map(() => ' --- |').join('')}`,
  ];
  for (const w of r.workloads) {
    const cells = r.config.inFlight.map((n) => {
      const v = oursVersusBest(r, w.id, n);
      if (v === undefined) return '—';
      const head = `${v.ratio.toFixed(2)}x ${v.best.label}`;
      return `${v.ratio < 1 ? `**${head}**` : head} (${fmtOps(v.ours.opsPerSec)} vs ${fmtOps(v.best.cell.opsPerSec)})`;
    });
    lines.push(`| ${w.id} | ${cells.join(' | ')} |`);
  }
  return [...lines, '', 'A ratio under 1 (ours behind the best peer of the cell) is in bold.', ''];
}

interface MetricColumns {
  /** A client's cell, given the best peer's cell (undefined when no peer measured it). */
  value: (s: CellSummary, best: CellSummary | undefined) => string;
  /** Our ratio to the best peer, in this metric. */
  ours: (s: CellSummary, best: CellSummary) => string;
}

function metricTable(r: RunResults, title: string, n: number, columns: MetricColumns): string[] {
  const clients = r.clients.filter((e) => e.skipped === undefined);
  const ours = clients.find((e) => e.adapter.id === OURS)?.adapter.label ?? OURS;
  const lines = [
    title,
    '',
    `| | ${clients.map((e) => e.adapter.label).join(' | ')} | best peer (by ops/s) | ${ours} / best peer |`,
    `| --- |${clients.map(() => ' ---: |').join('')} --- | ---: |`,
  ];
  for (const w of r.workloads) {
    const best = bestPeer(r, w.id, n);
    const cells = clients.map((e) => {
      if (w.id === 'mget' && e.mgetUnsupported) return 'unsupported';
      const s = r.cells.get(cellKey(w.id, n, e.adapter.id));
      return s === undefined ? '' : s.problem !== undefined ? 'FAILED' : columns.value(s, best?.cell);
    });
    const mine = usableCell(r, w.id, n, OURS);
    lines.push(`| ${w.id} | ${cells.join(' | ')} | ${best?.label ?? '—'} | ${mine && best ? columns.ours(mine, best.cell) : '—'} |`);
  }
  return [...lines, ''];
}

export function ratio(value: number, reference: number | undefined): string {
  return reference === undefined || !Number.isFinite(value) || !(reference > 0) ? '—' : `${(value / reference).toFixed(2)}`;
}

export function us(v: number): string {
  if (!Number.isFinite(v)) return '—';
  return v >= 100 ? v.toFixed(0) : v.toFixed(1);
}
