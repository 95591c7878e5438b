import type { LookupFunction } from 'node:net';
import type { CredentialsProvider } from '../credentials/credentials';
import type { DiagnosticArgs } from './client-options';

/** The one place defaults are stated; README's option table is held to this by a unit test. */
export const DEFAULT_OPTIONS = {
  username: undefined as string | undefined,
  password: undefined as string | undefined,
  credentialsProvider: undefined as CredentialsProvider | undefined,
  reauthInterval: 0,
  tls: false,
  clientName: undefined as string | undefined,
  protocol: 3 as 2 | 3,
  poolSize: 10,
  minIdleConns: 0,
  poolTimeout: 4000,
  idleTimeout: 300_000,
  idleCheckFrequency: 60_000,
  maxConnAge: 0,
  dialTimeout: 5000,
  readTimeout: 3000,
  writeTimeout: 3000,
  maxRetries: 3,
  minRetryBackoff: 8,
  maxRetryBackoff: 512,
  maxRedirects: 3,
  readOnly: false,
  routeByLatency: false,
  routeRandomly: false,
  waitReplicas: 0,
  waitReplicasTimeout: 1000,
  heartbeatInterval: 1000,
  heartbeatFailures: 3,
  topologyRefreshInterval: 30_000,
  lookup: undefined as LookupFunction | undefined,
  diagnosticArgs: 'none' as DiagnosticArgs,
};
