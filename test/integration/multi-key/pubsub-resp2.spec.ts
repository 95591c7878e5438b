/**
 * A cluster whose nodes have no HELLO (RESP2 only, as Redis < 6 or some proxies): the subscriber
 * socket stays on RESP2, where confirmations and messages arrive as plain arrays on the reply
 * stream. They are sorted out as pub/sub frames: subscribe() resolves, messages reach the
 * listeners, and the socket is not torn down and dialled again for every frame.
 */
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import type { MockCluster } from '../../helpers/mock-cluster';
import { push } from '../../helpers/mock-node';
import { pollUntil, sleep } from '../../helpers/node-probe';
import { clientOnPubsubWithoutHello, deliver, subscriberOf } from './mock-pubsub';

let m: MockCluster;
let client: RedisClusterClient;
let errors: Error[];

beforeAll(async () => {
  ({ m, client, errors } = await clientOnPubsubWithoutHello());
});

afterAll(async () => {
  await client?.close();
  await m?.stop();
});

const count = (name: string): number => m.commands(name).length;

it('SUBSCRIBE of two channels is confirmed by two arrays; 50 messages arrive; one SUBSCRIBE, one socket', async () => {
  const heard: string[] = [];
  await client.subscribe(['news', 'sport'], (message, channel) => heard.push(`${channel}:${message}`));
  expect(count('SUBSCRIBE')).toBe(1);
  for (let i = 0; i < 25; i++) {
    deliver(m, 'SUBSCRIBE', 'news', `n${i}`);
    deliver(m, 'SUBSCRIBE', 'sport', `s${i}`);
  }
  await pollUntil(
    () => heard.length,
    (n) => n >= 50,
    3000,
  );
  expect(heard).toHaveLength(50);
  expect(heard.slice(0, 2)).toEqual(['news:n0', 'sport:s0']);
  // A loop would show as more SUBSCRIBEs (or HELLOs on new sockets) over time.
  await sleep(300);
  expect(count('SUBSCRIBE')).toBe(1);
  expect(errors).toEqual([]);
  await client.unsubscribe(['news', 'sport']);
  expect(count('UNSUBSCRIBE')).toBe(1);
});

it('PSUBSCRIBE hears pmessage with its pattern; SSUBSCRIBE hears smessage; both stay subscribed once', async () => {
  const heard: string[] = [];
  await client.psubscribe('alerts.*', (message, channel, pattern) => heard.push(`${pattern}|${channel}|${message}`));
  await client.ssubscribe('orders', (message, channel) => heard.push(`${channel}|${message}`));
  const p = subscriberOf(m, 'PSUBSCRIBE', 'alerts.*');
  expect(p.node.sendTo(p.conn, push(['pmessage', 'alerts.*', 'alerts.fire', 'hot']))).toBe(true);
  deliver(m, 'SSUBSCRIBE', 'orders', 'o1');
  await pollUntil(
    () => heard.length,
    (n) => n >= 2,
    3000,
  );
  expect(heard.sort()).toEqual(['alerts.*|alerts.fire|hot', 'orders|o1']);
  await sleep(300);
  expect([count('PSUBSCRIBE'), count('SSUBSCRIBE')]).toEqual([1, 1]);
  expect(errors).toEqual([]);
  await client.punsubscribe('alerts.*');
  await client.sunsubscribe('orders');
});
