/**
 * close() has a bound whatever the nodes do: with a master frozen by SIGSTOP (its sockets accept
 * bytes and never answer), in-flight commands to it are waited for up to readTimeout, then fail,
 * and close() resolves within readTimeout + 1 s.
 */
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { keySlot } from '../../../lib/core/slots/hash-slot';
import { startPrivateCluster, type PrivateCluster } from '../../helpers/cluster-env';
import { sleep } from '../../helpers/node-probe';
import { failoverOptions, masterServing, portOf } from './failover-helpers';

const READ_TIMEOUT = 1500;

describe('close() with a master frozen by SIGSTOP', () => {
  let cluster: PrivateCluster;
  let frozen: number | undefined;

  // A long node timeout: no failover while the node is frozen, so nothing answers for its slots.
  beforeAll(async () => {
    cluster = await startPrivateCluster('close-frozen', { nodeTimeout: 15_000 });
  }, 60_000);
  afterAll(async () => {
    if (frozen !== undefined) cluster.kill(frozen, 'SIGCONT');
    await cluster?.stop();
  });

  it('fails what is in flight there and resolves within readTimeout + 1 s', async () => {
    const client = new RedisClusterClient(
      failoverOptions(cluster, { readTimeout: READ_TIMEOUT, heartbeatInterval: 200, clientName: `frozen-${process.pid}` }),
    );
    await client.connect();
    const key = `{frozen:${process.pid}}`; // a hash tag: every key below lives on the master that gets frozen
    await client.set(key, 'v');
    frozen = portOf(masterServing(client, keySlot(key))!);
    cluster.kill(frozen, 'SIGSTOP');

    // Writes (never repeated after a timeout) and reads (repeated while it is safe) stuck on the frozen master.
    const outcomes: string[] = [];
    [client.set(key, 'w'), client.get(key), client.incr(`${key}:n`), client.get(key)].forEach((p, i) =>
      p.then(
        () => (outcomes[i] = 'resolved'),
        (error: Error) => (outcomes[i] = error.name),
      ),
    );
    const started = Date.now();
    await client.close();
    const took = Date.now() - started;
    expect(took).toBeLessThan(READ_TIMEOUT + 1000);
    expect(client.status).toBe('closed');
    // One turn of the event loop for the settled promises' callbacks: every command has failed by now, none hangs.
    await new Promise(setImmediate);
    expect(outcomes).toHaveLength(4);
    for (const outcome of outcomes) expect(['ClientClosedError', 'UnknownOutcomeError', 'TimeoutError']).toContain(outcome);
  }, 20_000);

  it('ends a connect() stuck opening a socket to the frozen node, within readTimeout + 1 s', async () => {
    if (frozen === undefined) throw new Error('the previous case froze no node');
    // minIdleConns: the pools' first sockets include one to the frozen node, whose handshake never answers.
    const client = new RedisClusterClient(failoverOptions(cluster, { readTimeout: READ_TIMEOUT, dialTimeout: 10_000, minIdleConns: 1 }));
    const connecting = client.connect().then(
      () => 'resolved',
      (error: Error) => error.name,
    );
    await sleep(200); // the moment of the close() under test
    expect(client.status).toBe('connecting');
    const started = Date.now();
    await client.close();
    expect(Date.now() - started).toBeLessThan(READ_TIMEOUT + 1000);
    expect(await connecting).toBe('ClientClosedError');
    expect(client.status).toBe('closed');
  }, 20_000);
});
