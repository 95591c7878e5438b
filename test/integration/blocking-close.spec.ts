import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { ClientClosedError } from '../../lib/core/errors/client-closed-error';
import { plainCluster } from '../helpers/cluster-env';

describe('close() with a blocking call in flight', () => {
  it('fails the BLPOP 0 with ClientClosedError at once and drains the rest', async () => {
    const client = new RedisClusterClient({ nodes: plainCluster().nodes });
    await client.connect();
    const key = `blocking-close:${process.pid}:${Date.now()}`;
    const blocked = client.call('BLPOP', key, 0);
    const normal = client.set(`${key}:other`, 'v');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await client.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(blocked).rejects.toBeInstanceOf(ClientClosedError);
    await expect(normal).resolves.toBe('OK');
    expect(client.status).toBe('closed');
  });
});
