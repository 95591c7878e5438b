import type { RespArg, RespValue } from '../../../resp/types';
import type { Topology } from '../../topology/topology';
import type { Dispatcher } from '../dispatcher';

export interface ClusterNodeHandle {
  address: string;
  id: string;
  role: 'master' | 'replica';
  /** Runs a command on this node only; MOVED/ASK are not followed for it. */
  call(command: string, ...args: RespArg[]): Promise<RespValue>;
}

/** The nodes of the current topology, each with `call()` pinned to it. */
export function nodeHandles(
  dispatcher: Dispatcher,
  topology: Topology | undefined,
  role: 'master' | 'replica' | 'all',
): ClusterNodeHandle[] {
  const nodes = [...(topology?.nodes.values() ?? [])].filter((n) => role === 'all' || n.role === role);
  return nodes.map((node) => ({
    address: node.address,
    id: node.id,
    role: node.role,
    call: (command: string, ...args: RespArg[]) =>
      dispatcher.whenUsable().then(() => {
        const argv = [command, ...args];
        return dispatcher.request({ args: argv, spec: dispatcher.registry.resolve(argv), slot: -1, buffers: false, pinned: node });
      }),
  }));
}
