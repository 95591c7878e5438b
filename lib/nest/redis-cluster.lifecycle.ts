import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { RedisClusterClient } from '../core/cluster/client/cluster-client';
import { logClientEvents } from './log-client-events';
import type { RedisClusterModuleOptions } from './redis-cluster.module-options';
import { getRedisClusterLoggerContext } from './redis-cluster.tokens';

/**
 * Owns one registration's client: Nest calls the hooks on this provider, so nothing is ever
 * patched onto the client. Closing on application shutdown (not module destroy) lets the HTTP
 * server stop taking requests first, so in-flight ones can still use Redis while it drains.
 */
export class RedisClusterLifecycle implements OnModuleInit, OnApplicationShutdown {
  readonly client: RedisClusterClient;
  private readonly logger: Logger;
  private readonly lazyConnect: boolean;
  private readonly seeds: string;
  private readonly detachLogging: () => void;

  constructor(options: RedisClusterModuleOptions, name: string | undefined) {
    const { lazyConnect, ...clientOptions } = options;
    this.logger = new Logger(getRedisClusterLoggerContext(name));
    this.lazyConnect = lazyConnect === true;
    // Throws InvalidOptionError here, while the app is being built, not on the first command.
    this.client = new RedisClusterClient(clientOptions);
    // From the resolved options: a seed URL's password never reaches the log.
    this.seeds = this.client.options.nodes.map((n) => `${n.host}:${n.port}`).join(', ');
    this.detachLogging = logClientEvents(this.client, this.logger);
  }

  async onModuleInit(): Promise<void> {
    if (this.lazyConnect) {
      this.logger.log(`lazyConnect: not connecting at boot (seeds ${this.seeds})`);
      return;
    }
    this.logger.log(`connecting (seeds ${this.seeds})`);
    try {
      await this.client.connect();
    } catch (error) {
      this.logger.error(`could not connect: ${error instanceof Error ? error.message : String(error)}`);
      // Boot is failing: release whatever the attempt left open so the process can exit.
      await this.client.close().catch(() => undefined);
      this.detachLogging();
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client.status !== 'closed') {
      this.logger.log('closing: draining in-flight commands');
      await this.client.close();
    }
    this.detachLogging();
  }
}
