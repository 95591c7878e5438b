import { ConfigurableModuleBuilder, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import type { RedisClusterOptions } from '../core/options/client-options';
import { RedisClusterHealthIndicator } from './health/redis-cluster.health';
import { RedisClusterLifecycle } from './redis-cluster.lifecycle';
import {
  getRedisClusterLifecycleToken,
  getRedisClusterOptionsToken,
  getRedisClusterToken,
} from './redis-cluster.tokens';

/** What `forRoot` takes (or the `forRootAsync` factory returns): the client's options plus the module's own. */
export interface RedisClusterModuleOptions extends RedisClusterOptions {
  /**
   * Do not connect at boot: the app starts even when no seed answers, and the client connects when
   * `connect()` is called. Health reports down until then.
   * @default false
   */
  lazyConnect?: boolean;
}

/** Given beside the options (to `forRoot`, or to `forRootAsync` next to `useFactory`). */
export interface RedisClusterModuleExtras {
  /** Register the client (and the health indicator) in every module without importing. @default false */
  isGlobal?: boolean;
  /** Register a named client, injected with `@InjectRedisCluster(name)`. Names must be unique in an app. @default none (the default client) */
  name?: string;
}

export const { ConfigurableModuleClass: RedisClusterConfigurableModule, MODULE_OPTIONS_TOKEN } = new ConfigurableModuleBuilder<RedisClusterModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras<RedisClusterModuleExtras>({ isGlobal: false, name: undefined }, (definition, extras) =>
    registerClient(definition, extras),
  )
  .build();

/**
 * The builder keys the options by one token shared by every registration. Re-keying them by name,
 * and keying every provider we add the same way, keeps two registrations in one app (or two global
 * ones) from ever resolving each other's options or client.
 */
function registerClient(definition: DynamicModule, { isGlobal, name }: RedisClusterModuleExtras): DynamicModule {
  const optionsToken = getRedisClusterOptionsToken(name);
  const lifecycleToken = getRedisClusterLifecycleToken(name);
  const clientToken = getRedisClusterToken(name);
  const providers: Provider[] = (definition.providers ?? []).map((provider) =>
    isOptionsProvider(provider) ? { ...provider, provide: optionsToken } : provider,
  );
  return {
    ...definition,
    global: isGlobal,
    providers: [
      ...providers,
      {
        provide: lifecycleToken,
        useFactory: (options: RedisClusterModuleOptions) => new RedisClusterLifecycle(options, name),
        inject: [optionsToken],
      },
      {
        provide: clientToken,
        useFactory: (lifecycle: RedisClusterLifecycle) => lifecycle.client,
        inject: [lifecycleToken],
      },
      RedisClusterHealthIndicator,
    ],
    exports: [clientToken, RedisClusterHealthIndicator],
  };
}

function isOptionsProvider(provider: Provider): provider is Exclude<Provider, Type> {
  return typeof provider === 'object' && provider.provide === MODULE_OPTIONS_TOKEN;
}
