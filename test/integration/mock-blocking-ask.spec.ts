/**
 * A blocking call redirected by ASK, against scripted mock nodes: ASKING and the call go on a
 * connection of their own (the shared socket keeps serving other commands while it blocks), and the
 * call keeps its own read deadline (its timeout on top of readTimeout), not the shared one.
 */
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { hashSlot } from '../../lib/core/slots/hash-slot';
import { MockCluster } from '../helpers/mock-cluster';
import { arr, err, STALL } from '../helpers/mock-node';
import { pollUntil, sleep } from '../helpers/node-probe';

let mock: MockCluster | undefined;
let client: RedisClusterClient | undefined;

async function start(readTimeout = 3000): Promise<{ m: MockCluster; c: RedisClusterClient }> {
  const m = await MockCluster.start({ masters: 3 });
  const c = new RedisClusterClient({
    nodes: [m.seeds[0]],
    topologyRefreshInterval: 0,
    heartbeatInterval: 60_000,
    minRetryBackoff: 1,
    maxRetryBackoff: 10,
    readTimeout,
  });
  mock = m;
  client = c;
  await c.connect();
  return { m, c };
}

afterEach(async () => {
  await client?.close();
  await mock?.stop();
  client = undefined;
  mock = undefined;
});

describe('BLPOP redirected by ASK', () => {
  it('sends ASKING + BLPOP on a connection of its own, so GETs to that node are served while it blocks', async () => {
    const { m, c } = await start();
    const [a, b] = m.nodes;
    const list = m.keyOn(a, 'list');
    const other = m.keyOn(b, 'other');
    m.store(b).set(other, 'free');
    m.script = (node, cmd) => {
      if (cmd[0] !== 'BLPOP') return undefined;
      // A says the list is being imported by B; B holds the BLPOP as a real node would until data arrives.
      return node === a ? err(`ASK ${hashSlot(list)} ${b.address}`) : STALL;
    };
    const blocked = c.call('BLPOP', list, 0);
    await pollUntil(
      () => m.commands('BLPOP', list, b).length,
      (n) => n === 1,
      2000,
    );
    expect(m.commands('BLPOP', list, b)).toHaveLength(1);

    expect(await c.get(other)).toBe('free');
    const [blpop] = m.commands('BLPOP', list, b);
    const [get] = m.commands('GET', other, b);
    expect(get.conn).not.toBe(blpop.conn);
    // ASKING came right before the BLPOP on the blocking call's own connection.
    const onConn = m.log.filter((l) => l.node === b && l.conn === blpop.conn);
    expect(onConn.map((l) => l.cmd[0]).slice(-2)).toEqual(['ASKING', 'BLPOP']);
    await c.close();
    await expect(blocked).rejects.toThrow();
  });

  it('keeps its own deadline after ASKING is answered: a reply later than readTimeout but within its timeout arrives', async () => {
    const { m, c } = await start(150);
    const [a, b] = m.nodes;
    const list = m.keyOn(a, 'list');
    m.script = (node, cmd) => {
      if (cmd[0] !== 'BLPOP') return undefined;
      if (node === a) return err(`ASK ${hashSlot(list)} ${b.address}`);
      // Data arrives 600 ms into a 2 s BLPOP: well past readTimeout (150 ms), well within the call's own.
      return sleep(600).then(() => arr([list, 'pushed']));
    };
    const started = Date.now();
    expect(await c.call('BLPOP', list, 2)).toEqual([list, 'pushed']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    expect(m.commands('BLPOP', list, b)).toHaveLength(1);
  });
});
