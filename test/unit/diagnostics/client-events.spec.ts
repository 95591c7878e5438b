import { channel } from 'node:diagnostics_channel';
import { ClientEventEmitter } from '../../../lib/core/cluster/client/client-events';
import type { NodeStateChange, TopologyChange } from '../../../lib/core/cluster/health/health-types';
import type { ClusterEventMessage, ObservedClient } from '../../../lib/core/diagnostics';

const client: ObservedClient = { nodePoolStats: () => ({}), health: () => ({ nodes: [] }) };
const down: NodeStateChange = { address: '127.0.0.1:7000', id: 'a', role: 'master', from: 'up', to: 'down', error: 'timeout' };
const moved: TopologyChange = { added: ['127.0.0.1:7006'], removed: [], promoted: [] };

describe('slotline:node-state and slotline:topology', () => {
  it('carry the client and the change, after the client’s own listeners', () => {
    const order: string[] = [];
    const messages: ClusterEventMessage[] = [];
    const onState = (message: unknown): void => void (order.push('channel'), messages.push(message as ClusterEventMessage));
    const onTopology = (message: unknown): void => void messages.push(message as ClusterEventMessage);
    channel('slotline:node-state').subscribe(onState);
    channel('slotline:topology').subscribe(onTopology);
    try {
      const events = new ClientEventEmitter(client);
      events.on('nodeStateChange', () => order.push('listener'));
      events.nodeStateChange(down);
      events.topologyChange(moved);
      expect(order).toEqual(['listener', 'channel']);
      expect(messages).toEqual([
        { client, change: down },
        { client, change: moved },
      ]);
    } finally {
      channel('slotline:node-state').unsubscribe(onState);
      channel('slotline:topology').unsubscribe(onTopology);
    }
  });

  it('still emit to listeners with nobody subscribed', () => {
    const events = new ClientEventEmitter(client);
    const seen: TopologyChange[] = [];
    events.on('topologyChange', (change) => seen.push(change));
    events.topologyChange(moved);
    expect(seen).toEqual([moved]);
  });
});
