import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TerminusModule } from '@nestjs/terminus';
import request from 'supertest';
import { RedisClusterModule, type RedisClusterModuleOptions } from '../../lib';
import { HealthController } from '../../sample-app/health/health.controller';
import { startPrivateCluster, type PrivateCluster } from '../helpers/cluster-env';
import { commandCalls } from './nest-e2e-helpers';

async function healthApp(options: RedisClusterModuleOptions): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [RedisClusterModule.forRoot(options), TerminusModule.forRoot({ logger: false })],
    controllers: [HealthController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  return app.init();
}

/** A cluster of our own: no other client's commands in its stats, and a master we may kill. */
describe('/health on a private cluster', () => {
  let cluster: PrivateCluster;

  beforeAll(async () => {
    // No replicas: no replication traffic in the stats, and a killed master stays a hole.
    // A long node timeout: the cluster itself takes no action while the test looks.
    cluster = await startPrivateCluster('nest-health', { masters: 3, replicas: 0, nodeTimeout: 30_000 });
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('sends nothing to Redis, however often it is polled', async () => {
    // A heartbeat slower than the test, so any command during the window would be the check's.
    const app = await healthApp({ nodes: cluster.nodes, heartbeatInterval: 60_000, topologyRefreshInterval: 0 });
    try {
      await request(app.getHttpServer()).get('/health').expect(200);
      const before = await Promise.all(cluster.ports.map(commandCalls));
      for (let i = 0; i < 50; i++) await request(app.getHttpServer()).get('/health').expect(200);
      const after = await Promise.all(cluster.ports.map(commandCalls));
      // INFO is this test's own probe.
      const withoutInfo = (calls: Record<string, number>[]) => calls.map(({ info: _info, ...rest }) => rest);
      expect(withoutInfo(after)).toEqual(withoutInfo(before));
    } finally {
      await app.close();
    }
  });

  /** Polls /health until `status` (or 8 s pass) and returns the last response. */
  async function healthUntil(app: INestApplication, status: number) {
    let res = await request(app.getHttpServer()).get('/health');
    for (const deadline = Date.now() + 8000; res.status !== status && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      res = await request(app.getHttpServer()).get('/health');
    }
    return res;
  }

  it('is 503 naming a master frozen with SIGSTOP, and 200 again once it answers', async () => {
    const app = await healthApp({ nodes: cluster.nodes, heartbeatInterval: 100, heartbeatFailures: 2 });
    const roles = await Promise.all(cluster.ports.map((p) => cluster.cli(p, 'ROLE')));
    const frozen = cluster.ports.find((_, i) => roles[i].startsWith('master')) as number;
    try {
      await request(app.getHttpServer()).get('/health').expect(200);
      cluster.kill(frozen, 'SIGSTOP');
      const down = await healthUntil(app, 503);
      expect(down.status).toBe(503);
      expect(down.body.error.redis.downNodes).toEqual([`127.0.0.1:${frozen} (master)`]);
      cluster.kill(frozen, 'SIGCONT');
      const up = await healthUntil(app, 200);
      expect(up.status).toBe(200);
      expect(up.body.details.redis_nodes.nodes.every((n: { state: string }) => n.state === 'up')).toBe(true);
    } finally {
      cluster.kill(frozen, 'SIGCONT');
      await app.close();
    }
  });

  it('is 503 naming a killed master and the slots it leaves unserved, 200 after it restarts', async () => {
    const app = await healthApp({ nodes: cluster.nodes, heartbeatInterval: 100, heartbeatFailures: 2 });
    try {
      await request(app.getHttpServer()).get('/health').expect(200);
      const roles = await Promise.all(cluster.ports.map((p) => cluster.cli(p, 'ROLE')));
      const victim = cluster.ports.find((_, i) => roles[i].startsWith('master'));
      expect(victim).toBeDefined();
      cluster.kill(victim as number);

      let res = await request(app.getHttpServer()).get('/health');
      for (const deadline = Date.now() + 5000; res.status === 200 && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        res = await request(app.getHttpServer()).get('/health');
      }
      expect(res.status).toBe(503);
      const address = `127.0.0.1:${victim}`;
      expect(res.body.error.redis.downNodes).toEqual([`${address} (master)`]);
      expect(res.body.error.redis.uncoveredSlots.length).toBeGreaterThan(0);
      expect(res.body.error.redis.message).toContain(address);
      expect(res.body.error.redis_nodes.message).toContain(`master ${address} down`);

      await cluster.restart(victim as number);
      expect((await healthUntil(app, 200)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
