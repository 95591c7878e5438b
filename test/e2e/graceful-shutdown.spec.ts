import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { RedisClusterClient, RedisClusterModule } from '../../lib';
import { plainCluster } from '../helpers/cluster-env';
import { connectionsNamed, eventually, uniqueClientName } from './nest-e2e-helpers';

describe('graceful shutdown', () => {
  it('app.close() lets in-flight commands finish, then closes every socket on every node', async () => {
    const { nodes, ports } = plainCluster();
    const clientName = uniqueClientName('e2e-shutdown');
    const moduleRef = await Test.createTestingModule({
      imports: [RedisClusterModule.forRoot({ nodes, clientName, minIdleConns: 2 })],
    }).compile();
    const app = await moduleRef.init();
    const client = app.get(RedisClusterClient);

    const before = await connectionsNamed(ports, clientName);
    // minIdleConns on every node plus the heartbeat's own socket.
    expect(before.every((n) => n >= 2)).toBe(true);

    const key = (i: number): string => `e2e:shutdown:${process.pid}:${i}`;
    const inFlight = Array.from({ length: 500 }, (_, i) => client.call('INCR', key(i % 50)));
    const closing = app.close();
    const replies = await Promise.allSettled(inFlight);
    await closing;
    expect(replies.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(client.status).toBe('closed');

    const after = await eventually(
      () => connectionsNamed(ports, clientName),
      (counts) => counts.every((n) => n === 0),
    );
    expect(after).toEqual(ports.map(() => 0));

    // Check the writes landed, with a client of our own, and clean up.
    const check = new RedisClusterClient({ nodes });
    await check.connect();
    const values = await Promise.all(Array.from({ length: 50 }, (_, i) => check.call('GETDEL', key(i))));
    expect(values).toEqual(Array.from({ length: 50 }, () => '10'));
    await check.close();
  });

  it('app.close() moments after boot, while the first heartbeats are in flight, leaves no socket open', async () => {
    const { nodes, ports } = plainCluster();
    // The window is a few milliseconds wide: close at several points across it.
    for (const delayMs of [0, 1, 2, 4, 8]) {
      const clientName = uniqueClientName(`e2e-early-close-${delayMs}`);
      const moduleRef = await Test.createTestingModule({
        imports: [RedisClusterModule.forRoot({ nodes, clientName })],
      }).compile();
      const app = await moduleRef.init();
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await app.close();
      const after = await eventually(
        () => connectionsNamed(ports, clientName),
        (counts) => counts.every((n) => n === 0),
        2000,
      );
      expect({ delayMs, after }).toEqual({ delayMs, after: ports.map(() => 0) });
    }
  });
});
