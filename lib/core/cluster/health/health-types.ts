import type { PoolStats } from '../../pool/pool-stats';
import type { NodeRole, SlotRange } from '../topology/topology-types';

export type { NodeRole, SlotRange } from '../topology/topology-types';

/** `up` answers; `suspect` missed at least one heartbeat; `down` missed heartbeatFailures in a row. */
export type NodeState = 'up' | 'suspect' | 'down';

/** One node as the heartbeat last saw it. No secrets, ever. */
export interface NodeHealth {
  /** `host:port` as dialled (after addressMap). */
  address: string;
  id: string;
  role: NodeRole;
  /** For a replica, the id of its master. */
  masterId: string | undefined;
  /** Slot ranges this node serves (a replica: its master's). */
  slots: SlotRange[];
  state: NodeState;
  /** Smoothed PING round trip in ms; null before the first answer. */
  latencyMs: number | null;
  /** Message of the last heartbeat or connection failure, if any since it was last up. */
  lastError: string | undefined;
  /** Epoch ms of the last heartbeat answer. */
  lastSeenAt: number | undefined;
  pool: PoolStats;
}

/** A point-in-time view for health checks: reading it does no network I/O. */
export interface ClusterHealth {
  /** Epoch ms when this snapshot was taken. */
  at: number;
  nodes: NodeHealth[];
  /** Ranges with no master, or whose master is down. */
  uncoveredSlots: SlotRange[];
}

export interface NodeStateChange {
  address: string;
  id: string;
  role: NodeRole;
  from: NodeState;
  to: NodeState;
  error: string | undefined;
}

export interface TopologyChange {
  added: string[];
  removed: string[];
  /** Masters that were replicas (or new) in the previous topology: a failover happened. */
  promoted: string[];
}
