/**
 * A subscription is recorded only once the server confirms it. A subscribe() that fails (the dial
 * of the subscriber socket, or the server's refusal) rejects with that typed error, reports it as
 * `error`, and leaves nothing behind: the next subscribe() of the name sends SUBSCRIBE again.
 * Concurrent subscribe() calls of one name share one SUBSCRIBE and its outcome.
 */
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { hashSlot } from '../../../lib/core/slots/hash-slot';
import { ConnectionError } from '../../../lib/core/errors/connection-error';
import { ReplyError } from '../../../lib/core/errors/reply-error';
import { MockCluster, type MockScript } from '../../helpers/mock-cluster';
import { err, STALL } from '../../helpers/mock-node';
import { pollUntil, sleep } from '../../helpers/node-probe';
import { rejection } from '../../helpers/rejection';
import { deliver, pubsub } from './mock-pubsub';

let m: MockCluster;
let client: RedisClusterClient;
let errors: Error[];
/** Set per test: sees every command before the pub/sub script. */
let edge: MockScript;

beforeAll(async () => {
  m = await MockCluster.start();
  m.script = pubsub((node, cmd, ctx) => edge(node, cmd, ctx));
  edge = () => undefined;
  client = new RedisClusterClient({ nodes: m.seeds, topologyRefreshInterval: 0 });
  client.on('error', (e: Error) => errors.push(e));
  await client.connect();
});

beforeEach(() => {
  errors = [];
  edge = () => undefined;
});

afterAll(async () => {
  await client?.close();
  await m?.stop();
});

const sent = (command: string, name: string): number => m.commands(command, name).length;

/** Every new socket is hung up on at HELLO: the dial of a subscriber socket fails. */
const refuseNewSockets: MockScript = (_node, cmd, ctx) => {
  if (cmd[0] !== 'HELLO') return undefined;
  ctx.close();
  return STALL;
};

it('a failed dial rejects with ConnectionError and rolls back; the next subscribe() really subscribes', async () => {
  edge = refuseNewSockets;
  const heard: string[] = [];
  const error = await rejection(client.subscribe('dial-news', (message) => heard.push(message)));
  expect(error).toBeInstanceOf(ConnectionError);
  expect(errors).toContain(error);
  expect(sent('SUBSCRIBE', 'dial-news')).toBe(0);

  edge = () => undefined;
  await client.subscribe('dial-news', (message) => heard.push(message));
  expect(sent('SUBSCRIBE', 'dial-news')).toBe(1);
  deliver(m, 'SUBSCRIBE', 'dial-news', 'hello');
  await pollUntil(
    () => heard.length,
    (n) => n === 1,
    2000,
  );
  expect(heard).toEqual(['hello']);
  await client.unsubscribe('dial-news');
});

it('the same for a sharded channel: ConnectionError, nothing recorded, then SSUBSCRIBE on the next call', async () => {
  edge = refuseNewSockets;
  const heard: string[] = [];
  expect(await rejection(client.ssubscribe('dial-orders', (message) => heard.push(message)))).toBeInstanceOf(ConnectionError);
  expect(sent('SSUBSCRIBE', 'dial-orders')).toBe(0);
  edge = () => undefined;
  await client.ssubscribe('dial-orders', (message) => heard.push(message));
  expect(sent('SSUBSCRIBE', 'dial-orders')).toBe(1);
  deliver(m, 'SSUBSCRIBE', 'dial-orders', 'o1');
  await pollUntil(
    () => heard.length,
    (n) => n === 1,
    2000,
  );
  await client.sunsubscribe('dial-orders');
});

it('a refused SUBSCRIBE rejects every concurrent caller with the ReplyError, once sent and once reported', async () => {
  edge = (_node, cmd) =>
    cmd[0] === 'SUBSCRIBE' ? err('NOPERM this user has no permissions to access one of the channels used as arguments') : undefined;
  const [a, b] = await Promise.all([
    rejection(client.subscribe('denied', () => undefined)),
    rejection(client.subscribe('denied', () => undefined)),
  ]);
  expect(a).toBeInstanceOf(ReplyError);
  expect((a as ReplyError).code).toBe('NOPERM');
  expect(b).toBe(a);
  expect(sent('SUBSCRIBE', 'denied')).toBe(1);
  expect(errors).toEqual([a]);

  // Allowed now: subscribed for real, the two concurrent callers again sharing one SUBSCRIBE.
  edge = () => undefined;
  const first: string[] = [];
  const second: string[] = [];
  await Promise.all([
    client.subscribe('denied', (message) => first.push(message)),
    client.subscribe('denied', (message) => second.push(message)),
  ]);
  expect(sent('SUBSCRIBE', 'denied')).toBe(2);
  deliver(m, 'SUBSCRIBE', 'denied', 'to both');
  await pollUntil(
    () => first.length + second.length,
    (n) => n === 2,
    2000,
  );
  expect([first, second]).toEqual([['to both'], ['to both']]);
  await client.unsubscribe('denied');
});

it('ssubscribe over two slots, one refused: rejects, and the slot that was confirmed is unsubscribed again', async () => {
  const ok = '{ok}:orders';
  const refused = '{no}:orders';
  expect(hashSlot(ok)).not.toBe(hashSlot(refused));
  edge = (_node, cmd) =>
    cmd[0] === 'SSUBSCRIBE' && cmd.includes(refused) ? err('NOPERM no permissions to access one of the channels') : undefined;
  const heard: string[] = [];
  const error = await rejection(client.ssubscribe([ok, refused], (message) => heard.push(message)));
  expect((error as ReplyError).code).toBe('NOPERM');
  await pollUntil(
    () => sent('SUNSUBSCRIBE', ok),
    (n) => n === 1,
    2000,
  );
  expect(sent('SUNSUBSCRIBE', ok)).toBe(1);
  deliver(m, 'SSUBSCRIBE', ok, 'nobody listens');
  await sleep(100);
  expect(heard).toEqual([]);

  // A later call sends both again.
  edge = () => undefined;
  await client.ssubscribe([ok, refused], (message) => heard.push(message));
  expect([sent('SSUBSCRIBE', ok), sent('SSUBSCRIBE', refused)]).toEqual([2, 2]);
  await client.sunsubscribe(ok);
  await client.sunsubscribe(refused);
});
