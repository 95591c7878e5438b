import { AskError } from '../../errors/ask-error';
import type { MovedError } from '../../errors/moved-error';
import { UntrustedRedirectError } from '../../errors/untrusted-redirect-error';
import type { NodeAddress } from '../../options/client-options';
import type { ClusterNode, Topology } from './topology';

/** What checking a redirect reads: the current topology, addressMap, and a reload to consult. */
export interface RedirectContext {
  topology(): Topology | undefined;
  resolve(announced: NodeAddress): NodeAddress;
  reload(): Promise<void>;
}

/**
 * The one rule both redirect loops (CommandRouter, transaction-runner) apply to MOVED and ASK: the
 * address named is followed only when the cluster's own topology lists it. A node, or a Lua script
 * through `redis.error_reply('MOVED 1 evil:6379')`, can otherwise send the client and its
 * credentials anywhere.
 */

/** `host:port` a redirect names, after addressMap; an empty host means the node that answered (`askedAddress`). */
export function redirectAddress(ctx: RedirectContext, error: MovedError | AskError, askedAddress: string): string {
  const host = error.host === '' ? askedAddress.slice(0, askedAddress.lastIndexOf(':')) : error.host;
  const mapped = ctx.resolve({ host, port: error.port });
  const address = `${mapped.host}:${mapped.port}`;
  return error.host === '' && knownTarget(ctx, address) === undefined ? (onlyMemberOnPort(ctx, error.port) ?? address) : address;
}

/** unknown-endpoint clusters redirect to ":port" while their nodes are known by announced name or IP: the one member on that port, if one. */
function onlyMemberOnPort(ctx: RedirectContext, port: number): string | undefined {
  const found = [...(ctx.topology()?.members.values() ?? [])].filter((n) => n.port === port);
  return found.length === 1 ? found[0].address : undefined;
}

/** The node of the current topology at `address`, slot-less members included; undefined if none. */
export function knownTarget(ctx: RedirectContext, address: string): ClusterNode | undefined {
  return ctx.topology()?.members.get(address);
}

/**
 * For an address the current topology does not list: reloads once (a node just added is listed by
 * then), and gives the node if the new topology lists it, a typed error otherwise. Never dials `address`.
 */
export async function reloadedTarget(
  ctx: RedirectContext,
  error: MovedError | AskError,
  address: string,
): Promise<ClusterNode | UntrustedRedirectError> {
  await ctx.reload();
  return knownTarget(ctx, address) ?? new UntrustedRedirectError(error instanceof AskError ? 'ASK' : 'MOVED', error.slot, address, error);
}
