import { cellKey, type RunResults } from './results';
import type { CellSummary } from './stats';
import type { WorkloadId } from './workload';

/** Our adapter's id: every ratio in the report is ours (or a peer's) over the best peer of the cell. */
export const OURS = 'ours';

/** A variant of ours (`ours-otel`): measured for its cost, not in the memory and RSS checks. */
export function isVariantOfOurs(id: string): boolean {
  return id !== OURS && isOurs(id);
}

/** Ours and its variants (`ours-otel`): never anyone's peer. */
export function isOurs(id: string): boolean {
  return id === OURS || id.startsWith(`${OURS}-`);
}

export interface BestPeer {
  id: string;
  label: string;
  cell: CellSummary;
}

/** A cell that measured something: undefined when absent, skipped or failed. */
export function usableCell(r: RunResults, workload: WorkloadId, inFlight: number, clientId: string): CellSummary | undefined {
  const c = r.cells.get(cellKey(workload, inFlight, clientId));
  return c === undefined || c.problem !== undefined ? undefined : c;
}

/**
 * The fastest client other than ours (by ops/s) in one workload x in-flight cell. Peers differ per
 * cell (node-redis 5.9 leads at low concurrency, another may at high), so no fixed reference
 * would say whether we are ahead everywhere. Undefined when no peer measured the cell.
 */
export function bestPeer(r: RunResults, workload: WorkloadId, inFlight: number): BestPeer | undefined {
  let best: BestPeer | undefined;
  for (const e of r.clients) {
    if (isOurs(e.adapter.id) || e.skipped !== undefined) continue;
    const cell = usableCell(r, workload, inFlight, e.adapter.id);
    if (cell !== undefined && (best === undefined || cell.opsPerSec > best.cell.opsPerSec)) {
      best = { id: e.adapter.id, label: e.adapter.label, cell };
    }
  }
  return best;
}

/** Ours over the best peer of the cell, with both named; undefined when either is missing. */
export function oursVersusBest(
  r: RunResults,
  workload: WorkloadId,
  inFlight: number,
): { ours: CellSummary; best: BestPeer; ratio: number } | undefined {
  const ours = usableCell(r, workload, inFlight, OURS);
  const best = bestPeer(r, workload, inFlight);
  return ours && best && best.cell.opsPerSec > 0 ? { ours, best, ratio: ours.opsPerSec / best.cell.opsPerSec } : undefined;
}
