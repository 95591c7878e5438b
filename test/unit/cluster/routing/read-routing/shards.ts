import type { NodeHealthView } from '../../../../../lib/core/cluster/routing/read-routing';
import type { ClusterNode, Shard } from '../../../../../lib/core/cluster/topology/topology';

export function node(port: number, role: 'master' | 'replica', health = 'online'): ClusterNode {
  return { id: `id-${port}`, host: '127.0.0.1', port, address: `127.0.0.1:${port}`, role, health };
}

/** A master on 7000 and replicas on 7001, 7002, ... */
export function shard(replicaCount: number): Shard {
  return {
    master: node(7000, 'master'),
    replicas: Array.from({ length: replicaCount }, (_, i) => node(7001 + i, 'replica')),
    slots: [[0, 16383]],
  };
}

/** The heartbeat's view as a table: nodes not listed are usable, with no latency yet. */
export function healthView(table: Record<number, { usable?: boolean; latency?: number }>): NodeHealthView {
  const entry = (address: string): { usable?: boolean; latency?: number } => table[Number(address.split(':')[1])] ?? {};
  return {
    isUsable: (address) => entry(address).usable ?? true,
    latency: (address) => entry(address).latency ?? Infinity,
  };
}

/** Ports picked over `runs` calls, with Math.random stepping evenly through [0, 1). */
export function spread(pick: () => ClusterNode, runs: number): Map<number, number> {
  const counts = new Map<number, number>();
  let i = 0;
  const random = jest.spyOn(Math, 'random').mockImplementation(() => (i++ % runs) / runs);
  try {
    for (let r = 0; r < runs; r++) {
      const port = pick().port;
      counts.set(port, (counts.get(port) ?? 0) + 1);
    }
  } finally {
    random.mockRestore();
  }
  return counts;
}
