import { InvalidOptionError } from '../errors/invalid-option-error';
import type { NodeAddress, RedisClusterOptions } from './client-options';
import { isSeedUrl, parseSeedUrl, redactSeedUrl } from './seed-url';

/** The seeds, and what URL seeds say about credentials and TLS, merged with the matching options. */
export interface ResolvedSeeds {
  nodes: NodeAddress[];
  /** Still to be validated as options (types, emptiness) by the caller. */
  username: unknown;
  password: unknown;
  /** The `tls` option to use: `input.tls`, or TLS turned on by a rediss:// seed. */
  tls: unknown;
}

export function resolveSeeds(input: RedisClusterOptions): ResolvedSeeds {
  const list = seeds(input.nodes);
  const { username, password } = seedCredentials(list, input);
  return { nodes: list.map((s) => s.address), username, password, tls: list.some((s) => s.tls) ? seedTls(input.tls) : input.tls };
}

export function parseAddress(value: string | NodeAddress, option = 'nodes'): NodeAddress {
  if (typeof value === 'string') {
    const colon = value.lastIndexOf(':');
    const host = value.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
    const port = Number(value.slice(colon + 1));
    // '@' or '/' in a host is a URL without its scheme: refused, and the credentials not echoed.
    if (/[@/\s]/.test(host))
      throw new InvalidOptionError(
        option,
        `'host:port', or a URL redis://[user[:password]@]host:port`,
        redactSeedUrl(`://${value}`).slice(3),
      );
    if (colon > 0 && host.length > 0 && Number.isInteger(port) && port >= 1 && port <= 65535) return { host, port };
  } else if (typeof value === 'object' && value !== null) {
    const { host, port } = value;
    if (typeof host === 'string' && host.length > 0 && Number.isInteger(port) && port >= 1 && port <= 65535) {
      return { host, port };
    }
  }
  throw new InvalidOptionError(option, `'host:port' or { host, port } with a port from 1 to 65535`, value);
}

interface Seed {
  address: NodeAddress;
  /** Only URL seeds carry these. */
  username?: string;
  password?: string;
  tls?: boolean;
  url?: string;
}

function seeds(nodes: unknown): Seed[] {
  if (!Array.isArray(nodes) || nodes.length === 0) {
    throw new InvalidOptionError('nodes', 'a non-empty array of seed addresses', nodes);
  }
  return nodes.map((n: unknown): Seed => {
    if (!isSeedUrl(n)) return { address: parseAddress(n as string | NodeAddress) };
    return { ...parseSeedUrl(n), url: redactSeedUrl(n) };
  });
}

/**
 * Credentials of URL seeds and of the `username` / `password` options must agree: a conflict is
 * refused rather than resolved by a precedence rule, because either winner would silently
 * authenticate as someone the rest of the configuration did not mean (and fail as WRONGPASS far
 * from its cause). A URL without credentials has no say.
 */
function seedCredentials(list: Seed[], input: RedisClusterOptions): { username: unknown; password: unknown } {
  let username: unknown = input.username;
  let password: unknown = input.password;
  let tls: boolean | undefined;
  for (const seed of list) {
    if (seed.url === undefined) continue;
    if (tls !== undefined && seed.tls !== tls) {
      throw new InvalidOptionError('nodes', 'seed URLs that agree on TLS (all redis:// or all rediss://)', seed.url);
    }
    tls = seed.tls;
    if (seed.password !== undefined) {
      if (password !== undefined && password !== seed.password) {
        throw new InvalidOptionError('nodes', 'seed URLs whose password agrees with the others and with the `password` option', seed.url);
      }
      password = seed.password;
    }
    if (seed.username !== undefined) {
      if (username !== undefined && username !== seed.username) {
        throw new InvalidOptionError('nodes', 'seed URLs whose user agrees with the others and with the `username` option', seed.url);
      }
      username = seed.username;
    }
  }
  return { username, password };
}

/** A rediss:// seed turns TLS on; TLS options given alongside are kept, `tls: false` contradicts it. */
function seedTls(option: unknown): unknown {
  if (option === false) throw new InvalidOptionError('tls', 'true or TLS options when a seed URL is rediss://', option);
  return option === undefined ? true : option;
}
