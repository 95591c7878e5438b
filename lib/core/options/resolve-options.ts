import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import { InvalidOptionError } from '../errors/invalid-option-error';
import type { AddressMap, NodeAddress, RedisClusterOptions } from './client-options';
import { DEFAULT_OPTIONS } from './defaults';

/** Options after validation and defaults: nothing optional left, so no `??` on the hot path. */
export interface ResolvedOptions {
  nodes: NodeAddress[];
  username: string | undefined;
  password: string | undefined;
  tls: TlsConnectionOptions | undefined;
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
  const routeByLatency = bool('routeByLatency', o.routeByLatency);
  const routeRandomly = bool('routeRandomly', o.routeRandomly);
  const poolSize = int('poolSize', o.poolSize, 1);
  const minIdleConns = int('minIdleConns', o.minIdleConns, 0);
  if (minIdleConns > poolSize) {
    throw new InvalidOptionError('minIdleConns', `an integer from 0 to poolSize (${poolSize})`, minIdleConns);
  }
  const minRetryBackoff = int('minRetryBackoff', o.minRetryBackoff, 0);
  const maxRetryBackoff = int('maxRetryBackoff', o.maxRetryBackoff, 0);
  if (maxRetryBackoff < minRetryBackoff) {
    throw new InvalidOptionError('maxRetryBackoff', `an integer >= minRetryBackoff (${minRetryBackoff})`, maxRetryBackoff);
  }
  return hidePassword({
    nodes: seeds(input.nodes),
    username: optionalString('username', o.username),
    password: optionalString('password', o.password),
    tls: tlsOption(o.tls),
    clientName: clientName(o.clientName),
    protocol: oneOf('protocol', o.protocol, [2, 3] as const),
    poolSize,
    minIdleConns,
    poolTimeout: int('poolTimeout', o.poolTimeout, 1),
    idleTimeout: int('idleTimeout', o.idleTimeout, 0),
    idleCheckFrequency: int('idleCheckFrequency', o.idleCheckFrequency, 1),
    maxConnAge: int('maxConnAge', o.maxConnAge, 0),
    dialTimeout: int('dialTimeout', o.dialTimeout, 1),
    readTimeout: int('readTimeout', o.readTimeout, 0),
    writeTimeout: int('writeTimeout', o.writeTimeout, 0),
    maxRetries: int('maxRetries', o.maxRetries, -1),
    minRetryBackoff,
    maxRetryBackoff,
    maxRedirects: int('maxRedirects', o.maxRedirects, 0),
    // go-redis: routing by latency or at random only makes sense when replicas may serve reads.
    readOnly: bool('readOnly', o.readOnly) || routeByLatency || routeRandomly,
    routeByLatency,
    routeRandomly,
    waitReplicas: int('waitReplicas', o.waitReplicas, 0),
    waitReplicasTimeout: int('waitReplicasTimeout', o.waitReplicasTimeout, 1),
    heartbeatInterval: int('heartbeatInterval', o.heartbeatInterval, 10),
    heartbeatFailures: int('heartbeatFailures', o.heartbeatFailures, 1),
    topologyRefreshInterval: int('topologyRefreshInterval', o.topologyRefreshInterval, 0),
    addressMap: addressMap(input.addressMap),
  });
}

/** The password stays readable but is left out of console.log, util.inspect and JSON.stringify of the options. */
function hidePassword(options: ResolvedOptions): ResolvedOptions {
  Object.defineProperty(options, 'password', { enumerable: false, value: options.password, writable: false });
  return options;
}

export function parseAddress(value: string | NodeAddress, option = 'nodes'): NodeAddress {
  if (typeof value === 'string') {
    const colon = value.lastIndexOf(':');
    const host = value.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
    const port = Number(value.slice(colon + 1));
    if (colon > 0 && host.length > 0 && Number.isInteger(port) && port >= 1 && port <= 65535) return { host, port };
  } else if (typeof value === 'object' && value !== null) {
    const { host, port } = value;
    if (typeof host === 'string' && host.length > 0 && Number.isInteger(port) && port >= 1 && port <= 65535) {
      return { host, port };
    }
  }
  throw new InvalidOptionError(option, `'host:port' or { host, port } with a port from 1 to 65535`, value);
}

function seeds(nodes: unknown): NodeAddress[] {
  if (!Array.isArray(nodes) || nodes.length === 0) {
    throw new InvalidOptionError('nodes', 'a non-empty array of seed addresses', nodes);
  }
  return nodes.map((n) => parseAddress(n as string | NodeAddress));
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

function tlsOption(value: unknown): TlsConnectionOptions | undefined {
  if (value === false) return undefined;
  if (value === true) return {};
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as TlsConnectionOptions;
  throw new InvalidOptionError('tls', 'true, false or Node TLS connection options', value);
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
