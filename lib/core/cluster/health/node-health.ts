import type { NodeStateChange, NodeState } from './health-types';
import type { NodeHealthView } from './node-health-view';
import type { ClusterNode } from '../topology/topology';

interface Entry {
  node: ClusterNode;
  state: NodeState;
  latencyMs: number | null;
  failures: number;
  lastError: string | undefined;
  lastSeenAt: number | undefined;
  /** A replica that answered LOADING is skipped for reads until then. */
  loadingUntil: number;
}

/** Weight of the newest sample in the smoothed latency; 0.3 follows a change within a few beats. */
const LATENCY_SMOOTHING = 0.3;
const LOADING_BACKOFF_MS = 1000;

/**
 * Per-node state driven by the heartbeat (the router only marks a node that answered LOADING): up,
 * suspect after a miss, down after `failuresToDown` misses in a row, up again on the first answer.
 */
export class NodeHealthTracker implements NodeHealthView {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly failuresToDown: number,
    private readonly onChange: (change: NodeStateChange) => void,
  ) {}

  /** Keeps exactly the nodes of the current topology; new ones start up (innocent until a miss). */
  sync(nodes: Iterable<ClusterNode>): void {
    const seen = new Set<string>();
    for (const node of nodes) {
      seen.add(node.address);
      const entry = this.entries.get(node.address);
      if (entry) entry.node = node;
      else
        this.entries.set(node.address, {
          node,
          state: 'up',
          latencyMs: null,
          failures: 0,
          lastError: undefined,
          lastSeenAt: undefined,
          loadingUntil: 0,
        });
    }
    for (const address of [...this.entries.keys()]) if (!seen.has(address)) this.entries.delete(address);
  }

  recordSuccess(address: string, latencyMs: number): void {
    const entry = this.entries.get(address);
    if (!entry) return;
    entry.latencyMs = entry.latencyMs === null ? latencyMs : entry.latencyMs + LATENCY_SMOOTHING * (latencyMs - entry.latencyMs);
    entry.failures = 0;
    entry.lastSeenAt = Date.now();
    entry.lastError = undefined;
    this.move(entry, 'up', undefined);
  }

  recordFailure(address: string, error: Error): void {
    const entry = this.entries.get(address);
    if (!entry) return;
    entry.failures++;
    entry.lastError = error.message;
    this.move(entry, entry.failures >= this.failuresToDown ? 'down' : 'suspect', error.message);
  }

  markLoading(address: string): void {
    const entry = this.entries.get(address);
    if (entry) entry.loadingUntil = Date.now() + LOADING_BACKOFF_MS;
  }

  isUsable(address: string): boolean {
    const entry = this.entries.get(address);
    if (entry === undefined) return true;
    return entry.state !== 'down' && (entry.loadingUntil === 0 || entry.loadingUntil < Date.now());
  }

  latency(address: string): number {
    return this.entries.get(address)?.latencyMs ?? Infinity;
  }

  stateOf(address: string): NodeState {
    return this.entries.get(address)?.state ?? 'up';
  }

  view(address: string): Omit<Entry, 'node' | 'loadingUntil' | 'failures'> | undefined {
    const e = this.entries.get(address);
    return e && { state: e.state, latencyMs: e.latencyMs, lastError: e.lastError, lastSeenAt: e.lastSeenAt };
  }

  private move(entry: Entry, to: NodeState, error: string | undefined): void {
    const from = entry.state;
    if (from === to) return;
    entry.state = to;
    const { address, id, role } = entry.node;
    this.onChange({ address, id, role, from, to, error });
  }
}
