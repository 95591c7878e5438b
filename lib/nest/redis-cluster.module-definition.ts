import { ConfigurableModuleBuilder, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { RedisClusterHealthIndicator } from './health/redis-cluster.health';
import { RedisClusterLifecycle } from './redis-cluster.lifecycle';
import { getRedisClusterLifecycleToken, getRedisClusterOptionsToken, getRedisClusterToken } from './redis-cluster.tokens';
import type { RedisClusterModuleExtras, RedisClusterModuleOptions } from './redis-cluster.module-options';

export type { RedisClusterModuleExtras, RedisClusterModuleOptions } from './redis-cluster.module-options';

export const { ConfigurableModuleClass: RedisClusterConfigurableModule, MODULE_OPTIONS_TOKEN } =
  new ConfigurableModuleBuilder<RedisClusterModuleOptions>()
    .setClassMethodName('forRoot')
    .setExtras<RedisClusterModuleExtras>({ isGlobal: false, name: undefined }, (definition, extras) => registerClient(definition, extras))
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
