/**
 * A sharded subscription follows its slot when the slot moves to another master: the server ends
 * the subscription with a `sunsubscribe` push, and the client subscribes again on the new owner.
 */
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { hashSlot } from '../../../lib/core/slots/hash-slot';
import { startPrivateCluster, type PrivateCluster } from '../../helpers/cluster-env';
import { pollUntil } from '../../helpers/node-probe';

describe('sharded pub/sub across a slot migration', () => {
  let cluster: PrivateCluster;

  beforeAll(async () => {
    cluster = await startPrivateCluster('pubsub-migration', { masters: 3, replicas: 0 });
  }, 60_000);
  afterAll(() => cluster?.stop());

  it('keeps hearing SPUBLISH after the channel slot is given to another master', async () => {
    // The old owner ends the subscription with a `sunsubscribe` push; should that be missed, the
    // periodic topology refresh moves it too.
    const subscriber = new RedisClusterClient({ nodes: cluster.nodes, topologyRefreshInterval: 500 });
    const publisher = new RedisClusterClient({ nodes: cluster.nodes });
    await Promise.all([subscriber.connect(), publisher.connect()]);
    try {
      const channel = 'migrating-news';
      const slot = hashSlot(channel);
      const heard: string[] = [];
      await subscriber.ssubscribe(channel, (message) => heard.push(message));
      expect(await publisher.spublish(channel, 'before')).toBe(1);
      await pollUntil(
        () => heard.length,
        (n) => n === 1,
        2000,
      );

      // The slot holds no keys, so there is nothing to MIGRATE; the rest is the documented resharding
      // sequence. IMPORTING matters: SETSLOT NODE on an importing target bumps its config epoch, so its
      // claim wins everywhere. A bare SETSLOT NODE does not, and the source (higher epoch, slot not yet
      // given away) can answer the target's claim with an UPDATE that takes the slot back; once the
      // source gives it away too, each names the other as owner and nobody serves the slot.
      const masters = subscriber.health().nodes.filter((n) => n.role === 'master');
      const source = masters.find((n) => n.slots.some(([a, b]) => a <= slot && slot <= b))!;
      const target = masters.find((n) => n !== source)!;
      const port = (address: string) => Number(address.slice(address.lastIndexOf(':') + 1));
      await cluster.cli(port(target.address), 'CLUSTER', 'SETSLOT', String(slot), 'IMPORTING', source.id);
      await cluster.cli(port(source.address), 'CLUSTER', 'SETSLOT', String(slot), 'MIGRATING', target.id);
      await cluster.cli(port(target.address), 'CLUSTER', 'SETSLOT', String(slot), 'NODE', target.id);
      await cluster.cli(port(source.address), 'CLUSTER', 'SETSLOT', String(slot), 'NODE', target.id);
      for (const other of masters.filter((n) => n !== source && n !== target)) {
        await cluster.cli(port(other.address), 'CLUSTER', 'SETSLOT', String(slot), 'NODE', target.id);
      }

      // The subscriber follows (server push or refresh); the publisher learns through MOVED.
      const numsub = async () => (await cluster.cli(port(target.address), 'PUBSUB', 'SHARDNUMSUB', channel)).split('\n')[1];
      expect(await pollUntil(numsub, (n) => n === '1', 5000)).toBe('1');
      expect(await publisher.spublish(channel, 'after')).toBe(1);
      await pollUntil(
        () => heard.length,
        (n) => n === 2,
        2000,
      );
      expect(heard).toEqual(['before', 'after']);
      // Nothing is left behind on the old owner.
      const onSource = async () => (await cluster.cli(port(source.address), 'PUBSUB', 'SHARDNUMSUB', channel)).split('\n')[1];
      expect(await pollUntil(onSource, (n) => n === '0', 5000)).toBe('0');
    } finally {
      await Promise.all([subscriber.close(), publisher.close()]);
    }
  }, 60_000);
});
