import { jest } from '@jest/globals';
import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { HealthCheckService, HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import { RedisClusterHealthIndicator } from '../../../lib/nest/health/redis-cluster.health';
import { getRedisClusterToken } from '../../../lib/nest/redis-cluster.tokens';
import { FakeClient, withNode } from './snapshots';
import { nestMajor } from './nest-version';

// Terminus 12 reports a healthy cluster with warnings as `degraded`; terminus 11 has no such status.
const WARNED = nestMajor() >= 12 ? 'degraded' : 'up';

describe('RedisClusterHealthIndicator', () => {
  let indicator: RedisClusterHealthIndicator;
  let main: FakeClient;
  let cache: FakeClient;
  let health: HealthCheckService;

  beforeEach(async () => {
    main = new FakeClient();
    cache = new FakeClient();
    const moduleRef = await Test.createTestingModule({
      imports: [TerminusModule.forRoot({ logger: false })],
      providers: [
        { provide: getRedisClusterToken(), useValue: main },
        { provide: getRedisClusterToken('cache'), useValue: cache },
        RedisClusterHealthIndicator,
      ],
    }).compile();
    indicator = moduleRef.get(RedisClusterHealthIndicator);
    health = moduleRef.get(HealthCheckService);
  });

  it('builds exactly what terminus HealthIndicatorService builds', async () => {
    const terminus = new HealthIndicatorService();
    const up = await indicator.isHealthy('redis');
    const expected = terminus.check('redis').up({ nodes: [] });
    expect(up).toEqual({ redis: { ...expected.redis, nodes: expect.any(Array) } });
    expect(Object.keys(up.redis)).toEqual(Object.keys(expected.redis));

    main.snapshot = withNode(7000, { state: 'down' });
    const down = await indicator.isHealthy('redis');
    const { status, ...details } = down.redis;
    expect(status).toBe('down');
    expect(down).toEqual(terminus.check('redis').down(details));
  });

  it('reports the default cluster up, listing every node', async () => {
    const result = await indicator.isHealthy('redis');
    expect(result.redis.status).toBe('up');
    expect(result.redis.nodes).toHaveLength(6);
  });

  it('reports a down master by name in both checks', async () => {
    main.snapshot = withNode(7001, { state: 'down' });
    const cluster = await indicator.isHealthy('redis');
    const nodes = await indicator.checkNodes('redis_nodes');
    expect(cluster.redis).toMatchObject({ status: 'down', downNodes: ['127.0.0.1:7001 (master)'] });
    expect(nodes.redis_nodes).toMatchObject({ status: 'down', message: 'master 127.0.0.1:7001 down' });
  });

  it('runs on the terminus this suite is meant for', () => {
    const session = new HealthIndicatorService().check('x') as Partial<ReturnType<HealthIndicatorService['check']>>;
    expect(typeof session.degraded === 'function').toBe(nestMajor() >= 12);
  });

  it('reports a suspect node or a down replica as degraded on terminus 12 (up with warnings on 11)', async () => {
    main.snapshot = withNode(7001, { state: 'suspect' });
    expect((await indicator.checkNodes('n')).n).toMatchObject({
      status: WARNED,
      warnings: ['master 127.0.0.1:7001 suspect (missed a heartbeat)'],
    });
    expect((await indicator.isHealthy('c')).c.status).toBe('up');
    main.snapshot = withNode(7004, { state: 'down' });
    expect((await indicator.checkNodes('n')).n).toMatchObject({ status: WARNED, warnings: ['replica 127.0.0.1:7004 down'] });
    // Degraded does not fail the check: the overall status says so, and /health stays 200.
    await expect(health.check([() => indicator.checkNodes('n')])).resolves.toMatchObject({
      status: nestMajor() >= 12 ? 'degraded' : 'ok',
      info: { n: { status: WARNED } },
    });
  });

  it('passes failOnReplicaDown and maxLatencyMs through', async () => {
    main.snapshot = withNode(7004, { state: 'down' });
    expect((await indicator.checkNodes('n')).n.status).toBe(WARNED);
    expect((await indicator.checkNodes('n', { failOnReplicaDown: true })).n.status).toBe('down');
    main.snapshot = withNode(7000, { latencyMs: 80 });
    expect((await indicator.checkNodes('n', { maxLatencyMs: 50 })).n.status).toBe('down');
  });

  it('checks a named cluster on its own', async () => {
    cache.snapshot = withNode(7002, { state: 'down' });
    expect((await indicator.isHealthy('main')).main.status).toBe('up');
    expect((await indicator.isHealthy('cache', { name: 'cache' })).cache).toMatchObject({
      status: 'down',
      downNodes: ['127.0.0.1:7002 (master)'],
    });
  });

  it('is down, not thrown, for an unknown name, a client not ready, or a snapshot that throws', async () => {
    expect((await indicator.isHealthy('x', { name: 'nope' })).x).toEqual({
      status: 'down',
      message: 'no RedisClusterModule registration named "nope"',
    });
    main.status = 'idle';
    expect((await indicator.checkNodes('x')).x).toEqual({ status: 'down', message: 'client is idle, not ready' });
    main.status = 'ready';
    main.health = () => {
      throw new Error('boom');
    };
    expect((await indicator.isHealthy('x')).x).toEqual({ status: 'down', message: 'boom' });
  });

  it('is down, not thrown, when the app has no default registration', async () => {
    const bare = await Test.createTestingModule({ providers: [RedisClusterHealthIndicator] }).compile();
    expect(await bare.get(RedisClusterHealthIndicator).isHealthy('x')).toEqual({
      x: { status: 'down', message: 'no RedisClusterModule registration without a name (the default client)' },
    });
  });

  it('reads one snapshot per check and nothing else (the fake client has nothing else)', async () => {
    const spy = jest.spyOn(main, 'health');
    expect((await indicator.isHealthy('a')).a.status).toBe('up');
    expect((await indicator.checkNodes('b')).b.status).toBe('up');
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('plugs into HealthCheckService: up passes, down is a 503 with the details', async () => {
    await expect(health.check([() => indicator.isHealthy('redis')])).resolves.toMatchObject({ status: 'ok' });
    main.snapshot = withNode(7000, { state: 'down' });
    await expect(health.check([() => indicator.isHealthy('redis')])).rejects.toMatchObject({
      status: 503,
      response: { status: 'error', error: { redis: { status: 'down', downNodes: ['127.0.0.1:7000 (master)'] } } },
    });
  });
});
