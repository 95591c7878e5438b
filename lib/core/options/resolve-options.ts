import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import { InvalidOptionError } from '../errors/invalid-option-error';
import type { AddressMap, NodeAddress, RedisClusterOptions } from './client-options';
import { DEFAULT_OPTIONS } from './defaults';
import { Secret } from './secret';
import { isSeedUrl, parseSeedUrl, redactSeedUrl } from './seed-url';

/** TLS options that are secrets: kept apart from the rest, so inspecting the options cannot show them. */
export type TlsSecrets = Pick<TlsConnectionOptions, 'key' | 'passphrase' | 'pfx'>;
const TLS_SECRET_KEYS = ['key', 'passphrase', 'pfx'] as const;

/** Node timers turn any delay above 2^31 - 1 ms into 1 ms: a longer duration would fire ~1000 times a second. */
export const MAX_DURATION_MS = 2 ** 31 - 1;

/** Options after validation and defaults: nothing optional left, so no `??` on the hot path. */
export interface ResolvedOptions {
  nodes: NodeAddress[];
  username: string | undefined;
  /** Read only by the handshake, through `reveal()`. */
  password: Secret<string> | undefined;
  /** TLS options without `key`, `passphrase` and `pfx` (those are in `tlsSecrets`). */
  tls: TlsConnectionOptions | undefined;
  tlsSecrets: Secret<TlsSecrets> | undefined;
  clientName: string | undefined;
  protocol: 2 | 3;
  poolSize: number;
  minIdleConns: number;
  poolTimeout: number;
  idleTimeout: number;
  idleCheckFrequency: number;
  maxConnAge: number;
  dialTimeout: number;
  readTimeout: number;
  writeTimeout: number;
  maxRetries: number;
  minRetryBackoff: number;
  maxRetryBackoff: number;
  maxRedirects: number;
  readOnly: boolean;
  routeByLatency: boolean;
  routeRandomly: boolean;
  waitReplicas: number;
  waitReplicasTimeout: number;
  heartbeatInterval: number;
  heartbeatFailures: number;
  topologyRefreshInterval: number;
  addressMap: AddressMap | undefined;
}

const KNOWN = new Set<string>(['nodes', 'addressMap', ...Object.keys(DEFAULT_OPTIONS)]);

export function resolveOptions(input: RedisClusterOptions): ResolvedOptions {
  if (typeof input !== 'object' || input === null) {
    throw new InvalidOptionError('options', 'an object with at least `nodes`', input);
  }
  for (const key of Object.keys(input)) {
    if (!KNOWN.has(key)) throw new InvalidOptionError(key, `one of the known options (${[...KNOWN].join(', ')})`, key);
  }
  const o = { ...DEFAULT_OPTIONS, ...stripUndefined(input) };
  const seedList = seeds(input.nodes);
  const credentials = seedCredentials(seedList, input);
  const tls = tlsOption(seedList.some((s) => s.tls) ? seedTls(input.tls) : o.tls);
  const routeByLatency = bool('routeByLatency', o.routeByLatency);
  const routeRandomly = bool('routeRandomly', o.routeRandomly);
  const poolSize = int('poolSize', o.poolSize, 1);
  const minIdleConns = int('minIdleConns', o.minIdleConns, 0);
  if (minIdleConns > poolSize) {
    throw new InvalidOptionError('minIdleConns', `an integer from 0 to poolSize (${poolSize})`, minIdleConns);
  }
  const minRetryBackoff = duration('minRetryBackoff', o.minRetryBackoff, 0);
  const maxRetryBackoff = duration('maxRetryBackoff', o.maxRetryBackoff, 0);
  if (maxRetryBackoff < minRetryBackoff) {
    throw new InvalidOptionError('maxRetryBackoff', `an integer >= minRetryBackoff (${minRetryBackoff})`, maxRetryBackoff);
  }
  const password = optionalString('password', credentials.password);
  return {
    nodes: seedList.map((s) => s.address),
    username: optionalString('username', credentials.username),
    password: password === undefined ? undefined : new Secret(password),
    tls: tls?.options,
    tlsSecrets: tls?.secrets,
    clientName: clientName(o.clientName),
    protocol: oneOf('protocol', o.protocol, [2, 3] as const),
    poolSize,
    minIdleConns,
    poolTimeout: duration('poolTimeout', o.poolTimeout, 1),
    idleTimeout: duration('idleTimeout', o.idleTimeout, 0),
    idleCheckFrequency: duration('idleCheckFrequency', o.idleCheckFrequency, 1),
    maxConnAge: duration('maxConnAge', o.maxConnAge, 0),
    dialTimeout: duration('dialTimeout', o.dialTimeout, 1),
    readTimeout: duration('readTimeout', o.readTimeout, 0),
    writeTimeout: duration('writeTimeout', o.writeTimeout, 0),
    maxRetries: int('maxRetries', o.maxRetries, -1),
    minRetryBackoff,
    maxRetryBackoff,
    maxRedirects: int('maxRedirects', o.maxRedirects, 0),
    // go-redis: routing by latency or at random only makes sense when replicas may serve reads.
    readOnly: bool('readOnly', o.readOnly) || routeByLatency || routeRandomly,
    routeByLatency,
    routeRandomly,
    waitReplicas: int('waitReplicas', o.waitReplicas, 0),
    waitReplicasTimeout: duration('waitReplicasTimeout', o.waitReplicasTimeout, 1),
    heartbeatInterval: duration('heartbeatInterval', o.heartbeatInterval, 10),
    heartbeatFailures: int('heartbeatFailures', o.heartbeatFailures, 1),
    topologyRefreshInterval: duration('topologyRefreshInterval', o.topologyRefreshInterval, 0),
    addressMap: addressMap(input.addressMap),
  };
}

export function parseAddress(value: string | NodeAddress, option = 'nodes'): NodeAddress {
  if (typeof value === 'string') {
    const colon = value.lastIndexOf(':');
    const host = value.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
    const port = Number(value.slice(colon + 1));
    // '@' or '/' in a host is a URL without its scheme: refused, and the credentials not echoed.
    if (/[@/\s]/.test(host)) throw new InvalidOptionError(option, `'host:port', or a URL redis://[user[:password]@]host:port`, redactSeedUrl(`://${value}`).slice(3));
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

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function int(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InvalidOptionError(name, `an integer >= ${min} (milliseconds for durations)`, value);
  }
  return value;
}

function duration(name: string, value: unknown, min: number): number {
  const ms = int(name, value, min);
  if (ms > MAX_DURATION_MS) throw new InvalidOptionError(name, `at most ${MAX_DURATION_MS} ms (2^31 - 1, the longest Node timer)`, value);
  return ms;
}

function bool(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new InvalidOptionError(name, 'true or false', value);
  return value;
}

function oneOf<T extends number>(name: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new InvalidOptionError(name, `one of ${allowed.join(', ')}`, value);
  return value as T;
}

function optionalString(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0) throw new InvalidOptionError(name, 'a non-empty string', '(hidden)');
  return value;
}

function clientName(value: unknown): string | undefined {
  const name = optionalString('clientName', value);
  // Redis refuses names with bytes outside '!'..'~' at every handshake; say so once, here.
  if (name !== undefined && /[^!-~]/.test(name)) throw new InvalidOptionError('clientName', 'printable ASCII without spaces (! to ~)', value);
  return name;
}

function tlsOption(value: unknown): { options: TlsConnectionOptions; secrets: Secret<TlsSecrets> | undefined } | undefined {
  if (value === false) return undefined;
  if (value === true) return { options: {}, secrets: undefined };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidOptionError('tls', 'true, false or Node TLS connection options', value);
  }
  const options: TlsConnectionOptions = { ...(value as TlsConnectionOptions) };
  const secrets: TlsSecrets = {};
  let any = false;
  for (const key of TLS_SECRET_KEYS) {
    if (options[key] === undefined) continue;
    (secrets as Record<string, unknown>)[key] = options[key];
    delete options[key];
    any = true;
  }
  return { options, secrets: any ? new Secret(secrets) : undefined };
}

function addressMap(value: unknown): AddressMap | undefined {
  if (value === undefined || typeof value === 'function') return value as AddressMap | undefined;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [from, to] of Object.entries(value)) {
      parseAddress(from, `addressMap key`);
      parseAddress(to as string | NodeAddress, `addressMap["${from}"]`);
    }
    return value as AddressMap;
  }
  throw new InvalidOptionError('addressMap', 'an object { "host:port": "host:port" } or a function', value);
}
