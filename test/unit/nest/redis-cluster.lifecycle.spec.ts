import { jest } from '@jest/globals';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ClusterConnectError, RedisClusterClient, RedisClusterModule, getRedisClusterToken } from '../../../lib';

const PASSWORD = 'hunter2-never-logged';

describe('RedisClusterLifecycle (through the module)', () => {
  let lines: Array<{ level: string; message: string; context: string }>;

  beforeEach(() => {
    lines = [];
    for (const level of ['log', 'warn', 'error'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation(function (this: Logger, ...args: unknown[]) {
        lines.push({ level, message: String(args[0]), context: (this as unknown as { context: string }).context });
      });
    }
  });
  afterEach(() => jest.restoreAllMocks());

  it('connects at init and drains/closes at shutdown, logging under RedisCluster:<name>', async () => {
    const connect = jest.spyOn(RedisClusterClient.prototype, 'connect').mockResolvedValue(undefined);
    const close = jest.spyOn(RedisClusterClient.prototype, 'close');
    const app = await Test.createTestingModule({
      imports: [
        RedisClusterModule.forRoot({ nodes: ['127.0.0.1:7000', { host: '127.0.0.1', port: 7001 }], password: PASSWORD, name: 'cache' }),
      ],
    }).compile();
    expect(connect).not.toHaveBeenCalled();
    await app.init();
    expect(connect).toHaveBeenCalledTimes(1);
    await app.close();
    expect(close).toHaveBeenCalledTimes(1);
    expect(app.get<RedisClusterClient>(getRedisClusterToken('cache')).status).toBe('closed');
    expect(lines).toContainEqual({
      level: 'log',
      message: 'connecting (seeds 127.0.0.1:7000, 127.0.0.1:7001)',
      context: 'RedisCluster:cache',
    });
    expect(lines).toContainEqual({ level: 'log', message: 'closed', context: 'RedisCluster:cache' });
    expect(JSON.stringify(lines)).not.toContain(PASSWORD);
  });

  it('fails the boot with the ClusterConnectError naming the seeds, and releases the client', async () => {
    const failure = new ClusterConnectError(['127.0.0.1:1'], [new Error('connect ECONNREFUSED 127.0.0.1:1')]);
    jest.spyOn(RedisClusterClient.prototype, 'connect').mockRejectedValue(failure);
    const close = jest.spyOn(RedisClusterClient.prototype, 'close');
    const app = await Test.createTestingModule({
      imports: [RedisClusterModule.forRoot({ nodes: ['127.0.0.1:1'], password: PASSWORD })],
    }).compile();
    await expect(app.init()).rejects.toBe(failure);
    expect(close).toHaveBeenCalledTimes(1);
    expect(lines).toContainEqual({
      level: 'error',
      message: `could not connect: ${failure.message}`,
      context: 'RedisCluster',
    });
    expect(failure.message).toContain('127.0.0.1:1 (connect ECONNREFUSED');
    expect(JSON.stringify(lines)).not.toContain(PASSWORD);
  });

  it('with lazyConnect, does not connect; listens to the client until shutdown, then detaches', async () => {
    const connect = jest.spyOn(RedisClusterClient.prototype, 'connect');
    const app = await Test.createTestingModule({
      imports: [RedisClusterModule.forRoot({ nodes: ['127.0.0.1:7000'], lazyConnect: true })],
    }).compile();
    await app.init();
    const client = app.get(RedisClusterClient);
    expect(connect).not.toHaveBeenCalled();
    expect(lines).toContainEqual({
      level: 'log',
      message: 'lazyConnect: not connecting at boot (seeds 127.0.0.1:7000)',
      context: 'RedisCluster',
    });
    const events = ['ready', 'close', 'nodeStateChange', 'topologyChange', 'error'] as const;
    // The client listens to some of its own events; ours come on top and must all go.
    const bare = new RedisClusterClient({ nodes: ['127.0.0.1:7000'] });
    const own = events.map((e) => bare.listenerCount(e));
    expect(events.map((e) => client.listenerCount(e))).toEqual(own.map((n) => n + 1));
    await app.close();
    expect(events.map((e) => client.listenerCount(e))).toEqual(own);
  });
});
