import type { NodeStateChange, TopologyChange } from '../health/health-types';

export interface ClientEvents {
  ready: [];
  close: [];
  nodeStateChange: [change: NodeStateChange];
  topologyChange: [change: TopologyChange];
  error: [error: Error];
  /** A configuration that works but weakens security (e.g. TLS without certificate checks); once per client. */
  warning: [message: string];
}
