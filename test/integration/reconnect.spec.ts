import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { ClusterConnectError } from '../../lib/core/errors/cluster-connect-error';
import { MockCluster } from '../helpers/mock-cluster';

describe('connect() after a failed connect()', () => {
  it('succeeds once a seed answers, with a working topology', async () => {
    const m = await MockCluster.start({ masters: 2 });
    let refuse = true;
    const client = new RedisClusterClient({ nodes: m.seeds, maxRetries: 0 });
    try {
      m.script = (_node, cmd, ctx) => {
        if (refuse && cmd[0] === 'CLUSTER') ctx.close();
        return undefined;
      };
      await expect(client.connect()).rejects.toBeInstanceOf(ClusterConnectError);
      expect(client.status).toBe('idle');
      refuse = false;
      await client.connect();
      expect(client.status).toBe('ready');
      await client.set('k', 'v');
      expect(await client.get('k')).toBe('v');
    } finally {
      await client.close();
      await m.stop();
    }
  });
});
