import { glideAdapter } from './glide';
import { ioredisAutoAdapter, ioredisPlainAdapter } from './ioredis';
import { nodeRedisAdapter } from './node-redis';
import { nodeRedis6Adapter } from './node-redis6';
import { oursAdapter } from './ours';
import { oursBeforeAdapter } from './ours-before';
import { oursOtelAdapter } from './ours-otel';
import type { ClientAdapter } from './types';

/** Every peer, ours first; ioredis with auto-pipelining is the reference the ratios are taken against. */
export const ADAPTERS: readonly ClientAdapter[] = [
  oursAdapter,
  ioredisAutoAdapter,
  ioredisPlainAdapter,
  nodeRedisAdapter,
  nodeRedis6Adapter,
  glideAdapter,
  oursOtelAdapter,
  oursBeforeAdapter,
];
export const REFERENCE_ID = ioredisAutoAdapter.id;

export type { BenchClient, ClientAdapter, ReadFrom, SeedAddress } from './types';
