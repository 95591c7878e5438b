// The client alone: no @nestjs/*, rxjs or reflect-metadata is loaded from here (entry `slotline/client`).
export { RedisClusterClient, type ClientEvents, type ClientStatus, type ClusterNodeHandle } from './core/cluster/client/cluster-client';
export type { AddressMap, DiagnosticArgs, NodeAddress, RedisClusterOptions, TlsOption } from './core/options/client-options';
// `client.options`: every option with its default filled in.
export type { ResolvedOptions } from './core/options/resolve-options';
export type {
  ClusterHealth,
  NodeHealth,
  NodeRole,
  NodeState,
  NodeStateChange,
  SlotRange,
  TopologyChange,
} from './core/cluster/health/health-types';
export type { PoolStats } from './core/pool/pool-stats';
export type { RespArg, RespMap, RespValue } from './core/resp/types';

// What the client's methods take and return: the batch, transaction, script, scan and pub/sub APIs.
export type { Pipeline, PipelineResult } from './core/cluster/batch/pipeline';
export type { Transaction } from './core/cluster/batch/transaction';
export type { WatchSession } from './core/cluster/batch/watch-session';
export type { Script } from './core/cluster/batch/script';
export type { ScanOptions } from './core/cluster/batch/scan-iterator';
export type {
  AnyMessageListener,
  BufferMessageListener,
  ListenerFor,
  MessageListener,
  SubscribeOptions,
} from './core/pubsub/subscription-kind';
export type {
  ExpireMode,
  GetExOptions,
  HashEntries,
  Many,
  MsetEntries,
  RedisKey,
  ScoreBound,
  ScoredMember,
  SetOptions,
  ZAddMembers,
  ZAddOptions,
  ZMember,
  ZRangeOptions,
} from './core/commands/command-methods';
// The typed command families' options and replies (issue 14), and the client-only server commands'.
export type * from './core/commands/command-method-types';
export type { FunctionLibrary, ServerTime } from './core/cluster/client/features/client-commands';

export {
  AskError,
  AuthError,
  ClientClosedError,
  ClusterConnectError,
  ConnectionError,
  CredentialsError,
  CrossSlotKeysError,
  InvalidArgumentError,
  InvalidOptionError,
  MaxRedirectsError,
  MovedError,
  PoolTimeoutError,
  ProtocolError,
  RedisClusterError,
  ReplicationError,
  ReplyError,
  TimeoutError,
  TlsError,
  TopologyTooLargeError,
  UnknownEndpointError,
  UnknownNodeError,
  UnknownOutcomeError,
  UnsupportedCommandError,
  UntrustedRedirectError,
  type TimeoutKind,
} from './core/errors';

// Rotating credentials: the provider's types, and the ElastiCache IAM helper (its signer is an optional peer, loaded on first use).
export type { Credentials, CredentialsProvider } from './core/credentials/credentials';
export { elastiCacheIamCredentials, type AwsCredentials, type ElastiCacheIamOptions } from './core/credentials/elasticache-iam';

// Diagnostics channels (node:diagnostics_channel): their names and what each message carries.
export {
  CHANNEL_NAMES,
  type AttemptFailure,
  type BatchTraceContext,
  type ClusterEventMessage,
  type CommandTraceContext,
  type ConnectionMessage,
  type ObservedClient,
} from './core/diagnostics';
