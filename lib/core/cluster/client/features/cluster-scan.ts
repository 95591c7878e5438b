import { ClientClosedError } from '../../../errors/client-closed-error';
import type { Topology } from '../../topology/topology';
import { scanCluster, type ScanOptions } from '../../batch/scan-iterator';
import type { Dispatcher } from '../dispatcher';

/** SCAN over every master, for the client's scanIterator(). */
export class ClusterScan {
  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly topology: () => Topology | undefined,
  ) {}

  async *scan(options: ScanOptions): AsyncGenerator<string> {
    await this.dispatcher.whenUsable();
    const topology = this.topology();
    if (topology === undefined) throw new ClientClosedError('client (no topology yet)');
    const spec = this.dispatcher.registry.get('SCAN');
    yield* scanCluster(
      topology,
      (slot, args) => {
        // A scan outlives many calls: one resumed after close() must not reach the network.
        const refused = this.dispatcher.refusal();
        if (refused !== undefined) return Promise.reject(refused);
        return this.dispatcher.request({ args, spec, slot, buffers: false, masterOnly: true });
      },
      options,
      this.topology,
    );
  }
}
