/**
 * Resubscription after a lost subscriber socket backs off: the first attempt at once, then 50,
 * 100, 200... ms apart (capped at 2 s), each failure reported as an `error` event, never thrown.
 * Against a node that keeps refusing, the attempts over 1.7 s stay a handful, not a spin.
 */
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { ReplyError } from '../../../lib/core/errors/reply-error';
import { MockCluster } from '../../helpers/mock-cluster';
import { err } from '../../helpers/mock-node';
import { pollUntil, sleep } from '../../helpers/node-probe';
import { deliver, pubsub, subscriberOf } from './mock-pubsub';

let m: MockCluster;
let client: RedisClusterClient;

afterAll(async () => {
  await client?.close();
  await m?.stop();
});

it('a refused resubscription is retried with growing gaps, reported each time, and recovers once allowed', async () => {
  let refusing = false;
  const attemptsAt: number[] = [];
  m = await MockCluster.start();
  m.script = pubsub((_node, cmd) => {
    if (cmd[0] !== 'SUBSCRIBE' || !refusing) return undefined;
    attemptsAt.push(Date.now());
    return err('ERR refused by the test');
  });
  client = new RedisClusterClient({ nodes: m.seeds, topologyRefreshInterval: 0 });
  const errors: Error[] = [];
  client.on('error', (e: Error) => errors.push(e));
  await client.connect();
  const heard: string[] = [];
  await client.subscribe('flaky', (message) => heard.push(message));

  refusing = true;
  const { node, conn } = subscriberOf(m, 'SUBSCRIBE', 'flaky');
  const lostAt = Date.now();
  expect(node.drop(conn)).toBe(true);
  await sleep(1700);

  // 0, 50, 150, 350, 750, 1550 ms after the loss: six; allow one either way for a loaded machine.
  expect(attemptsAt.length).toBeGreaterThanOrEqual(4);
  expect(attemptsAt.length).toBeLessThanOrEqual(7);
  expect(attemptsAt[0] - lostAt).toBeLessThan(500);
  const gaps = attemptsAt.slice(1).map((t, i) => t - attemptsAt[i]);
  // Each wait is a floor: 50 ms, then doubling.
  gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(50 * 2 ** i - 5));
  // The lost socket, then every refusal, as `error` events.
  const refusals = errors.filter((e) => e instanceof ReplyError && e.message.includes('refused by the test'));
  expect(refusals.length).toBe(attemptsAt.length);

  refusing = false;
  const before = attemptsAt.length;
  await pollUntil(
    () => m.commands('SUBSCRIBE', 'flaky').length,
    (n) => n > before + 1,
    3000,
  );
  await sleep(50);
  deliver(m, 'SUBSCRIBE', 'flaky', 'back');
  await pollUntil(
    () => heard.length,
    (n) => n === 1,
    2000,
  );
  expect(heard).toEqual(['back']);
  // Subscribed again: no more attempts.
  const settled = m.commands('SUBSCRIBE', 'flaky').length;
  await sleep(500);
  expect(m.commands('SUBSCRIBE', 'flaky').length).toBe(settled);
});
