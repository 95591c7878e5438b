import { isIP } from 'node:net';
import { AuthError } from '../../errors/auth-error';
import { ClusterConnectError } from '../../errors/cluster-connect-error';
import { CredentialsError } from '../../errors/credentials-error';
import { ReplyError } from '../../errors/reply-error';
import { TlsError } from '../../errors/tls-error';
import type { UnknownEndpointError } from '../../errors/unknown-endpoint-error';
import type { NodeAddress } from '../../options/client-options';
import type { RespArg, RespValue } from '../../resp/types';
import { parseClusterShards, parseClusterSlots, type AddressResolver, type ParseContext } from './topology-parser';
import { Topology } from './topology';

export interface TopologySource {
  /** Nodes to ask, best first: healthy known nodes, then the seeds. */
  candidates(): NodeAddress[];
  request(address: NodeAddress, args: RespArg[]): Promise<RespValue>;
  resolve: AddressResolver;
  tls: boolean;
  /** A node announced without any usable endpoint, left out of the topology (the client's error event): once while it stays so. */
  skipped?: (error: UnknownEndpointError) => void;
}

/**
 * Fetches the topology from the first candidate that answers, with CLUSTER SHARDS (Redis 7+) and
 * CLUSTER SLOTS for older servers. Single-flight: concurrent callers share one fetch, and the
 * result replaces nothing until it has been fully parsed.
 */
export class TopologyLoader {
  private inFlight: Promise<Topology> | undefined;
  private useSlots = false;
  /** Nodes (`id:port`) the last topology left out: reported when they first appear, not on every reload. */
  private leftOut = new Set<string>();

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
      const skipped: UnknownEndpointError[] = [];
      try {
        const topology = await this.fetchFrom(address, skipped);
        this.report(skipped);
        return topology;
      } catch (error) {
        // The same credentials (or the same CA) are refused by every node: stop here rather than storm the cluster.
        if (error instanceof AuthError || error instanceof TlsError || error instanceof CredentialsError) throw error;
        errors.push(error as Error);
      }
    }
    throw new ClusterConnectError(tried, errors);
  }

  private report(skipped: UnknownEndpointError[]): void {
    const now = new Set<string>();
    for (const error of skipped) {
      const key = `${error.nodeId}:${error.port}`;
      now.add(key);
      if (!this.leftOut.has(key)) this.source.skipped?.(error);
    }
    this.leftOut = now;
  }

  private async fetchFrom(address: NodeAddress, skipped: UnknownEndpointError[]): Promise<Topology> {
    // A seed reached by name may answer for itself with 127.0.0.1 (a proxy): its id tells which node it is.
    // Pipelined with the topology command on the same pool; an old server's error leaves it unknown.
    const myId = isIP(address.host) === 0 ? this.source.request(address, ['CLUSTER', 'MYID']).then(idOf, () => undefined) : undefined;
    // `?` is unknown, never "the node we asked"; only the documented unknown-endpoint form (NULL or
    // empty, with no IP or host name either) falls back to the host we asked, as we dialled it.
    const context = async (): Promise<ParseContext> => ({ asked: address, askedId: await myId, skipped: (error) => skipped.push(error) });
    const resolve = this.source.resolve;
    let shards;
    if (!this.useSlots) {
      try {
        const reply = await this.source.request(address, ['CLUSTER', 'SHARDS']);
        shards = parseClusterShards(reply, resolve, this.source.tls, await context());
      } catch (error) {
        if (!(error instanceof ReplyError) || !/unknown (sub)?command/i.test(error.message)) throw error;
        this.useSlots = true;
      }
    }
    if (shards === undefined) {
      const reply = await this.source.request(address, ['CLUSTER', 'SLOTS']);
      shards = parseClusterSlots(reply, resolve, await context());
    }
    const topology = new Topology(shards);
    // A node not (or no longer) part of a configured cluster: ask the next candidate.
    if (topology.shards.length === 0)
      throw new ReplyError('CLUSTERDOWN', `CLUSTERDOWN ${address.host}:${address.port} reports no slots served`);
    return topology;
  }
}

function idOf(reply: RespValue): string | undefined {
  if (typeof reply === 'string') return reply;
  return Buffer.isBuffer(reply) ? reply.toString() : undefined;
}
