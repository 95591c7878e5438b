import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { plainCluster, type PlainCluster } from '../helpers/cluster-env';

/** The sample app as `npm run sample` builds it, configured through the environment. */
describe('sample app', () => {
  let app: INestApplication;
  let cluster: PlainCluster;
  const names = ['a', 'b', 'c', 'd'].map((n) => `${n}-${process.pid}-${Date.now()}`);

  beforeAll(async () => {
    cluster = plainCluster();
    process.env.REDIS_CLUSTER_NODES = cluster.nodes.map((n) => `${n.host}:${n.port}`).join(',');
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

  it('GET /health is 200 and lists every node of the cluster', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.redis.status).toBe('up');
    const listed = (res.body.info.redis_nodes.nodes as Array<{ address: string; state: string }>).map((n) => n.address);
    expect(listed.sort()).toEqual(cluster.nodes.map((n) => `${n.host}:${n.port}`).sort());
    for (const node of res.body.info.redis_nodes.nodes) {
      expect(node).toEqual(
        expect.objectContaining({ role: expect.any(String), slots: expect.any(Array), state: 'up', pool: expect.any(Object) }),
      );
      // null until the node's first heartbeat answer.
      expect(node.latencyMs === null || typeof node.latencyMs === 'number').toBe(true);
    }
  });

  it('counts across many keys and reads them back with one cross-slot MGET', async () => {
    const server = app.getHttpServer();
    for (const [i, name] of names.entries()) {
      await request(server).post(`/counters/${name}/incr`).expect(200, { name, value: 1 });
      await request(server)
        .post(`/counters/${name}/incr?by=${i + 1}`)
        .expect(200, { name, value: i + 2 });
    }
    const res = await request(server)
      .get(`/counters?names=${[...names, 'never-set'].join(',')}`)
      .expect(200);
    expect(res.body).toEqual({ ...Object.fromEntries(names.map((n, i) => [n, i + 2])), 'never-set': 0 });
    await request(server).get('/counters').expect(400);
  });

  it('GET /cache/:key computes once, then answers from Redis with a TTL', async () => {
    const key = `k-${process.pid}-${Date.now()}`;
    const first = await request(app.getHttpServer()).get(`/cache/${key}`).expect(200);
    expect(first.body).toMatchObject({ key, cached: false, ttl: 30 });
    const second = await request(app.getHttpServer()).get(`/cache/${key}`).expect(200);
    expect(second.body).toMatchObject({ key, value: first.body.value, cached: true });
    expect(second.body.ttl).toBeGreaterThan(0);
  });
});
