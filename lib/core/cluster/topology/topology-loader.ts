import { AuthError } from '../../errors/auth-error';
import { ClusterConnectError } from '../../errors/cluster-connect-error';
import { ReplyError } from '../../errors/reply-error';
import { TlsError } from '../../errors/tls-error';
import type { NodeAddress } from '../../options/client-options';
import type { RespArg, RespValue } from '../../resp/types';
import { parseClusterShards, parseClusterSlots, type AddressResolver } from './topology-parser';
import { Topology } from './topology';

export interface TopologySource {
  /** Nodes to ask, best first: healthy known nodes, then the seeds. */
  candidates(): NodeAddress[];
  request(address: NodeAddress, args: RespArg[]): Promise<RespValue>;
  resolve: AddressResolver;
  tls: boolean;
}

/**
 * Fetches the topology from the first candidate that answers, with CLUSTER SHARDS (Redis 7+) and
 * CLUSTER SLOTS for older servers. Single-flight: concurrent callers share one fetch, and the
 * result replaces nothing until it has been fully parsed.
 */
export class TopologyLoader {
  private inFlight: Promise<Topology> | undefined;
  private useSlots = false;

  constructor(private readonly source: TopologySource) {}

  load(): Promise<Topology> {
    if (this.inFlight === undefined) {
      this.inFlight = this.fetch().finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  private async fetch(): Promise<Topology> {
    const tried: string[] = [];
    const errors: Error[] = [];
    for (const address of this.source.candidates()) {
      tried.push(`${address.host}:${address.port}`);
      try {
        return await this.fetchFrom(address);
      } catch (error) {
        // The same credentials (or the same CA) are refused by every node: stop here rather than storm the cluster.
        if (error instanceof AuthError || error instanceof TlsError) throw error;
        errors.push(error as Error);
      }
    }
    throw new ClusterConnectError(tried, errors);
  }

  private async fetchFrom(address: NodeAddress): Promise<Topology> {
    // "?" or an empty announced host means "the host you reached me on".
    const resolve: AddressResolver = (a) => this.source.resolve(a.host === '' ? { host: address.host, port: a.port } : a);
    let shards;
    if (!this.useSlots) {
      try {
        shards = parseClusterShards(await this.source.request(address, ['CLUSTER', 'SHARDS']), resolve, this.source.tls);
      } catch (error) {
        if (!(error instanceof ReplyError) || !/unknown (sub)?command/i.test(error.message)) throw error;
        this.useSlots = true;
      }
    }
    shards ??= parseClusterSlots(await this.source.request(address, ['CLUSTER', 'SLOTS']), resolve);
    const topology = new Topology(shards);
    // A node not (or no longer) part of a configured cluster: ask the next candidate.
    if (topology.shards.length === 0) throw new ReplyError('CLUSTERDOWN', `CLUSTERDOWN ${address.host}:${address.port} reports no slots served`);
    return topology;
  }
}
