import { nodeHandles } from '../../../../../lib/core/cluster/client/features/node-handles';
import type { Dispatcher } from '../../../../../lib/core/cluster/client/dispatcher';
import type { RouteRequest } from '../../../../../lib/core/cluster/routing/route-request';
import { Topology, type ClusterNode } from '../../../../../lib/core/cluster/topology/topology';
import { CommandRegistry } from '../../../../../lib/core/commands/command-registry';
import { ClientClosedError } from '../../../../../lib/core/errors/client-closed-error';

function node(port: number, role: 'master' | 'replica'): ClusterNode {
  return { id: `id-${port}`, host: '127.0.0.1', port, address: `127.0.0.1:${port}`, role, health: 'online' };
}

const master = node(7000, 'master');
const replica = node(7003, 'replica');
const topology = new Topology([{ master, replicas: [replica], slots: [[0, 16383]] }]);

/** A dispatcher that records each routed request and answers 'PONG'; `usable` decides the lifecycle's answer. */
function dispatcher(usable: () => Promise<void> = () => Promise.resolve()): { d: Dispatcher; sent: RouteRequest[] } {
  const sent: RouteRequest[] = [];
  const d: Dispatcher = {
    registry: new CommandRegistry(),
    send: () => Promise.reject(new Error('not used by node handles')),
    request: (request) => {
      sent.push(request);
      return Promise.resolve('PONG');
    },
    whenUsable: usable,
    refusal: () => undefined,
  };
  return { d, sent };
}

describe('nodeHandles', () => {
  it('lists the nodes of the role asked for, with their address, id and role', () => {
    const { d } = dispatcher();
    expect(nodeHandles(d, topology, 'master').map((h) => [h.address, h.id, h.role])).toEqual([['127.0.0.1:7000', 'id-7000', 'master']]);
    expect(nodeHandles(d, topology, 'replica').map((h) => h.address)).toEqual(['127.0.0.1:7003']);
    expect(
      nodeHandles(d, topology, 'all')
        .map((h) => h.address)
        .sort(),
    ).toEqual(['127.0.0.1:7000', '127.0.0.1:7003']);
    expect(nodeHandles(d, undefined, 'all')).toEqual([]);
  });

  it('pins call() to its node, keyless, resolved against the registry', async () => {
    const { d, sent } = dispatcher();
    const [handle] = nodeHandles(d, topology, 'replica');
    await expect(handle.call('INFO', 'replication')).resolves.toBe('PONG');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ args: ['INFO', 'replication'], slot: -1, buffers: false, pinned: replica });
    expect(sent[0].spec?.name).toBe('INFO');
  });

  it('sends nothing when the lifecycle refuses (closed client)', async () => {
    const { d, sent } = dispatcher(() => Promise.reject(new ClientClosedError()));
    const [handle] = nodeHandles(d, topology, 'master');
    await expect(handle.call('PING')).rejects.toBeInstanceOf(ClientClosedError);
    expect(sent).toEqual([]);
  });
});
