import type { ClusterHealth, NodeHealth, SlotRange } from '../../core/cluster/health/health-types';
import type { PoolStats } from '../../core/pool/pool-stats';

/** Pure verdicts over one heartbeat snapshot, kept apart from Nest so every rule is tested alone. */
export interface Verdict {
  healthy: boolean;
  /** Healthy, but with warnings (a suspect node, a down replica): terminus 12 reports it as `degraded`. */
  degraded?: boolean;
  details: Record<string, unknown>;
}

export interface NodeCheckOptions {
  /** A node (not down) whose smoothed PING latency is above this fails the check. @default no limit */
  maxLatencyMs?: number;
  /** A down replica fails the check; otherwise it is only listed under `warnings`. @default false */
  failOnReplicaDown?: boolean;
}

export interface NodeSummary {
  address: string;
  role: NodeHealth['role'];
  state: NodeHealth['state'];
  slots: string[];
}

export interface NodeDetail extends NodeSummary {
  id: string;
  masterId: string | undefined;
  latencyMs: number | null;
  lastError: string | undefined;
  pool: PoolStats;
}

/** Up when every slot is served by a master that is up (a suspect master still serves). */
export function evaluateCluster(health: ClusterHealth): Verdict {
  const problems: string[] = [];
  if (health.nodes.length === 0) problems.push('no nodes known (not connected)');
  const uncoveredSlots = health.uncoveredSlots.map(formatRange);
  if (uncoveredSlots.length > 0) problems.push(`slots not served: ${uncoveredSlots.join(', ')}`);
  const downNodes = health.nodes.filter((n) => n.state === 'down').map((n) => `${n.address} (${n.role})`);
  const downMasters = health.nodes.filter((n) => n.role === 'master' && n.state === 'down');
  if (downMasters.length > 0) problems.push(`masters down: ${downMasters.map((n) => n.address).join(', ')}`);

  const nodes = health.nodes.map(summarize);
  if (problems.length === 0) return { healthy: true, details: { nodes } };
  return { healthy: false, details: { message: problems.join('; '), uncoveredSlots, downNodes, nodes } };
}

/**
 * A down master fails; a suspect one is only a warning (it missed a heartbeat but still serves).
 * A down replica fails only with failOnReplicaDown, else it is a warning too; warnings alone make the
 * verdict degraded. Latency of a down node is stale, so not judged.
 */
export function evaluateNodes(health: ClusterHealth, options: NodeCheckOptions = {}): Verdict {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (health.nodes.length === 0) problems.push('no nodes known (not connected)');
  for (const node of health.nodes) {
    const label = `${node.role} ${node.address}`;
    if (node.state === 'down') {
      const reason = node.lastError ? `${label} down: ${node.lastError}` : `${label} down`;
      (node.role === 'master' || options.failOnReplicaDown === true ? problems : warnings).push(reason);
      continue;
    }
    if (node.state === 'suspect') warnings.push(`${label} suspect (missed a heartbeat)`);
    if (options.maxLatencyMs !== undefined && node.latencyMs !== null && node.latencyMs > options.maxLatencyMs) {
      problems.push(`${label} latency ${round(node.latencyMs)} ms > ${options.maxLatencyMs} ms`);
    }
  }

  const nodes = health.nodes.map(describe);
  const details: Record<string, unknown> = { nodes };
  if (warnings.length > 0) details.warnings = warnings;
  if (problems.length === 0) return warnings.length > 0 ? { healthy: true, degraded: true, details } : { healthy: true, details };
  return { healthy: false, details: { message: problems.join('; '), ...details } };
}

export function formatRange([start, end]: SlotRange): string {
  return start === end ? String(start) : `${start}-${end}`;
}

function summarize(node: NodeHealth): NodeSummary {
  return { address: node.address, role: node.role, state: node.state, slots: node.slots.map(formatRange) };
}

function describe(node: NodeHealth): NodeDetail {
  return {
    ...summarize(node),
    id: node.id,
    masterId: node.masterId,
    latencyMs: node.latencyMs === null ? null : round(node.latencyMs),
    lastError: node.lastError,
    pool: node.pool,
  };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
