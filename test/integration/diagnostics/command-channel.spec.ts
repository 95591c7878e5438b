/**
 * A `slotline:command` / `slotline:batch` subscriber sees every command of a mixed workload, with
 * the node that answered, the attempt that did and the redirects and retries on the way: scripted
 * mock nodes give the exact MOVED and TRYAGAIN.
 */
import { channel } from 'node:diagnostics_channel';
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import type { BatchTraceContext, CommandTraceContext, ConnectionMessage } from '../../../lib/core/diagnostics';
import type { RedisClusterOptions } from '../../../lib/core/options/client-options';
import { hashSlot } from '../../../lib/core/slots/hash-slot';
import { MockCluster } from '../../helpers/mock-cluster';
import { dropBeforeReplying, err } from '../../helpers/mock-node';
import { batchChannel, commandChannel, finished, record } from './record-channel';

const QUIET: Omit<RedisClusterOptions, 'nodes'> = {
  topologyRefreshInterval: 0,
  heartbeatInterval: 60_000,
  minRetryBackoff: 1,
  maxRetryBackoff: 10,
};

let mock: MockCluster | undefined;
let client: RedisClusterClient | undefined;
const stops: Array<() => void> = [];

async function start(options: Omit<RedisClusterOptions, 'nodes'> = {}): Promise<{ m: MockCluster; c: RedisClusterClient }> {
  mock = await MockCluster.start({ masters: 3 });
  client = new RedisClusterClient({ nodes: [mock.seeds[0]], ...QUIET, ...options });
  await client.connect();
  return { m: mock, c: client };
}

afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  await client?.close();
  await mock?.stop();
  client = undefined;
  mock = undefined;
});

describe('slotline:command', () => {
  it('sees GET, SET, a pipeline, a MOVED and a TRYAGAIN retry, each with its node, attempt and redirects', async () => {
    const { m, c } = await start();
    const [a, b] = m.nodes;
    const rec = record<CommandTraceContext>(commandChannel);
    stops.push(rec.stop);

    const onA = m.keyOn(a, 'x');
    await c.set(onA, '1');
    expect(await c.get(onA)).toBe('1');

    // A pipeline over two nodes: each command is traced on its own, inside the batch.
    const onB = m.keyOn(b, 'y');
    const batch = record<BatchTraceContext>(batchChannel);
    stops.push(batch.stop);
    const results = await c.pipeline().set(onB, '2').get(onA).exec();
    expect(results).toEqual([
      [null, 'OK'],
      [null, '1'],
    ]);

    // MOVED: the slot of `moved` now lives on B; A still has the old map.
    const moved = m.keyOn(a, 'm');
    const slot = hashSlot(moved);
    m.store(b).set(moved, 'from-b');
    m.moveSlot(slot, b);
    let tryAgain = 1;
    const retried = m.keyOn(a, 'r');
    m.store(a).set(retried, 'late');
    m.script = (node, cmd) => {
      if (node === a && cmd[0] === 'GET' && cmd[1] === moved) return err(`MOVED ${slot} ${b.address}`);
      if (node === a && cmd[0] === 'GET' && cmd[1] === retried && tryAgain-- > 0) return err('TRYAGAIN rehashing');
      return undefined;
    };
    expect(await c.get(moved)).toBe('from-b');
    expect(await c.get(retried)).toBe('late');

    const done = finished(rec.events);
    expect(done.map((ctx) => [ctx.command, ctx.address, ctx.attempt, ctx.redirects])).toEqual([
      ['SET', a.address, 1, 0],
      ['GET', a.address, 1, 0],
      ['SET', b.address, 1, 0],
      ['GET', a.address, 1, 0],
      ['GET', b.address, 1, 1],
      ['GET', a.address, 2, 0],
    ]);
    expect(done.every((ctx) => ctx.role === 'master' && ctx.keyCount === 1 && ctx.args === undefined && ctx.error === undefined)).toBe(
      true,
    );
    expect(done[4].slot).toBe(slot);
    expect(done[4].failures).toEqual([{ outcome: 'redirect', reason: 'MOVED', address: a.address }]);
    expect(done[5].failures).toEqual([{ outcome: 'retry', reason: 'TRYAGAIN', address: a.address }]);
    // Every command went start, end (created) ... asyncStart, asyncEnd (finished), nothing else.
    for (const ctx of done) {
      expect(rec.events.filter(([, e]) => e === ctx).map(([phase]) => phase)).toEqual(['start', 'end', 'asyncStart', 'asyncEnd']);
    }
    expect(batch.events.map(([phase, ctx]) => [phase, ctx.kind, ctx.size, ctx.commands])).toEqual([
      ['start', 'pipeline', 2, ['SET', 'GET']],
      ['end', 'pipeline', 2, ['SET', 'GET']],
      ['asyncStart', 'pipeline', 2, ['SET', 'GET']],
      ['asyncEnd', 'pipeline', 2, ['SET', 'GET']],
    ]);
  });

  it('during a failover: CLUSTERDOWN, then a dropped connection, then the answer: attempt 3, both reasons', async () => {
    const { m, c } = await start();
    const [a] = m.nodes;
    const key = m.keyOn(a);
    m.store(a).set(key, 'survived');
    let step = 0;
    m.script = (node, cmd, ctx) => {
      if (node !== a || cmd[0] !== 'GET') return undefined;
      step++;
      if (step === 1) return err('CLUSTERDOWN The cluster is down');
      if (step === 2) return dropBeforeReplying(ctx);
      return undefined;
    };
    const rec = record<CommandTraceContext>(commandChannel);
    stops.push(rec.stop);

    expect(await c.get(key)).toBe('survived');
    const [get] = finished(rec.events);
    expect([get.command, get.address, get.attempt, get.redirects]).toEqual(['GET', a.address, 3, 0]);
    expect(get.failures.map((f) => [f.outcome, f.reason, f.address])).toEqual([
      ['retry', 'CLUSTERDOWN', a.address],
      ['retry', 'ERR_CONNECTION', a.address],
    ]);
  });

  it('publishes the error a command fails with, after error-phase, and never the reply', async () => {
    const { m, c } = await start();
    const [a] = m.nodes;
    const key = m.keyOn(a);
    m.script = (node, cmd) => (cmd[0] === 'GET' ? err('WRONGTYPE Operation against a key holding the wrong kind of value') : undefined);
    const rec = record<CommandTraceContext>(commandChannel);
    stops.push(rec.stop);

    await expect(c.get(key)).rejects.toThrow('WRONGTYPE');
    const phases = rec.events.map(([phase]) => phase);
    expect(phases).toEqual(['start', 'end', 'error', 'asyncStart', 'asyncEnd']);
    const ctx = rec.events[0][1];
    expect((ctx.error as Error & { code: string }).code).toBe('WRONGTYPE');
    expect(Object.keys(ctx)).not.toContain('result');
  });
});

describe('slotline:connection', () => {
  it('reports each pool socket as it opens and closes', async () => {
    const messages: ConnectionMessage[] = [];
    const listener = (message: unknown): void => void messages.push(message as ConnectionMessage);
    channel('slotline:connection').subscribe(listener);
    stops.push(() => channel('slotline:connection').unsubscribe(listener));
    const { m, c } = await start();
    await c.get(m.keyOn(m.nodes[1]));
    const address = m.nodes[1].address;
    expect(messages.filter((msg) => msg.address === address).map((msg) => msg.kind)).toEqual(['connect']);
    await c.close();
    expect(messages.filter((msg) => msg.address === address).map((msg) => msg.kind)).toEqual(['connect', 'close']);
  });
});
