import { jest } from '@jest/globals';
import { FakeClient, withNode } from './snapshots';

// @nestjs/terminus is an optional peer: the package root (the health indicator included) must load
// without it, and the indicator must still answer. Runs as ESM (Nest 12) and as CommonJS (Nest 11):
// the module mock is registered both ways, the import() is native in one and a require() in the other.
// No isolation is needed: each spec file has its own module registry, and this one mocks terminus
// before anything imports the package.
describe('package root', () => {
  it('loads, and its health indicator answers, when @nestjs/terminus cannot be resolved', async () => {
    let attempts = 0;
    const missing = (): never => {
      attempts++;
      throw new Error("Cannot find module '@nestjs/terminus'");
    };
    jest.unstable_mockModule('@nestjs/terminus', missing);
    jest.doMock('@nestjs/terminus', missing);
    const root = await import('../../../lib');
    expect(typeof root.RedisClusterModule.forRoot).toBe('function');
    expect(attempts).toBe(0);
    // Built by hand once terminus fails to load: the shape terminus builds, `up` with the warnings.
    const client = new FakeClient();
    client.snapshot = withNode(7001, { state: 'suspect' });
    const indicator = new root.RedisClusterHealthIndicator({ get: () => client } as never);
    await expect(indicator.checkNodes('redis')).resolves.toEqual({
      redis: { status: 'up', nodes: expect.any(Array), warnings: ['master 127.0.0.1:7001 suspect (missed a heartbeat)'] },
    });
    expect(attempts).toBe(1);
  });

  it('exports the client entry and the Nest layer, and nothing internal', async () => {
    const root = (await import('../../../lib')) as Record<string, unknown>;
    const client = (await import('../../../lib/client')) as Record<string, unknown>;
    const nest = ['InjectRedisCluster', 'RedisClusterHealthIndicator', 'RedisClusterModule', 'getRedisClusterToken'];
    expect(Object.keys(root).sort()).toEqual([...Object.keys(client), ...nest].sort());
    expect(Object.keys(client).sort()).toEqual(
      [
        'AskError',
        'AuthError',
        'CHANNEL_NAMES',
        'ClientClosedError',
        'ClusterConnectError',
        'ConnectionError',
        'CredentialsError',
        'CrossSlotKeysError',
        'InvalidArgumentError',
        'InvalidOptionError',
        'MaxRedirectsError',
        'MovedError',
        'PoolTimeoutError',
        'ProtocolError',
        'RedisClusterClient',
        'RedisClusterError',
        'ReplicationError',
        'ReplyError',
        'TimeoutError',
        'TlsError',
        'TopologyTooLargeError',
        'UnknownEndpointError',
        'UnknownNodeError',
        'UnknownOutcomeError',
        'UnsupportedCommandError',
        'UntrustedRedirectError',
        'elastiCacheIamCredentials',
      ].sort(),
    );
  });
});
