import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { hashSlot } from '../../lib/core/slots/hash-slot';
import { MockCluster } from '../helpers/mock-cluster';
import { err } from '../helpers/mock-node';

/**
 * The cluster announces addresses this process cannot dial (NAT, tunnels). Here it announces
 * 127.0.0.2 on ports nothing listens on: an unmapped dial is refused at once, and never leaves the
 * machine.
 */
describe('addressMap', () => {
  let m: MockCluster;
  let client: RedisClusterClient | undefined;
  const announced = (port: number) => ({ host: '127.0.0.2', port: port + 1000 });

  beforeEach(async () => {
    m = await MockCluster.start({ masters: 2 });
    m.ranges = m.ranges.map((r) => ({ ...r, master: announced(r.master.port) }));
  });
  afterEach(async () => {
    await client?.close();
    client = undefined;
    await m.stop();
  });

  /** A key in the range the slot map gives to node `index`. */
  const keyOn = (index: number): string => {
    const { start, end } = m.ranges[index];
    for (let i = 0; ; i++) {
      const slot = hashSlot(`k${i}`);
      if (start <= slot && slot <= end) return `k${i}`;
    }
  };

  it.each(['object', 'function'])('as an %s, translates every announced node, seeds and discovered ones', async (form) => {
    const table = Object.fromEntries(m.nodes.map((n) => [`127.0.0.2:${n.port + 1000}`, `127.0.0.1:${n.port}`]));
    const addressMap =
      form === 'object'
        ? table
        : ({ host, port }: { host: string; port: number }) =>
            host === '127.0.0.2' ? { host: '127.0.0.1', port: port - 1000 } : { host, port };
    client = new RedisClusterClient({ nodes: [m.seeds[0]], addressMap });
    await client.connect();
    expect(
      client
        .health()
        .nodes.map((n) => n.address)
        .sort(),
    ).toEqual(m.nodes.map((n) => n.address).sort());
    for (const index of [0, 1]) {
      const key = keyOn(index);
      await client.set(key, `v${index}`);
      expect(await client.get(key)).toBe(`v${index}`);
      expect(m.commands('SET', key)[0].node).toBe(m.nodes[index]);
    }
  });

  it('follows a MOVED to an announced address through the map', async () => {
    client = new RedisClusterClient({
      nodes: [m.seeds[0]],
      addressMap: Object.fromEntries(m.nodes.map((n) => [`127.0.0.2:${n.port + 1000}`, `127.0.0.1:${n.port}`])),
    });
    await client.connect();
    const key = keyOn(0);
    const [a, b] = m.nodes;
    let redirected = false;
    m.script = (node, cmd) => {
      if (node !== a || cmd[0] !== 'GET' || redirected) return undefined;
      redirected = true;
      return err(`MOVED ${hashSlot(key)} 127.0.0.2:${b.port + 1000}`);
    };
    await client.get(key);
    expect(m.commands('GET', key).map((c) => c.node)).toEqual([a, b]);
  });
});
