import { InvalidOptionError } from '../errors/invalid-option-error';
import type { NodeAddress } from './client-options';

/** What one `redis://` / `rediss://` seed says: where, as whom, and whether over TLS. */
export interface SeedUrl {
  address: NodeAddress;
  username: string | undefined;
  password: string | undefined;
  tls: boolean;
}

const SCHEME = /^rediss?:\/\//i;
const DEFAULT_PORT = 6379;

export function isSeedUrl(value: unknown): value is string {
  return typeof value === 'string' && SCHEME.test(value);
}

/**
 * `redis://[user[:password]@]host[:port][/0]` as ioredis and node-redis users write it; `rediss://`
 * turns TLS on. User and password are percent-decoded. A cluster has only database 0, so any other
 * path is refused rather than ignored.
 */
export function parseSeedUrl(value: string): SeedUrl {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse(value, 'a URL redis://[user[:password]@]host[:port]');
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host.length === 0) throw refuse(value, 'a host name or IP address');
  const port = url.port === '' ? DEFAULT_PORT : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw refuse(value, 'a port from 1 to 65535');
  if (url.pathname !== '' && url.pathname !== '/' && url.pathname !== '/0')
    throw refuse(value, 'no path, or /0 (a cluster has only database 0)');
  if (url.search !== '' || url.hash !== '') throw refuse(value, 'no query string or fragment');
  const username = decode(url.username, value);
  const password = decode(url.password, value);
  return {
    address: { host, port },
    username: username === '' ? undefined : username,
    password: password === '' ? undefined : password,
    tls: url.protocol.toLowerCase() === 'rediss:',
  };
}

/** The URL as it may appear in an error: the password, if any, replaced. */
export function redactSeedUrl(value: string): string {
  const scheme = value.indexOf('://') + 3;
  // The user info ends at the last '@' (a password may hold an unencoded '@' or '/').
  const at = value.lastIndexOf('@');
  if (at < scheme) return value;
  const colon = value.indexOf(':', scheme);
  if (colon === -1 || colon > at) return value;
  return `${value.slice(0, colon + 1)}[hidden]${value.slice(at)}`;
}

function decode(part: string, value: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw refuse(value, 'valid percent-encoding in user and password');
  }
}

function refuse(value: string, accepted: string): InvalidOptionError {
  return new InvalidOptionError('nodes', `${accepted} in a seed URL`, redactSeedUrl(value));
}
