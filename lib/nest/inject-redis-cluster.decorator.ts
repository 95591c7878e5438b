import { Inject } from '@nestjs/common';
import { getRedisClusterToken } from './redis-cluster.tokens';

/** Injects the client registered under `name`; without one, the default client (same as injecting the class). */
export const InjectRedisCluster = (name?: string): ReturnType<typeof Inject> => Inject(getRedisClusterToken(name));
