import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { RedisClusterClient } from '../../lib';
import { plainCluster } from '../helpers/cluster-env';

/** The sample app's /cached/:key: CacheModule with the Keyv store over the app's own cluster client. */
describe('sample app: GET /cached/:key (cache-manager + Keyv store)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    process.env.REDIS_CLUSTER_NODES = plainCluster()
      .nodes.map((n) => `${n.host}:${n.port}`)
      .join(',');
    // Imported here: ConfigModule reads the environment when AppModule's metadata is evaluated.
    const { AppModule } = await import('../../sample-app/app.module');
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    delete process.env.REDIS_CLUSTER_NODES;
  });

  it('computes once, then answers from the cluster, stored under sample:cache-manager:<key> with a TTL in ms', async () => {
    const key = `k-${process.pid}-${Date.now()}`;
    const first = await request(app.getHttpServer()).get(`/cached/${key}`).expect(200);
    expect(first.body).toMatchObject({ key, cached: false, ttlMs: 30_000 });
    const second = await request(app.getHttpServer()).get(`/cached/${key}`).expect(200);
    expect(second.body).toEqual({ key, value: first.body.value, cached: true });
    const redis = app.get(RedisClusterClient);
    const pttl = Number(await redis.call('PTTL', `sample:cache-manager:${key}`));
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(30_000);
    await redis.del(`sample:cache-manager:${key}`);
  });
});
