import { OURS, usableCell } from './best-peer';
import { type ChartReference, renderChartSvg } from './chart-svg';
import type { RunResults } from './results';
import type { WorkloadId } from './workload';

/** The pipelined C client drawn on the GET and SET charts: the goal's `redis-benchmark -P 16 -c 50`. */
const C_LIMIT = { clients: 50, pipeline: 16 };

/** Where a workload's chart goes: beside the report, `<report name>-<workload>.svg`. */
export function chartPath(reportPath: string, workload: WorkloadId): string {
  return `${reportPath.replace(/\.md$/, '')}-${workload}.svg`;
}

/** One SVG per workload of the run: ops/s against in-flight, one line per client that measured it. */
export function workloadCharts(r: RunResults): Array<{ workload: WorkloadId; svg: string }> {
  return r.workloads.map((w) => {
    // Every client in every chart (an unsupported one named, with no line), so each keeps its colour across charts.
    const series = r.clients
      .filter((e) => e.skipped === undefined)
      .map((e) => ({
        label: w.id === 'mget' && e.mgetUnsupported !== undefined ? `${e.adapter.label} (unsupported)` : e.adapter.label,
        emphasis: e.adapter.id === OURS,
        points: r.config.inFlight.flatMap((n) => {
          const c = usableCell(r, w.id, n, e.adapter.id);
          return c === undefined ? [] : [{ x: n, y: c.opsPerSec }];
        }),
      }));
    const references: ChartReference[] = [];
    const limit = r.limits.find((l) => l.clients === C_LIMIT.clients && l.pipeline === C_LIMIT.pipeline);
    if (limit && (w.id === 'get' || w.id === 'set')) {
      references.push({
        label: `redis-benchmark -P ${C_LIMIT.pipeline} -c ${C_LIMIT.clients}`,
        y: limit.results[w.id === 'get' ? 'GET' : 'SET'].rps,
      });
    }
    const svg = renderChartSvg({
      title: `${w.title}: ops/s by commands in flight`,
      xLabel: 'commands in flight (log scale)',
      yLabel: 'ops/s (log scale)',
      series,
      references,
    });
    return { workload: w.id, svg };
  });
}
