import type { AddressMap, NodeAddress } from '../../options/client-options';
import { parseAddress } from '../../options/resolve-options';

/** Applies the user's addressMap to an announced address; identity when there is none or no entry. */
export function createAddressResolver(map: AddressMap | undefined): (announced: NodeAddress) => NodeAddress {
  if (map === undefined) return (a) => a;
  if (typeof map === 'function') return (a) => map(a);
  const table = new Map<string, NodeAddress>();
  for (const [from, to] of Object.entries(map)) table.set(key(parseAddress(from)), parseAddress(to));
  return (a) => table.get(key(a)) ?? a;
}

function key(a: NodeAddress): string {
  return `${a.host}:${a.port}`;
}
