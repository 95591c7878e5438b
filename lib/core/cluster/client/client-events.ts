import { EventEmitter } from 'node:events';
import { publishNodeState, publishTopology } from '../../diagnostics/publish-events';
import type { ObservedClient } from '../../diagnostics/messages';
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

/** The client's emitter: node-state and topology changes also go to their diagnostics channels, after the listeners. */
export class ClientEventEmitter extends EventEmitter<ClientEvents> {
  constructor(private readonly client: ObservedClient) {
    super();
  }

  nodeStateChange(change: NodeStateChange): void {
    this.emit('nodeStateChange', change);
    publishNodeState(this.client, change);
  }

  topologyChange(change: TopologyChange): void {
    this.emit('topologyChange', change);
    publishTopology(this.client, change);
  }
}
