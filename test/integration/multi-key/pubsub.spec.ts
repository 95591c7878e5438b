/**
 * Pub/sub on a private cluster (3 masters + 3 replicas, node timeout 1 s), messages published by
 * another client: SUBSCRIBE / PSUBSCRIBE hear a PUBLISH made on any node; unsubscribing stops
 * delivery; SSUBSCRIBE on channels of several slots hears SPUBLISH, and keeps hearing it after its
 * shard's master is failed over (CLUSTER FAILOVER, then kill -9); every subscription comes back
 * after its socket is killed (CLIENT KILL TYPE pubsub). And a blocking BLPOP waits on a socket of
 * its own: other commands to that node go on meanwhile.
 */
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { hashSlot } from '../../../lib/core/slots/hash-slot';
import { startPrivateCluster, type PrivateCluster } from '../../helpers/cluster-env';
import { sleep, waitFor } from '../../helpers/load';
import { commandCalls, failoverOptions, masterServing, NODE_TIMEOUT, portOf, waitForNewMaster } from '../failover/failover-helpers';
import { keyWhere } from './multi-key-helpers';

interface Heard {
  message: string;
  channel: string;
  pattern?: string;
}

/** Every message a listener got, in order of arrival. */
class Inbox {
  readonly heard: Heard[] = [];
  readonly listener = (message: string, channel: string, pattern?: string): void => {
    this.heard.push(pattern === undefined ? { message, channel } : { message, channel, pattern });
  };

  messages(): string[] {
    return this.heard.map((h) => h.message);
  }

  has(message: string): boolean {
    return this.heard.some((h) => h.message === message);
  }

  /** Resolves when `message` arrived, or fails after `timeoutMs`. */
  async waitFor(message: string, timeoutMs = 3000): Promise<void> {
    const found = await waitFor(() => this.has(message), Boolean, timeoutMs, 10);
    if (!found) throw new Error(`"${message}" not received within ${timeoutMs} ms; heard: ${this.messages().slice(-10).join(', ')}`);
  }
}

let cluster: PrivateCluster;
let subscriber: RedisClusterClient;
let publisher: RedisClusterClient;

beforeAll(async () => {
  cluster = await startPrivateCluster('mk-pubsub', { masters: 3, replicas: 1, nodeTimeout: NODE_TIMEOUT });
  subscriber = new RedisClusterClient(failoverOptions(cluster));
  // A frequent refresh: the failover tests read the shards' replicas from the publisher's topology.
  publisher = new RedisClusterClient(failoverOptions(cluster, { topologyRefreshInterval: 250 }));
  await Promise.all([subscriber.connect(), publisher.connect()]);
}, 60_000);

afterAll(async () => {
  await subscriber?.close();
  await publisher?.close();
  await cluster?.stop();
});

/** Publishes on every node of the cluster, masters and replicas, through the publisher's node handles. */
async function publishEverywhere(channel: string, message: (address: string) => string): Promise<string[]> {
  const sent: string[] = [];
  for (const node of publisher.nodes('all')) {
    const text = message(node.address);
    await node.call('PUBLISH', channel, text);
    sent.push(text);
  }
  return sent;
}

/** Sharded channels whose slots the three masters serve, one per master. */
function channelPerMaster(client: RedisClusterClient, name: string): string[] {
  const masters = client.health().nodes.filter((n) => n.role === 'master');
  return masters.map((m, i) => keyWhere(`${name}:${i}:`, (slot) => m.slots.some(([a, b]) => a <= slot && slot <= b)));
}

describe('SUBSCRIBE and PSUBSCRIBE', () => {
  it('hear a PUBLISH made on any node, by another client', async () => {
    const inbox = new Inbox();
    await subscriber.subscribe('news', inbox.listener);
    const sent = await publishEverywhere('news', (address) => `from ${address}`);
    expect(sent).toHaveLength(6);
    await Promise.all(sent.map((m) => inbox.waitFor(m)));
    expect(inbox.heard.every((h) => h.channel === 'news')).toBe(true);
    expect(inbox.messages().sort()).toEqual([...sent].sort());
    // The routed publish() works the same way.
    await publisher.publish('news', 'routed');
    await inbox.waitFor('routed');
    await subscriber.unsubscribe('news');
  });

  it("publish() sends a channel's messages from its slot's master alone, so they arrive in the order sent", async () => {
    const channel = 'ordered';
    const owner = masterServing(publisher, hashSlot(channel));
    expect(owner).toBeDefined();
    const masters = publisher
      .health()
      .nodes.filter((n) => n.role === 'master')
      .map(portOf);
    const callsBefore = await Promise.all(masters.map((port) => commandCalls(cluster, port, 'publish')));
    const inbox = new Inbox();
    await subscriber.subscribe(channel, inbox.listener);
    // Not awaited one by one: 300 PUBLISHes in flight at once, as a busy publisher sends them.
    const sent = Array.from({ length: 300 }, (_, i) => `m${i}`);
    await Promise.all(sent.map((m) => publisher.publish(channel, m)));
    await inbox.waitFor('m299');
    await sleep(50);
    // From several origins, the bus would interleave them: any master used besides the owner breaks the order.
    expect(inbox.messages()).toEqual(sent);
    const callsAfter = await Promise.all(masters.map((port) => commandCalls(cluster, port, 'publish')));
    const grown = masters.map((port, i) => [port, callsAfter[i] - callsBefore[i]]);
    expect(grown).toEqual(masters.map((port) => [port, port === portOf(owner!) ? 300 : 0]));
    await subscriber.unsubscribe(channel);
  });

  it('a pattern hears matching channels, with the pattern, and not others', async () => {
    const inbox = new Inbox();
    await subscriber.psubscribe('sport.*', inbox.listener);
    const tennis = await publishEverywhere('sport.tennis', (address) => `tennis@${address}`);
    await publisher.publish('weather', 'not for the pattern');
    await publisher.publish('sport.golf', 'golf');
    // Messages published on other nodes cross the cluster bus: no order between origins.
    await Promise.all([...tennis, 'golf'].map((m) => inbox.waitFor(m)));
    expect(inbox.heard.filter((h) => h.message.startsWith('tennis@'))).toHaveLength(6);
    expect(inbox.heard.find((h) => h.message === 'golf')).toEqual({ message: 'golf', channel: 'sport.golf', pattern: 'sport.*' });
    expect(inbox.has('not for the pattern')).toBe(false);
    await subscriber.punsubscribe('sport.*');
  });

  it('unsubscribe stops delivery; removing one listener leaves the other', async () => {
    const first = new Inbox();
    const second = new Inbox();
    await subscriber.subscribe('alerts', first.listener);
    await subscriber.subscribe('alerts', second.listener);
    await publisher.publish('alerts', 'both');
    await Promise.all([first.waitFor('both'), second.waitFor('both')]);

    await subscriber.unsubscribe('alerts', first.listener);
    await publisher.publish('alerts', 'second only');
    await second.waitFor('second only');
    expect(first.has('second only')).toBe(false);

    await subscriber.unsubscribe('alerts');
    await publishEverywhere('alerts', () => 'after unsubscribe');
    // PUBSUB NUMSUB is per node: nobody is subscribed anywhere any more.
    const numsub = await Promise.all(publisher.nodes('all').map((n) => n.call('PUBSUB', 'NUMSUB', 'alerts')));
    expect(numsub.map((r) => Number((r as unknown[])[1]))).toEqual([0, 0, 0, 0, 0, 0]);
    await sleep(100);
    expect(first.has('after unsubscribe') || second.has('after unsubscribe')).toBe(false);
  });
});

describe('SSUBSCRIBE', () => {
  it('hears SPUBLISH on channels of several slots, each on its own master; sunsubscribe stops it', async () => {
    const channels = [...channelPerMaster(subscriber, 'orders'), '{orders}:a', '{orders}:b'];
    expect(new Set(channels.map((c) => hashSlot(c))).size).toBe(4);
    const inbox = new Inbox();
    await subscriber.ssubscribe(channels, inbox.listener);
    for (const channel of channels) expect(await publisher.spublish(channel, `to ${channel}`)).toBe(1);
    await Promise.all(channels.map((c) => inbox.waitFor(`to ${c}`)));
    expect(inbox.heard.map((h) => h.channel).sort()).toEqual([...channels].sort());

    // One slot per call (several slots of one master in one call: see the failing test below).
    for (const channel of channels.slice(0, 3)) await subscriber.sunsubscribe(channel);
    await subscriber.sunsubscribe(channels.slice(3)); // {orders}:a and {orders}:b share a slot
    for (const channel of channels) expect(await publisher.spublish(channel, 'after')).toBe(0);
    await sleep(50);
    expect(inbox.has('after')).toBe(false);
  });

  // SUNSUBSCRIBE, like SSUBSCRIBE, takes the channels of one slot per call.
  it('sunsubscribe of two channels in different slots of one master, in one call', async () => {
    const a = '{orders}:x';
    const master = masterServing(subscriber, hashSlot(a));
    const b = keyWhere('orders-same-master:', (slot) => slot !== hashSlot(a) && masterServing(subscriber, slot)?.id === master?.id);
    const inbox = new Inbox();
    await subscriber.ssubscribe([a, b], inbox.listener);
    await subscriber.sunsubscribe([a, b]);
    expect(await publisher.spublish(a, 'after')).toBe(0);
    expect(await publisher.spublish(b, 'after')).toBe(0);
  });
});

describe('subscriptions survive their socket being killed', () => {
  it('CLIENT KILL TYPE pubsub on every node: SUBSCRIBE, PSUBSCRIBE and SSUBSCRIBE all come back', async () => {
    const inbox = new Inbox();
    const sharded = channelPerMaster(subscriber, 'revive');
    await subscriber.subscribe('revive', inbox.listener);
    await subscriber.psubscribe('revive.*', inbox.listener);
    await subscriber.ssubscribe(sharded, inbox.listener);
    await publisher.publish('revive', 'before');
    await inbox.waitFor('before');

    const killed = await Promise.all(cluster.ports.map((p) => cluster.cli(p, 'CLIENT', 'KILL', 'TYPE', 'pubsub')));
    // One global subscriber socket plus one per master for the sharded channels.
    expect(killed.reduce((sum, n) => sum + Number(n), 0)).toBe(4);

    // Messages published while the subscriptions are being restored are lost (pub/sub is at most
    // once): publish until one gets through, then every later one must.
    const probe = async (send: (n: number) => Promise<unknown>, tag: string): Promise<void> => {
      let n = 0;
      const heard = await waitFor(
        async () => {
          await send(++n);
          await sleep(20);
          return inbox.has(`${tag}-${n}`);
        },
        Boolean,
        5000,
        0,
      );
      expect(heard).toBe(true);
    };
    await probe((n) => publisher.publish('revive', `plain-${n}`), 'plain');
    await probe((n) => publisher.publish('revive.x', `pattern-${n}`), 'pattern');
    for (const [i, channel] of sharded.entries()) await probe((n) => publisher.spublish(channel, `shard${i}-${n}`), `shard${i}`);
    await subscriber.unsubscribe('revive');
    await subscriber.punsubscribe('revive.*');
    await subscriber.sunsubscribe(sharded);
  });
});

describe('a blocking command', () => {
  it('BLPOP waits on a socket of its own: a GET to the same node completes meanwhile, and BLPOP returns on LPUSH', async () => {
    const list = '{block}:list';
    const other = '{block}:other';
    await subscriber.set(other, 'still served');
    const started = Date.now();
    const blpop = subscriber.call('BLPOP', list, 5);
    let blpopDone = false;
    void blpop.then(() => (blpopDone = true));
    await sleep(100);

    const getStarted = Date.now();
    expect(await subscriber.get(other)).toBe('still served');
    const getMs = Date.now() - getStarted;
    expect(getMs).toBeLessThan(200);
    expect(blpopDone).toBe(false);

    await publisher.lpush(list, 'arrived');
    expect(await blpop).toEqual([list, 'arrived']);
    const blpopMs = Date.now() - started;
    expect(blpopMs).toBeLessThan(2000);
    console.log(`pubsub spec: GET beside a waiting BLPOP took ${getMs} ms; BLPOP returned ${blpopMs} ms after it was sent`);

    // With nothing pushed, BLPOP answers null once its own timeout is over, not a read timeout.
    const timedStarted = Date.now();
    expect(await subscriber.call('BLPOP', list, 1.2)).toBeNull();
    expect(Date.now() - timedStarted).toBeGreaterThanOrEqual(1100);
  });
});

describe('a sharded subscriber across failovers of its shard', () => {
  /**
   * SPUBLISHes `channel` every 25 ms while `event` runs; once the event is over (the new master is
   * known), a message published after it must arrive, and then the next 20 all do.
   */
  async function keepsHearing(channel: string, event: () => Promise<void>): Promise<{ gapMs: number }> {
    const inbox = new Inbox();
    await subscriber.ssubscribe(channel, inbox.listener);
    let seq = 0;
    let running = true;
    const publishing = (async () => {
      while (running) {
        await publisher.spublish(channel, String(++seq)).catch(() => undefined);
        await sleep(25);
      }
    })();
    try {
      await inbox.waitFor('1');
      await event();
      const doneAt = Date.now();
      const after = seq + 1;
      const found = await waitFor(() => inbox.heard.some((h) => Number(h.message) >= after), Boolean, 10_000, 10);
      expect(found).toBe(true);
      const gapMs = Date.now() - doneAt;
      const from = seq + 1;
      await waitFor(
        () => seq,
        (s) => s >= from + 20,
        5000,
        10,
      );
      await sleep(100);
      const missing = Array.from({ length: 20 }, (_, i) => String(from + i)).filter((m) => !inbox.has(m));
      expect(missing).toEqual([]);
      const where = await Promise.all(
        publisher
          .nodes('all')
          .map(async (n) => [n.address, n.role, (await n.call('PUBSUB', 'SHARDNUMSUB', channel)) as unknown[]] as const),
      );
      console.log(
        `pubsub spec: ${channel} subscribed on ${where
          .filter(([, , r]) => Number(r[1]) > 0)
          .map(([a, role]) => `${a} (${role})`)
          .join(', ')}`,
      );
      return { gapMs };
    } finally {
      running = false;
      await publishing;
      await subscriber.sunsubscribe(channel);
    }
  }

  /**
   * Fails the shard of `slot` over with `act`, waits until its replica reports itself master, then
   * until the publisher routes there (a write to the slot makes it learn at once: SPUBLISH alone is
   * served by the demoted master too, so it never sees a MOVED).
   */
  async function failOver(slot: number, act: (master: number, replica: number) => Promise<void>): Promise<{ promotedMs: number }> {
    // The publisher's view, once it shows the shard with its replica (a demoted master rejoins as one).
    const replicaOf = (m: ReturnType<typeof masterServing>): ReturnType<typeof masterServing> =>
      publisher.health().nodes.find((n) => n.role === 'replica' && n.masterId === m?.id && n.state === 'up');
    await waitFor(
      () => replicaOf(masterServing(publisher, slot)),
      (r) => r !== undefined,
      10_000,
      50,
    );
    const master = masterServing(publisher, slot);
    const replica = replicaOf(master);
    if (master === undefined || replica === undefined) throw new Error(`no master/replica for slot ${slot}`);
    const started = Date.now();
    await act(portOf(master), portOf(replica));
    const role = await waitFor(
      () => cluster.cli(portOf(replica), 'ROLE'),
      (r) => r.startsWith('master'),
      15_000,
      20,
    );
    expect(role.startsWith('master')).toBe(true);
    const promotedMs = Date.now() - started;
    await publisher.set(`{ticker}:poke`, 1);
    expect((await waitForNewMaster(publisher, slot, master.address))?.address).toBe(replica.address);
    return { promotedMs };
  }

  it('CLUSTER FAILOVER on the replica', async () => {
    const channel = '{ticker}:failover';
    let promotedMs = 0;
    const { gapMs } = await keepsHearing(channel, async () => {
      ({ promotedMs } = await failOver(hashSlot(channel), (_master, replica) =>
        cluster.cli(replica, 'CLUSTER', 'FAILOVER').then(() => undefined),
      ));
    });
    console.log(`pubsub spec: CLUSTER FAILOVER: replica promoted after ${promotedMs} ms; first message heard ${gapMs} ms after that`);
  }, 30_000);

  it('kill -9 of the master', async () => {
    const channel = '{ticker}:kill';
    let promotedMs = 0;
    const { gapMs } = await keepsHearing(channel, async () => {
      ({ promotedMs } = await failOver(hashSlot(channel), async (master) => cluster.kill(master)));
    });
    console.log(`pubsub spec: kill -9: replica promoted after ${promotedMs} ms; first message heard ${gapMs} ms after that`);
  }, 30_000);
});
