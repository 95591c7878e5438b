import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  getRedisClusterToken,
  InjectRedisCluster,
  InvalidOptionError,
  RedisClusterClient,
  RedisClusterHealthIndicator,
  RedisClusterModule,
  type RedisClusterModuleOptions,
} from '../../../lib';

// lazyConnect: the module wiring is under test here, not the network.
const options = (clientName: string): RedisClusterModuleOptions => ({
  nodes: ['127.0.0.1:1'],
  clientName,
  lazyConnect: true,
});

@Injectable()
class ConfigStub {
  get(key: string): string {
    return key === 'CLIENT' ? 'from-config' : '';
  }
}

@Module({ providers: [ConfigStub], exports: [ConfigStub] })
class ConfigStubModule {}

@Injectable()
class DefaultConsumer {
  constructor(
    readonly byClass: RedisClusterClient,
    @InjectRedisCluster() readonly byDecorator: RedisClusterClient,
  ) {}
}

@Injectable()
class NamedConsumer {
  constructor(
    @InjectRedisCluster('cache') readonly cache: RedisClusterClient,
    @InjectRedisCluster('queue') readonly queue: RedisClusterClient,
  ) {}
}

class OptionsFactory {
  create(): RedisClusterModuleOptions {
    return options('from-class');
  }
}

async function boot(imports: unknown[], providers: unknown[] = []) {
  const app = await Test.createTestingModule({ imports, providers } as never).compile();
  await app.init();
  return app;
}

describe('RedisClusterModule', () => {
  it('forRoot: the default client is one instance, injected by class and by @InjectRedisCluster()', async () => {
    const app = await boot([RedisClusterModule.forRoot(options('main'))], [DefaultConsumer]);
    const consumer = app.get(DefaultConsumer);
    expect(consumer.byClass).toBeInstanceOf(RedisClusterClient);
    expect(consumer.byDecorator).toBe(consumer.byClass);
    expect(consumer.byClass.options.clientName).toBe('main');
    expect(consumer.byClass.status).toBe('idle');
    await app.close();
    expect(consumer.byClass.status).toBe('closed');
  });

  it('forRootAsync: useFactory with inject and imports', async () => {
    const app = await boot([
      RedisClusterModule.forRootAsync({
        imports: [ConfigStubModule],
        inject: [ConfigStub],
        useFactory: (config: ConfigStub) => options(config.get('CLIENT')),
      }),
    ]);
    expect(app.get(RedisClusterClient).options.clientName).toBe('from-config');
    await app.close();
  });

  it('forRootAsync: useClass and useExisting', async () => {
    const viaClass = await boot([RedisClusterModule.forRootAsync({ useClass: OptionsFactory })]);
    expect(viaClass.get(RedisClusterClient).options.clientName).toBe('from-class');
    await viaClass.close();

    @Module({ providers: [OptionsFactory], exports: [OptionsFactory] })
    class FactoryModule {}
    const viaExisting = await boot([RedisClusterModule.forRootAsync({ imports: [FactoryModule], useExisting: OptionsFactory })]);
    expect(viaExisting.get(RedisClusterClient).options.clientName).toBe('from-class');
    await viaExisting.close();
  });

  it('keeps named registrations apart, async ones with the very same factory included', async () => {
    const factory = (config: ConfigStub) => options(`queue-${config.get('CLIENT')}`);
    const app = await boot(
      [
        RedisClusterModule.forRoot(options('main')),
        RedisClusterModule.forRoot({ ...options('cache'), name: 'cache' }),
        RedisClusterModule.forRootAsync({ name: 'queue', imports: [ConfigStubModule], inject: [ConfigStub], useFactory: factory }),
        RedisClusterModule.forRootAsync({ name: 'other', imports: [ConfigStubModule], inject: [ConfigStub], useFactory: factory }),
      ],
      [DefaultConsumer, NamedConsumer],
    );
    const { cache, queue } = app.get(NamedConsumer);
    const main = app.get(DefaultConsumer).byClass;
    expect([main.options.clientName, cache.options.clientName, queue.options.clientName]).toEqual(['main', 'cache', 'queue-from-config']);
    const other = app.get<RedisClusterClient>(getRedisClusterToken('other'));
    expect(other.options.clientName).toBe('queue-from-config');
    expect(new Set([main, cache, queue, other]).size).toBe(4);
    await app.close();
    expect([main.status, cache.status, queue.status]).toEqual(['closed', 'closed', 'closed']);
  });

  it('isGlobal: a module that does not import RedisClusterModule can inject the client and the indicator', async () => {
    @Module({ providers: [NamedConsumer, RedisClusterHealthIndicatorUser], exports: [NamedConsumer] })
    class FeatureModule {}

    const app = await boot([
      RedisClusterModule.forRoot({ ...options('cache'), name: 'cache', isGlobal: true }),
      RedisClusterModule.forRootAsync({ name: 'queue', isGlobal: true, useFactory: () => options('queue') }),
      FeatureModule,
    ]);
    expect(app.get(NamedConsumer).queue.options.clientName).toBe('queue');
    expect(app.get(RedisClusterHealthIndicatorUser).indicator).toBeInstanceOf(RedisClusterHealthIndicator);
    await app.close();
  });

  it('without isGlobal, a module that does not import it cannot see the client', async () => {
    @Module({ providers: [NamedConsumer] })
    class FeatureModule {}
    const compiling = Test.createTestingModule({
      imports: [RedisClusterModule.forRoot({ ...options('x'), name: 'cache' }), FeatureModule],
    }).compile();
    await expect(compiling).rejects.toThrow(/RedisClusterClient:cache/);
  });

  it('exports the health indicator where the registration is imported, and it checks that client', async () => {
    const app = await boot([RedisClusterModule.forRoot(options('main'))], [RedisClusterHealthIndicatorUser]);
    const { indicator } = app.get(RedisClusterHealthIndicatorUser);
    // lazyConnect and never connected: down, with the reason, and no throw.
    expect(await indicator.isHealthy('redis')).toEqual({ redis: { status: 'down', message: 'client is idle, not ready' } });
    await app.close();
  });

  it('validates options while the app is built: the error names the option and what it accepts', async () => {
    const error = await Test.createTestingModule({
      imports: [RedisClusterModule.forRoot({ nodes: ['127.0.0.1:7000'], poolSize: 0, lazyConnect: true })],
    })
      .compile()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toBe('invalid option "poolSize": expected an integer >= 1 (milliseconds for durations), received 0');
  });
});

@Injectable()
class RedisClusterHealthIndicatorUser {
  constructor(readonly indicator: RedisClusterHealthIndicator) {}
}
