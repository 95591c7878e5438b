import 'reflect-metadata';
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { ClusterConnectError, InjectRedisCluster, InvalidOptionError, RedisClusterClient, RedisClusterModule } from '../../lib';
import { redisOptionsFromEnv } from '../../sample-app/app.module';
import { plainCluster, type PlainCluster } from '../helpers/cluster-env';
import { connectionsNamed, eventually, uniqueClientName, unusedPort } from './nest-e2e-helpers';

@Injectable()
class Consumer {
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

async function boot(imports: unknown[], providers: unknown[] = []): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({ imports, providers } as never).compile();
  return moduleRef.init();
}

describe('RedisClusterModule against the local cluster', () => {
  let cluster: PlainCluster;
  let seeds: string[];
  const apps: INestApplicationContext[] = [];

  beforeAll(() => {
    cluster = plainCluster();
    seeds = cluster.nodes.map((n) => `${n.host}:${n.port}`);
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  it('forRoot connects at boot; the client, by class or by decorator, serves keys on every master', async () => {
    const app = await boot([RedisClusterModule.forRoot({ nodes: cluster.nodes })], [Consumer]);
    apps.push(app);
    const { byClass, byDecorator } = app.get(Consumer);
    expect(byDecorator).toBe(byClass);
    expect(byClass.status).toBe('ready');
    const keys = Array.from({ length: 20 }, (_, i) => `e2e:module:${process.pid}:${i}`);
    await Promise.all(keys.map((k, i) => byClass.call('SET', k, String(i))));
    expect(await Promise.all(keys.map((k) => byClass.call('GET', k)))).toEqual(keys.map((_, i) => String(i)));
    expect(await byClass.call('DEL', ...keys)).toBe(keys.length);
  });

  it("forRootAsync with a ConfigService factory (the sample app's)", async () => {
    const app = await boot([
      ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => ({ REDIS_CLUSTER_NODES: seeds.join(',') })] }),
      RedisClusterModule.forRootAsync({ imports: [ConfigModule], inject: [ConfigService], useFactory: redisOptionsFromEnv }),
    ]);
    apps.push(app);
    const client = app.get(RedisClusterClient);
    expect(client.status).toBe('ready');
    expect(
      client
        .health()
        .nodes.map((n) => Number(n.address.split(':')[1]))
        .sort(),
    ).toEqual([...cluster.ports].sort());
  });

  it('runs two named clusters side by side, each with its own sockets, all closed on app.close()', async () => {
    const names = { cache: uniqueClientName('e2e-cache'), queue: uniqueClientName('e2e-queue') };
    const app = await boot(
      [
        RedisClusterModule.forRoot({ nodes: [seeds[0]], clientName: names.cache, name: 'cache' }),
        RedisClusterModule.forRootAsync({
          name: 'queue',
          useFactory: async () => ({ nodes: [seeds[1]], clientName: names.queue }),
        }),
      ],
      [NamedConsumer],
    );
    const { cache, queue } = app.get(NamedConsumer);
    expect(cache).not.toBe(queue);
    const key = `e2e:named:${process.pid}`;
    await cache.call('SET', key, 'written by cache');
    expect(await queue.call('GETDEL', key)).toBe('written by cache');

    // Every node carries at least the heartbeat socket of each client.
    const ports = cluster.ports;
    expect((await connectionsNamed(ports, names.cache)).every((n) => n >= 1)).toBe(true);
    expect((await connectionsNamed(ports, names.queue)).every((n) => n >= 1)).toBe(true);
    await app.close();
    expect([cache.status, queue.status]).toEqual(['closed', 'closed']);
    for (const name of Object.values(names)) {
      const open = await eventually(
        () => connectionsNamed(ports, name),
        (counts) => counts.every((n) => n === 0),
      );
      expect(open).toEqual(ports.map(() => 0));
    }
  });

  it('fails the boot with a ClusterConnectError naming the seed that did not answer', async () => {
    const port = await unusedPort();
    const moduleRef = await Test.createTestingModule({
      imports: [RedisClusterModule.forRoot({ nodes: [`127.0.0.1:${port}`], dialTimeout: 1000 })],
    }).compile();
    const error = await moduleRef.init().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterConnectError);
    expect((error as Error).message).toContain(`127.0.0.1:${port} (`);
    expect(moduleRef.get(RedisClusterClient).status).toBe('closed');
  });

  it('fails the boot on an invalid option, naming it and what it accepts, before any connection', async () => {
    const error = await Test.createTestingModule({
      imports: [RedisClusterModule.forRoot({ nodes: ['localhost'] })],
    })
      .compile()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toMatch(/^invalid option "nodes": expected 'host:port' or \{ host, port \}/);
  });
});
