/**
 * Redirects verified before they are trusted, against the shared plain cluster: a Lua script can make
 * a real node answer `MOVED`/`ASK` to any address (`redis.error_reply`), and the client must neither
 * dial it nor open a pool for it. And a `nodes()` handle does not follow redirects: the caller gets
 * the MovedError. Nothing here writes a key.
 */
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { hashSlot } from '../../lib/core/slots/hash-slot';
import { MovedError } from '../../lib/core/errors/moved-error';
import { UntrustedRedirectError } from '../../lib/core/errors/untrusted-redirect-error';
import { AcceptCounter } from '../helpers/accept-counter';
import { plainCluster } from '../helpers/cluster-env';
import { NodeProbes, shardMasters, slotOwners, uniquePrefix } from '../helpers/node-probe';
import { rejection } from '../helpers/rejection';

let client: RedisClusterClient;
let counter: AcceptCounter;

beforeAll(async () => {
  counter = await AcceptCounter.start();
  client = new RedisClusterClient({ nodes: plainCluster().nodes, clientName: 'untrusted-redirect-spec' });
  await client.connect();
});

afterAll(async () => {
  await client.close();
  await counter.close();
});

describe.each(['MOVED', 'ASK'] as const)('a script answering %s to an address outside the cluster', (kind) => {
  it('fails with UntrustedRedirectError: no connection reaches that port and no pool is made for it', async () => {
    const lua = `return redis.error_reply('${kind} 1 ${counter.address}')`;
    const error = await rejection(client.call('EVAL', lua, 0));
    expect(error).toBeInstanceOf(UntrustedRedirectError);
    expect(error).toMatchObject({ code: 'ERR_UNTRUSTED_REDIRECT', kind, slot: 1, address: counter.address });
    expect(counter.accepts).toBe(0);
    expect(Object.keys(client.nodePoolStats())).not.toContain(counter.address);
    // The client is none the worse for it.
    expect(await client.call('PING')).toBe('PONG');
  });
});

describe('nodes() handles', () => {
  it('give the caller the MovedError for a key another master owns, instead of following it', async () => {
    const { ports } = plainCluster();
    const probes = await NodeProbes.open(ports);
    try {
      const owners = slotOwners(await shardMasters(probes.get(ports[0])));
      const [handle] = client.nodes('master');
      const handlePort = Number(handle.address.slice(handle.address.lastIndexOf(':') + 1));
      const prefix = uniquePrefix('pinned');
      let key = '';
      for (let i = 0; key === ''; i++) if (owners[hashSlot(`${prefix}${i}`)] !== handlePort) key = `${prefix}${i}`;

      const error = await rejection(handle.call('GET', key));
      expect(error).toBeInstanceOf(MovedError);
      expect(error).toMatchObject({ slot: hashSlot(key), port: owners[hashSlot(key)] });
    } finally {
      await probes.close();
    }
  });

  it('still answer keyless fan-out commands on every master', async () => {
    expect(typeof (await client.call('DBSIZE'))).toBe('number');
    const replies = await Promise.all(client.nodes('master').map((n) => n.call('PING')));
    expect(replies.every((r) => r === 'PONG')).toBe(true);
  });
});
