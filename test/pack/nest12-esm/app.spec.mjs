// A Jest ESM spec (node --experimental-vm-modules) that imports the package under Nest 12, which is
// ESM-only: the case a CommonJS-only build could not serve.
import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { RedisClusterClient, RedisClusterHealthIndicator, RedisClusterModule } from 'slotline';
import { RedisClusterClient as ClientOnly, RedisClusterError } from 'slotline/client';

const nodes = (process.env.REDIS_CLUSTER_NODES ?? '').split(',');

describe('slotline in a Jest ESM spec on Nest 12', () => {
  it('serves one client class from both entries', () => {
    expect(ClientOnly).toBe(RedisClusterClient);
    expect(typeof RedisClusterError).toBe('function');
  });

  it('boots the module against the cluster, round-trips a key, reports health, and closes', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [RedisClusterModule.forRoot({ nodes })] }).compile();
    await moduleRef.init();
    const client = moduleRef.get(RedisClusterClient);
    await client.set('pack:jest-esm', 'works');
    expect(await client.get('pack:jest-esm')).toBe('works');
    const health = await moduleRef.get(RedisClusterHealthIndicator).checkNodes('nodes');
    expect(health.nodes.status).toBe('up');
    expect(health.nodes.nodes).toHaveLength(6);
    await moduleRef.close();
    expect(client.status).toBe('closed');
  });
});
