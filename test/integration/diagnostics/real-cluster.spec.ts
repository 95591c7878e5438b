/**
 * The channels on the real cluster: sanitized arguments of multi-key commands, a transaction as
 * one batch, node roles, and node-state/topology messages naming the client.
 */
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import type { BatchTraceContext, CommandTraceContext } from '../../../lib/core/diagnostics';
import { plainCluster } from '../../helpers/cluster-env';
import { batchChannel, commandChannel, finished, record } from './record-channel';

let client: RedisClusterClient | undefined;
const stops: Array<() => void> = [];

afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  await client?.close();
  client = undefined;
});

async function connect(diagnosticArgs: 'none' | 'sanitized' = 'none'): Promise<RedisClusterClient> {
  client = new RedisClusterClient({ nodes: plainCluster().nodes, diagnosticArgs, clientName: 'diagnostics-spec' });
  await client.connect();
  return client;
}

it("diagnosticArgs 'sanitized': the name and the keys, every value as '?', a multi-key command split per slot", async () => {
  const c = await connect('sanitized');
  const rec = record<CommandTraceContext>(commandChannel);
  stops.push(rec.stop);

  await c.set('diag:{s}a', 'secret-value', { PX: 10_000 });
  await c.call('MSET', 'diag:{s}a', 'v1', 'diag:{s}b', 'v2');
  const [set, mset] = finished(rec.events);
  expect(set.args).toEqual(['SET', 'diag:{s}a', '?', '?', '?']);
  expect(mset.args).toEqual(['MSET', 'diag:{s}a', '?', 'diag:{s}b', '?']);
  expect([set.keyCount, mset.keyCount]).toEqual([1, 2]);
  expect(mset.role).toBe('master');
  expect(mset.address).toMatch(/^127\.0\.0\.1:\d+$/);
  expect(mset.client).toBe(c);
  expect(JSON.stringify(rec.events.map(([, ctx]) => ({ ...ctx, client: undefined })))).not.toContain('secret-value');
});

it("diagnosticArgs 'none' (the default) publishes no arguments", async () => {
  const c = await connect();
  const rec = record<CommandTraceContext>(commandChannel);
  stops.push(rec.stop);
  await c.set('diag:plain', 'v');
  expect(finished(rec.events).map((ctx) => ctx.args)).toEqual([undefined]);
});

it('traces a transaction as one batch (its MULTI/EXEC are not commands of their own)', async () => {
  const c = await connect();
  const commands = record<CommandTraceContext>(commandChannel);
  const batch = record<BatchTraceContext>(batchChannel);
  stops.push(commands.stop, batch.stop);
  const replies = await c.multi().set('diag:{t}1', 'a').get('diag:{t}1').exec();
  expect(replies).toEqual([
    [null, 'OK'],
    [null, 'a'],
  ]);
  expect(batch.events.map(([phase, ctx]) => [phase, ctx.kind, ctx.size, ctx.commands])).toEqual(
    ['start', 'end', 'asyncStart', 'asyncEnd'].map((phase) => [phase, 'transaction', 2, ['SET', 'GET']]),
  );
  expect(commands.events).toEqual([]);
});

it('a transaction refused before sending (keys of two slots) ends its batch with the error', async () => {
  const c = await connect();
  const batch = record<BatchTraceContext>(batchChannel);
  stops.push(batch.stop);
  await expect(c.multi().set('diag:{x}', '1').set('diag:{y}', '2').exec()).rejects.toThrow();
  expect(batch.events.map(([phase]) => phase)).toEqual(['start', 'end', 'error', 'asyncStart', 'asyncEnd']);
  expect(batch.events[0][1].error?.name).toBe('CrossSlotKeysError');
});
