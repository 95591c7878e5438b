/**
 * The slot of a sharded channel moves while its SSUBSCRIBE is on the wire: the client learns the
 * new owner (and its topology-change event finds the channel with no home yet) before the old owner
 * confirms. The confirmation is then checked against the topology of now: the channel leaves the
 * old owner and is subscribed on the new one, rather than staying where no SPUBLISH will reach it.
 */
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { hashSlot } from '../../../lib/core/slots/hash-slot';
import { MockCluster } from '../../helpers/mock-cluster';
import { pollUntil } from '../../helpers/node-probe';
import { deliver, pubsub } from './mock-pubsub';

let m: MockCluster;
let client: RedisClusterClient;

afterAll(async () => {
  await client?.close();
  await m?.stop();
});

it('a channel confirmed by a master that no longer owns its slot follows the slot at once', async () => {
  m = await MockCluster.start();
  m.script = pubsub();
  client = new RedisClusterClient({ nodes: m.seeds, topologyRefreshInterval: 100 });
  await client.connect();
  const channel = 'moving-news';
  const slot = hashSlot(channel);
  const from = m.ownerOf(slot);
  const to = m.nodes.find((n) => n !== from)!;
  const ownerSeen = (): string | undefined =>
    client.health().nodes.find((n) => n.role === 'master' && n.slots.some(([a, b]) => a <= slot && slot <= b))?.address;

  from.beforeAnswer = async (cmd) => {
    if (cmd[0] !== 'SSUBSCRIBE') return;
    from.beforeAnswer = undefined;
    m.moveSlot(slot, to);
    expect(await pollUntil(ownerSeen, (a) => a === to.address, 3000)).toBe(to.address);
  };
  const heard: string[] = [];
  await client.ssubscribe(channel, (message) => heard.push(message));
  expect(m.commands('SSUBSCRIBE', channel, from)).toHaveLength(1);

  expect(
    await pollUntil(
      () => m.commands('SSUBSCRIBE', channel, to).length,
      (n) => n === 1,
      3000,
    ),
  ).toBe(1);
  expect(
    await pollUntil(
      () => m.commands('SUNSUBSCRIBE', channel, from).length,
      (n) => n === 1,
      3000,
    ),
  ).toBe(1);
  deliver(m, 'SSUBSCRIBE', channel, 'from the new owner');
  await pollUntil(
    () => heard.length,
    (n) => n === 1,
    2000,
  );
  expect(heard).toEqual(['from the new owner']);
});
