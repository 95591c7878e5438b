import type { LookupFunction } from 'node:net';
import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import { InvalidOptionError } from '../errors/invalid-option-error';
import type { AddressMap, DiagnosticArgs, NodeAddress, RedisClusterOptions } from './client-options';
import type { CredentialsProvider } from '../credentials/credentials';
import { DEFAULT_OPTIONS } from './defaults';
import { Secret } from './secret';
import { parseAddress, resolveSeeds } from './seeds';

export { parseAddress };

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
  /** Exclusive with `password`: asked for credentials per new connection and per reauthInterval. */
  credentialsProvider: CredentialsProvider | undefined;
  /** ms; 0 when there is no provider. */
  reauthInterval: number;
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
  lookup: LookupFunction | undefined;
  diagnosticArgs: DiagnosticArgs;
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
  const seeds = resolveSeeds(input);
  const tls = tlsOption(seeds.tls ?? o.tls);
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
  const password = optionalString('password', seeds.password);
  const credentialsProvider = provider(input.credentialsProvider, password !== undefined || seeds.username !== undefined);
  const reauthInterval = duration('reauthInterval', o.reauthInterval, 0);
  return {
    nodes: seeds.nodes,
    username: optionalString('username', seeds.username),
    password: password === undefined ? undefined : new Secret(password),
    credentialsProvider,
    reauthInterval: credentialsProvider === undefined ? 0 : reauthInterval,
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
    lookup: lookup(o.lookup),
    diagnosticArgs: oneOf('diagnosticArgs', o.diagnosticArgs, ['none', 'sanitized'] as const),
  };
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

function oneOf<T extends number | string>(name: string, value: unknown, allowed: readonly T[]): T {
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
  if (name !== undefined && /[^!-~]/.test(name))
    throw new InvalidOptionError('clientName', 'printable ASCII without spaces (! to ~)', value);
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

/** Checked here, where the caller holds the error: a bad lookup would otherwise throw inside a dial. */
function lookup(value: unknown): LookupFunction | undefined {
  if (value === undefined || typeof value === 'function') return value as LookupFunction | undefined;
  throw new InvalidOptionError('lookup', 'a function with the signature of dns.lookup, or undefined', value);
}

/** Two sources of credentials would leave it unclear which one a socket used: one or the other. */
function provider(value: unknown, hasStatic: boolean): CredentialsProvider | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function')
    throw new InvalidOptionError('credentialsProvider', 'a function returning a promise of { username?, password }', value);
  if (hasStatic) {
    throw new InvalidOptionError('credentialsProvider', 'no `username`/`password` (nor URL credentials) beside it', '(hidden)');
  }
  return value as CredentialsProvider;
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
