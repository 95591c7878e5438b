/**
 * Routing against the shared plain cluster: every key lands on the master that owns its slot (as the
 * servers themselves report it), typed methods round-trip, unknown commands still route, cross-slot
 * multi-key commands split or refuse, keyless fan-outs sum over masters. Keys live under a prefix of
 * this file's own; nothing here moves slots or flushes anything.
 */
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { hashSlot } from '../../lib/core/slots/hash-slot';
import { CrossSlotKeysError } from '../../lib/core/errors/cross-slot-error';
import { plainCluster } from '../helpers/cluster-env';
import {
  NodeProbes,
  calls,
  commandStats,
  scanKeys,
  shardMasters,
  slotOwners,
  text,
  uniquePrefix,
  type ShardMaster,
} from '../helpers/node-probe';

const KEY_COUNT = 10_000;
const prefix = uniquePrefix('routing');
const keys = Array.from({ length: KEY_COUNT }, (_, i) => `${prefix}${i}`);
const valueOf = (key: string): string => `v:${key}`;

let client: RedisClusterClient;
let probes: NodeProbes;
let masters: ShardMaster[];
let owners: Int32Array;
/** Every key this file wrote, deleted in afterAll. */
const written = new Set<string>();

beforeAll(async () => {
  const { nodes, ports } = plainCluster();
  probes = await NodeProbes.open(ports);
  masters = await shardMasters(probes.get(ports[0]));
  owners = slotOwners(masters);
  client = new RedisClusterClient({ nodes, clientName: 'routing-spec' });
  await client.connect();
});

afterAll(async () => {
  if (client !== undefined && client.status === 'ready' && written.size > 0) await client.del([...written]);
  await client?.close();
  await probes?.close();
});

function ownerOf(key: string | Buffer): number {
  return owners[hashSlot(key)];
}

describe('10,000 keys over the whole slot space', () => {
  beforeAll(async () => {
    for (const k of keys) written.add(k);
    const replies = await Promise.all(keys.map((k) => client.set(k, valueOf(k))));
    expect(replies.every((r) => r === 'OK')).toBe(true);
  });

  it('covers every master and thousands of distinct slots', () => {
    const slots = new Set(keys.map((k) => hashSlot(k)));
    // 10,000 random-ish keys hit ~7,500 of 16,384 slots; far below that means a broken prefix.
    expect(slots.size).toBeGreaterThan(6500);
    expect(Math.min(...slots)).toBeLessThan(100);
    expect(Math.max(...slots)).toBeGreaterThan(16_283);
    expect(masters).toHaveLength(3);
    expect(owners.includes(-1)).toBe(false);
  });

  it('agrees with the servers on the slot of each sampled key (CLUSTER KEYSLOT)', async () => {
    const sample = keys.filter((_, i) => i % 50 === 0);
    const port = masters[0].port;
    const answers = await Promise.all(sample.map((k) => probes.request(port, 'CLUSTER', 'KEYSLOT', k)));
    expect(answers.map(Number)).toEqual(sample.map((k) => hashSlot(k)));
  });

  it('put each key on the master that owns its slot, and nowhere else (SCAN per master)', async () => {
    for (const master of masters) {
      const found = (await scanKeys(probes.get(master.port), `${prefix}*`)).sort();
      const expected = keys.filter((k) => ownerOf(k) === master.port).sort();
      expect(found.length).toBe(expected.length);
      expect(found).toEqual(expected);
    }
  });

  it('matches CLUSTER GETKEYSINSLOT / COUNTKEYSINSLOT on the owner for sampled slots', async () => {
    const bySlot = new Map<number, string[]>();
    for (const k of keys) {
      const slot = hashSlot(k);
      const list = bySlot.get(slot) ?? [];
      list.push(k);
      bySlot.set(slot, list);
    }
    const sampled = [...bySlot.keys()].sort((a, b) => a - b).filter((_, i) => i % 100 === 0);
    for (const slot of sampled) {
      const owner = owners[slot];
      const inSlot = (await probes.request(owner, 'CLUSTER', 'GETKEYSINSLOT', slot, 100_000)) as string[];
      const count = Number(await probes.request(owner, 'CLUSTER', 'COUNTKEYSINSLOT', slot));
      const ours = inSlot
        .map(text)
        .filter((k) => k.startsWith(prefix))
        .sort();
      expect(ours).toEqual([...(bySlot.get(slot) ?? [])].sort());
      // Other specs share the cluster: the slot may hold their keys too, never fewer than ours.
      expect(count).toBeGreaterThanOrEqual(ours.length);
    }
  });

  it('reads every key back', async () => {
    const values = await Promise.all(keys.map((k) => client.get(k)));
    const wrong = keys.filter((k, i) => values[i] !== valueOf(k));
    expect(wrong).toEqual([]);
  });
});

describe('hash tags', () => {
  it('keep keys with the same tag in one slot on one master', async () => {
    const tagged = Array.from({ length: 20 }, (_, i) => `${prefix}{user-42}:field${i}`);
    for (const k of tagged) written.add(k);
    const slot = hashSlot(tagged[0]);
    expect(new Set(tagged.map((k) => hashSlot(k)))).toEqual(new Set([slot]));
    // One slot: MSET goes out whole, and MSETNX (which cannot be split) is accepted.
    await client.mset(tagged.flatMap((k) => [k, valueOf(k)]));
    const fresh = tagged.map((k) => `${k}:nx`);
    for (const k of fresh) written.add(k);
    expect(await client.call('MSETNX', ...fresh.flatMap((k) => [k, '1']))).toBe(1);

    const owner = owners[slot];
    const onOwner = await scanKeys(probes.get(owner), `${prefix}{user-42}*`);
    expect(onOwner.sort()).toEqual([...tagged, ...fresh].sort());
    for (const m of masters.filter((x) => x.port !== owner)) {
      expect(await scanKeys(probes.get(m.port), `${prefix}{user-42}*`)).toEqual([]);
    }
    expect(Number(await probes.request(owner, 'CLUSTER', 'KEYSLOT', tagged[3]))).toBe(slot);
  });
});

describe('typed methods round-trip', () => {
  const k = (name: string): string => {
    const key = `${prefix}typed:${name}`;
    written.add(key);
    return key;
  };

  it('strings, with Buffer values read back byte for byte', async () => {
    const binary = Buffer.from([0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x80, 0x41, 0x00]);
    expect(await client.set(k('bin'), binary)).toBe('OK');
    const back = await client.getBuffer(k('bin'));
    expect(Buffer.isBuffer(back)).toBe(true);
    expect(back?.equals(binary)).toBe(true);
    // A Buffer key routes by its bytes, like the string with the same bytes.
    const bufferKey = Buffer.from(k('bufkey'));
    await client.set(bufferKey, 'by-buffer-key');
    expect(await client.get(bufferKey.toString())).toBe('by-buffer-key');
    expect(await client.set(k('s'), 'héllo ✓', { EX: 60 })).toBe('OK');
    expect(await client.get(k('s'))).toBe('héllo ✓');
    expect(await client.set(k('s'), 'other', { NX: true })).toBeNull();
    expect(await client.incrby(k('n'), 41)).toBe(41);
    expect(await client.incr(k('n'))).toBe(42);
    expect(await client.incrbyfloat(k('n'), 0.5)).toBe(42.5);
    expect(await client.get(k('missing'))).toBeNull();
    const ttl = await client.ttl(k('s'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it('hashes', async () => {
    expect(await client.hset(k('h'), { a: '1', b: 'two', c: Buffer.from([0xc3, 0xa9]) })).toBe(3);
    expect(await client.hget(k('h'), 'b')).toBe('two');
    expect((await client.hgetBuffer(k('h'), 'c'))?.equals(Buffer.from([0xc3, 0xa9]))).toBe(true);
    expect(await client.hgetall(k('h'))).toEqual({ a: '1', b: 'two', c: 'é' });
    expect(await client.hincrby(k('h'), 'a', 9)).toBe(10);
    expect(await client.hexists(k('h'), 'zz')).toBe(false);
    expect(await client.hgetall(k('no-hash'))).toEqual({});
  });

  it('lists', async () => {
    expect(await client.rpush(k('l'), 'a', 'b', 'c')).toBe(3);
    expect(await client.lpush(k('l'), 'z')).toBe(4);
    expect(await client.lrange(k('l'), 0, -1)).toEqual(['z', 'a', 'b', 'c']);
    expect(await client.lpop(k('l'))).toBe('z');
    expect(await client.rpop(k('l'), 2)).toEqual(['c', 'b']);
    expect(await client.llen(k('l'))).toBe(1);
  });

  it('sets', async () => {
    expect(await client.sadd(k('set'), ['x', 'y', 'y', 'z'])).toBe(3);
    expect((await client.smembers(k('set'))).sort()).toEqual(['x', 'y', 'z']);
    expect(await client.sismember(k('set'), 'y')).toBe(true);
    expect(await client.sismember(k('set'), 'q')).toBe(false);
    expect(await client.scard(k('set'))).toBe(3);
  });

  it('sorted sets', async () => {
    expect(await client.zadd(k('z'), { alice: 10, bob: 7, carol: 12.5 })).toBe(3);
    expect(await client.zrange(k('z'), 0, -1)).toEqual(['bob', 'alice', 'carol']);
    expect(await client.zrangeWithScores(k('z'), 0, 0)).toEqual([{ member: 'bob', score: 7 }]);
    expect(await client.zscore(k('z'), 'carol')).toBe(12.5);
    expect(await client.zscore(k('z'), 'nobody')).toBeNull();
    expect(await client.zincrby(k('z'), 5, 'bob')).toBe(12);
    expect(await client.zrange(k('z'), '-inf', 11, { BY: 'SCORE' })).toEqual(['alice']);
    expect(await client.zrank(k('z'), 'carol')).toBe(2);
  });
});

describe('commands the built-in table lacks', () => {
  it('call() learns PFDEBUG from COMMAND INFO and routes it by key, with no redirect', async () => {
    const hll = Array.from({ length: 12 }, (_, i) => `${prefix}hll:${i}`);
    for (const key of hll) written.add(key);
    await Promise.all(hll.map((key) => client.call('PFADD', key, 'a', 'b', 'c')));
    const before = await Promise.all(masters.map((m) => commandStats(probes.get(m.port))));
    const encodings = await Promise.all(hll.map((key) => client.call('PFDEBUG', 'ENCODING', key)));
    const after = await Promise.all(masters.map((m) => commandStats(probes.get(m.port))));

    expect(encodings).toEqual(hll.map(() => 'sparse'));
    masters.forEach((m, i) => {
      const expected = hll.filter((key) => ownerOf(key) === m.port).length;
      // Each master ran exactly the calls for its own keys, and turned none away with MOVED.
      expect(calls(after[i], 'pfdebug') - calls(before[i], 'pfdebug')).toBe(expected);
      expect((after[i].pfdebug?.rejected ?? 0) - (before[i].pfdebug?.rejected ?? 0)).toBe(0);
    });
  });

  it('a subcommand routes by its key too (OBJECT FREQ / OBJECT ENCODING run on the owner only)', async () => {
    const key = `${prefix}typed:s`;
    const before = await Promise.all(masters.map((m) => commandStats(probes.get(m.port))));
    // OBJECT FREQ needs an LFU policy: the error is the owner's own answer, not a redirect.
    await expect(client.call('OBJECT', 'FREQ', key)).rejects.toThrow(/LFU/);
    expect(await client.call('OBJECT', 'ENCODING', key)).toMatch(/embstr|raw/);
    const after = await Promise.all(masters.map((m) => commandStats(probes.get(m.port))));
    masters.forEach((m, i) => {
      const mine = m.port === ownerOf(key) ? 1 : 0;
      for (const stat of ['object|freq', 'object|encoding']) {
        expect(calls(after[i], stat) - calls(before[i], stat)).toBe(mine);
        expect((after[i][stat]?.rejected ?? 0) - (before[i][stat]?.rejected ?? 0)).toBe(0);
      }
    });
  });
});

describe('multi-key commands across slots', () => {
  const spread = Array.from({ length: 40 }, (_, i) => `${prefix}multi:${i}`);

  beforeAll(() => {
    for (const key of spread) written.add(key);
    expect(new Set(spread.map((key) => ownerOf(key))).size).toBe(3);
  });

  it('MSET splits per slot; MGET answers in the caller order, nulls for missing keys', async () => {
    expect(await client.mset(Object.fromEntries(spread.map((key) => [key, valueOf(key)])))).toBe('OK');
    const ask = [spread[5], `${prefix}multi:absent`, spread[0], spread[39], spread[5]];
    expect(await client.mget(ask)).toEqual([valueOf(spread[5]), null, valueOf(spread[0]), valueOf(spread[39]), valueOf(spread[5])]);
    const buffers = await client.mgetBuffer(spread[1], spread[2]);
    expect(buffers.map((b) => b?.toString())).toEqual([valueOf(spread[1]), valueOf(spread[2])]);
    for (const m of masters) {
      const onNode = await scanKeys(probes.get(m.port), `${prefix}multi:*`);
      expect(onNode.sort()).toEqual(spread.filter((key) => ownerOf(key) === m.port).sort());
    }
  });

  it('EXISTS sums over slots (a key given twice counts twice); DEL sums the removed', async () => {
    expect(await client.exists(spread[0], spread[1], spread[0], `${prefix}multi:absent`)).toBe(3);
    expect(await client.del(spread.slice(0, 10), `${prefix}multi:absent`)).toBe(10);
    expect(await client.exists(spread)).toBe(30);
  });

  it.each([
    ['MSETNX', (a: string, b: string) => ['MSETNX', a, '1', b, '2']],
    ['SUNIONSTORE', (a: string, b: string) => ['SUNIONSTORE', a, b]],
  ])('%s across slots is refused with CrossSlotKeysError before anything is sent', async (name, argv) => {
    const a = `${prefix}xs:a`;
    const b = `${prefix}xs:b`;
    expect(hashSlot(a)).not.toBe(hashSlot(b));
    const before = await Promise.all(masters.map((m) => commandStats(probes.get(m.port))));
    const [command, ...args] = argv(a, b);
    const error = await client.call(command, ...args).then(
      () => undefined,
      (e: unknown) => e,
    );
    const after = await Promise.all(masters.map((m) => commandStats(probes.get(m.port))));

    expect(error).toBeInstanceOf(CrossSlotKeysError);
    expect((error as CrossSlotKeysError).code).toBe('ERR_CROSS_SLOT');
    expect((error as CrossSlotKeysError).slots.sort()).toEqual([hashSlot(a), hashSlot(b)].sort());
    const stat = name.toLowerCase();
    masters.forEach((_, i) => {
      expect(calls(after[i], stat)).toBe(calls(before[i], stat));
      expect(after[i][stat]?.rejected ?? 0).toBe(before[i][stat]?.rejected ?? 0);
    });
    expect(await client.exists(a, b)).toBe(0);
  });
});

describe('keyless fan-out', () => {
  it('DBSIZE is the sum over the masters', async () => {
    // Other specs write to the same cluster meanwhile: compare with the masters' own sum taken in
    // the same tick, and accept the first round where nobody wrote in between.
    let last: [number, number] = [-1, -2];
    for (let round = 0; round < 20 && last[0] !== last[1]; round++) {
      const [viaClient, ...each] = await Promise.all([client.call('DBSIZE'), ...masters.map((m) => probes.request(m.port, 'DBSIZE'))]);
      last = [Number(viaClient), each.reduce<number>((sum, n) => sum + Number(n), 0)];
    }
    expect(last[0]).toBe(last[1]);
    expect(last[0]).toBeGreaterThanOrEqual(KEY_COUNT);
  });

  it('DBSIZE reaches every master once and no replica', async () => {
    const { ports } = plainCluster();
    const before = await Promise.all(ports.map((p) => commandStats(probes.get(p))));
    await client.call('DBSIZE');
    const after = await Promise.all(ports.map((p) => commandStats(probes.get(p))));
    const masterPorts = new Set(masters.map((m) => m.port));
    ports.forEach((port, i) => {
      // No other spec sends DBSIZE to the shared cluster, so the counts are exactly ours.
      const delta = calls(after[i], 'dbsize') - calls(before[i], 'dbsize');
      expect(delta).toBe(masterPorts.has(port) ? 1 : 0);
    });
  });
});
