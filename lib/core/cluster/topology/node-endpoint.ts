import { isIP } from 'node:net';
import type { NodeAddress } from '../../options/client-options';

/** What one node says about where it is: CLUSTER SHARDS's fields, or CLUSTER SLOTS's first element and metadata. */
export interface AnnouncedEndpoint {
  /** The node's id ('' when not reported): tells the node we asked from the others. */
  readonly id: string;
  /** The preferred endpoint (`cluster-preferred-endpoint-type`); `null` when CLUSTER SLOTS sent NULL. */
  readonly endpoint: string | null;
  /** `cluster-announce-hostname`; '' when none. */
  readonly hostname: string;
  /** '' when not reported (CLUSTER SLOTS puts it in the metadata only when it is not the endpoint). */
  readonly ip: string;
  readonly port: number;
}

/** Where the client dials a node, and the name its TLS certificate must carry. */
export interface DialTarget {
  readonly host: string;
  readonly port: number;
  /** The node's key, `host:port` as announced (after addressMap): what MOVED and ASK name. */
  readonly address: string;
  /** TLS `servername` (SNI and certificate check); undefined: no name is known (an IP without announced host name). */
  readonly servername: string | undefined;
}

export interface EndpointContext {
  /** The node the topology was asked of, as dialled (a seed keeps the name the user gave); unknown: no fallback. */
  readonly asked?: NodeAddress;
  /** CLUSTER MYID of the node asked, when it was reached by a host name. */
  readonly askedId?: string;
  /** Announced address -> dialable address (addressMap). */
  readonly resolve: (announced: NodeAddress) => NodeAddress;
}

/** `?` is what Redis shows for a host name it should prefer but does not have; '' an address it does not know. */
function known(value: string | null): value is string {
  return value !== null && value !== '' && value !== '?';
}

/** Addresses that name no particular machine from here: a node reporting one for itself is behind a proxy or NAT. */
function local(host: string): boolean {
  return /^127\./.test(host) || host === '::1' || host === '0.0.0.0' || host === '::';
}

/**
 * The cluster specification's reading of a node's endpoints: the preferred endpoint when it is
 * known, else the announced host name, else the IP. NULL or '' with nothing else known is the
 * documented `unknown-endpoint` case ("the same endpoint used to send the command, with the returned
 * port"), so the host we asked keeps its name. `?` alone names nothing: undefined, never a made-up address.
 * A seed reached by a name and answering for itself with a loopback or unspecified IP (ElastiCache
 * Serverless reports 127.0.0.1) is still dialled by the name the user gave, under its announced
 * address, so redirects naming that address still find it.
 */
export function dialTarget(a: AnnouncedEndpoint, ctx: EndpointContext): DialTarget | undefined {
  let host: string;
  if (known(a.endpoint)) host = a.endpoint;
  else if (known(a.hostname)) host = a.hostname;
  else if (known(a.ip)) host = a.ip;
  else if (a.endpoint !== '?' && ctx.asked !== undefined) host = ctx.asked.host;
  else return undefined;
  const mapped = ctx.resolve({ host, port: a.port });
  const address = `${mapped.host}:${mapped.port}`;
  const askedName = ctx.asked !== undefined && isIP(ctx.asked.host) === 0 ? ctx.asked.host : undefined;
  if (askedName !== undefined && a.id !== '' && a.id === ctx.askedId && mapped.host === host && isIP(host) !== 0 && local(host)) {
    return { host: askedName, port: mapped.port, address, servername: askedName };
  }
  return { host: mapped.host, port: mapped.port, address, servername: servernameFor(mapped.host, host, a) };
}

/**
 * The host name dialled, unless an IP is dialled or addressMap replaced the host: then the name
 * the node announced, which is what its certificate names (ElastiCache, Kubernetes, cert-manager).
 */
function servernameFor(dialled: string, chosen: string, a: AnnouncedEndpoint): string | undefined {
  const dialledName = isIP(dialled) === 0 ? dialled : undefined;
  if (dialledName !== undefined && dialled === chosen) return dialledName;
  if (known(a.hostname)) return a.hostname;
  if (known(a.endpoint) && isIP(a.endpoint) === 0) return a.endpoint;
  // An address map to a tunnel name with nothing announced: the tunnel's name, as before.
  return dialledName;
}
