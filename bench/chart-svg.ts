/**
 * One workload's ops/s against in-flight as a hand-written SVG (no dependency): log scale on both
 * axes, one polyline per client, a legend. Log y on purpose: the vertical gap between two lines is
 * their ratio, the same reading at 1 in flight (thousands of ops/s) as at 256 (hundreds of thousands).
 */

export interface ChartSeries {
  label: string;
  /** Drawn thicker and first in the legend. */
  emphasis: boolean;
  /** Missing cells (failed, unsupported) are simply absent; x and y must be > 0. */
  points: Array<{ x: number; y: number }>;
}

/** A horizontal dashed line, e.g. the C client's pipelined limit. */
export interface ChartReference {
  label: string;
  y: number;
}

export interface ChartRequest {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly ChartSeries[];
  references: readonly ChartReference[];
}

const WIDTH = 760;
const HEIGHT = 420;
const PLOT = { left: 80, top: 40, right: 520, bottom: 360 };
/** Factor of empty x range beyond the first and last level (log scale: about 6% of 1..256 on each side). */
const X_MARGIN = 1.4;
const COLORS = ['#d62728', '#1f77b4', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f'];

export function renderChartSvg(req: ChartRequest): string {
  const xs = req.series.flatMap((s) => s.points.map((p) => p.x)).filter(positive);
  const ys = [...req.series.flatMap((s) => s.points.map((p) => p.y)), ...req.references.map((r) => r.y)].filter(positive);
  // x: the levels measured, with a margin so the end points sit inside the frame; y: the 1-2-5 steps around the data.
  const x = logScale(xs.length ? Math.min(...xs) / X_MARGIN : 1, xs.length ? Math.max(...xs) * X_MARGIN : 10, PLOT.left, PLOT.right);
  const y = logScale(stepBelow(ys.length ? Math.min(...ys) : 1), stepAbove(ys.length ? Math.max(...ys) : 10), PLOT.bottom, PLOT.top);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(req.title)}</text>`,
  ];
  // Grid and ticks: the x ticks are the in-flight levels measured, the y ticks 1-2-5 per decade.
  for (const v of [...new Set(xs)].sort((a, b) => a - b)) {
    const px = fmt(x.at(v));
    out.push(`<line x1="${px}" y1="${PLOT.top}" x2="${px}" y2="${PLOT.bottom}" stroke="#e0e0e0"/>`);
    out.push(`<text x="${px}" y="${PLOT.bottom + 16}" text-anchor="middle">${v}</text>`);
  }
  for (const v of yTicks(y.min, y.max)) {
    const py = fmt(y.at(v));
    out.push(`<line x1="${PLOT.left}" y1="${py}" x2="${PLOT.right}" y2="${py}" stroke="#e0e0e0"/>`);
    out.push(`<text x="${PLOT.left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${shortNumber(v)}</text>`);
  }
  out.push(
    `<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" fill="none" stroke="#333333"/>`,
    `<text x="${(PLOT.left + PLOT.right) / 2}" y="${HEIGHT - 16}" text-anchor="middle">${escapeXml(req.xLabel)}</text>`,
    `<text x="20" y="${(PLOT.top + PLOT.bottom) / 2}" text-anchor="middle" transform="rotate(-90 20 ${(PLOT.top + PLOT.bottom) / 2})">${escapeXml(req.yLabel)}</text>`,
  );
  const legend: string[] = [];
  const legendRow = (i: number): number => PLOT.top + 10 + i * 20;
  req.references.forEach((r, i) => {
    const py = fmt(y.at(r.y));
    out.push(`<line x1="${PLOT.left}" y1="${py}" x2="${PLOT.right}" y2="${py}" stroke="#555555" stroke-dasharray="6 4"/>`);
    legend.push(legendEntry(legendRow(req.series.length + i), '#555555', 1.5, r.label, '6 4'));
  });
  const ordered = [...req.series].sort((a, b) => Number(b.emphasis) - Number(a.emphasis));
  ordered.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const width = s.emphasis ? 3 : 1.5;
    const pts = s.points.filter((p) => positive(p.x) && positive(p.y)).sort((a, b) => a.x - b.x);
    const coords = pts.map((p) => `${fmt(x.at(p.x))},${fmt(y.at(p.y))}`).join(' ');
    out.push(`<polyline points="${coords}" fill="none" stroke="${color}" stroke-width="${width}" data-client="${escapeXml(s.label)}"/>`);
    for (const p of pts) out.push(`<circle cx="${fmt(x.at(p.x))}" cy="${fmt(y.at(p.y))}" r="${s.emphasis ? 4 : 3}" fill="${color}"/>`);
    legend.push(legendEntry(legendRow(i), color, width, s.label, undefined));
  });
  out.push(...legend, '</svg>');
  return `${out.join('\n')}\n`;
}

function legendEntry(row: number, color: string, width: number, label: string, dash: string | undefined): string {
  const x0 = PLOT.right + 20;
  const dashAttr = dash ? ` stroke-dasharray="${dash}"` : '';
  return (
    `<line x1="${x0}" y1="${row}" x2="${x0 + 28}" y2="${row}" stroke="${color}" stroke-width="${width}"${dashAttr}/>` +
    `<text x="${x0 + 36}" y="${row}" dominant-baseline="middle">${escapeXml(label)}</text>`
  );
}

interface Scale {
  min: number;
  max: number;
  at(v: number): number;
}

/** Maps [min, max] onto [from, to] logarithmically; one value alone is drawn in the middle. */
function logScale(min: number, max: number, from: number, to: number): Scale {
  const lo = Math.log10(min);
  const span = Math.log10(max) - lo;
  return { min, max, at: (v) => (span === 0 ? (from + to) / 2 : from + ((Math.log10(v) - lo) / span) * (to - from)) };
}

/** 1-2-5 steps from min to max (both steps themselves). */
function yTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let decade = 10 ** Math.floor(Math.log10(min)); decade <= max; decade *= 10) {
    for (const m of [1, 2, 5]) if (decade * m >= min * 0.9999 && decade * m <= max * 1.0001) ticks.push(decade * m);
  }
  return ticks;
}

/** The largest 1-2-5 step at or below v. */
function stepBelow(v: number): number {
  const decade = 10 ** Math.floor(Math.log10(v));
  return decade * ([5, 2, 1].find((m) => decade * m <= v) ?? 1);
}

/** The smallest 1-2-5 step at or above v. */
function stepAbove(v: number): number {
  const decade = 10 ** Math.floor(Math.log10(v));
  return decade * ([1, 2, 5, 10].find((m) => decade * m >= v) ?? 10);
}

function positive(v: number): boolean {
  return Number.isFinite(v) && v > 0;
}

function shortNumber(v: number): string {
  if (v >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (v >= 1e3) return `${+(v / 1e3).toPrecision(3)}k`;
  return String(+v.toPrecision(3));
}

function fmt(v: number): string {
  return v.toFixed(1);
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
