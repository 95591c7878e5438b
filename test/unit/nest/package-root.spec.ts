// @nestjs/terminus is an optional peer: the package root (the health indicator included) must load without it.
describe('package root', () => {
  it('loads, health indicator and all, when @nestjs/terminus cannot be resolved', () => {
    jest.isolateModules(() => {
      jest.doMock('@nestjs/terminus', () => {
        throw new Error("Cannot find module '@nestjs/terminus'");
      });
      const root = require('../../../lib') as typeof import('../../../lib');
      expect(typeof root.RedisClusterModule.forRoot).toBe('function');
      expect(typeof root.RedisClusterHealthIndicator).toBe('function');
    });
  });

  it('exports the public API and nothing internal', () => {
    const root = require('../../../lib') as Record<string, unknown>;
    expect(Object.keys(root).sort()).toEqual(
      [
        'AskError',
        'AuthError',
        'ClientClosedError',
        'ClusterConnectError',
        'ConnectionError',
        'CrossSlotKeysError',
        'InjectRedisCluster',
        'InvalidArgumentError',
        'InvalidOptionError',
        'MaxRedirectsError',
        'MovedError',
        'PoolTimeoutError',
        'ProtocolError',
        'RedisClusterClient',
        'RedisClusterError',
        'RedisClusterHealthIndicator',
        'RedisClusterModule',
        'ReplicationError',
        'ReplyError',
        'TimeoutError',
        'TlsError',
        'UnknownOutcomeError',
        'UnsupportedCommandError',
        'getRedisClusterToken',
      ].sort(),
    );
  });
});
