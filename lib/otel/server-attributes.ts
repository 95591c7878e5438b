import type { Attributes } from '@opentelemetry/api';
import { ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT } from './semconv';

/** `server.address` and `server.port` from `host:port` (`[::1]:7000` too); nothing for an empty address. */
export function serverAttributes(address: string, into: Attributes = {}): Attributes {
  const colon = address.lastIndexOf(':');
  if (colon <= 0) return into;
  const host = address.slice(0, colon);
  into[ATTR_SERVER_ADDRESS] = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const port = Number(address.slice(colon + 1));
  if (Number.isInteger(port)) into[ATTR_SERVER_PORT] = port;
  return into;
}
