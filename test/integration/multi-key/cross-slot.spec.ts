/**
 * Multi-key commands over many slots, against the shared plain cluster: MGET / MSET / DEL / UNLINK
 * / EXISTS / TOUCH are split per slot and put back together in the caller's order (duplicates and
 * all); the commands that cannot be split safely (MSETNX, SUNIONSTORE, RENAME, EVAL, a transaction)
 * are refused with CrossSlotKeysError naming the slots, before the client writes a byte.
 * Keys live under a prefix of this file's own and are deleted afterwards.
 */
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { hashSlot } from '../../../lib/core/slots/hash-slot';
import { CrossSlotKeysError } from '../../../lib/core/errors/cross-slot-error';
import { plainCluster } from '../../helpers/cluster-env';
import { uniquePrefix } from '../../helpers/node-probe';
import { keyWhere, rejection, sorted, twoSlotKeys } from './multi-key-helpers';

const prefix = uniquePrefix('xslot');
let client: RedisClusterClient;
/** Every key this file may have written, deleted in afterAll. */
const written = new Set<string>();

function keys(tag: string, count: number): string[] {
  const out = Array.from({ length: count }, (_, i) => `${prefix}${tag}:${i}`);
  for (const k of out) written.add(k);
  return out;
}

beforeAll(async () => {
  // No periodic topology refresh: the pool counters then move only for commands the spec sends.
  client = new RedisClusterClient({ nodes: plainCluster().nodes, clientName: 'cross-slot-spec', topologyRefreshInterval: 0 });
  await client.connect();
});

afterAll(async () => {
  if (client?.status === 'ready' && written.size > 0) await client.del([...written]);
  await client?.close();
});

describe('MGET of 1,000 keys over ~1,000 slots', () => {
  const all = keys('mget', 1000);
  const present = all.filter((_, i) => i % 3 !== 0);
  const valueOf = (key: string): string => `v:${key}`;
  /** The caller's order: reversed, each key whose index is a multiple of 7 asked twice, one missing key thrice. */
  const asked = [...all].reverse().flatMap((k, i) => (i % 7 === 0 ? [k, k] : [k]));
  asked.splice(500, 0, all[0], all[0]);
  const expected = asked.map((k) => (present.includes(k) ? valueOf(k) : null));

  beforeAll(async () => {
    const replies = await Promise.all(present.map((k) => client.set(k, valueOf(k))));
    expect(replies.every((r) => r === 'OK')).toBe(true);
  });

  it('spans about a thousand slots', () => {
    expect(new Set(all.map((k) => hashSlot(k))).size).toBeGreaterThan(950);
    expect(asked.length).toBeGreaterThan(all.length + 100);
  });

  it('mget() answers in the caller order: missing keys null, duplicates kept', async () => {
    const values = await client.mget(asked);
    expect(values).toHaveLength(asked.length);
    expect(values).toEqual(expected);
  });

  it("call('MGET', ...) takes the same split-and-merge path", async () => {
    expect(await client.call('MGET', ...asked)).toEqual(expected);
  });

  it('mget() of one key, and of keys that all miss, are plain arrays', async () => {
    expect(await client.mget(present[0])).toEqual([valueOf(present[0])]);
    expect(await client.mget([all[0], all[3], all[6]])).toEqual([null, null, null]);
  });
});

describe('MSET then MGET round-trips', () => {
  it('object form', async () => {
    const ks = keys('mset-obj', 400);
    const entries = Object.fromEntries(ks.map((k, i) => [k, `obj-${i}`]));
    expect(await client.mset(entries)).toBe('OK');
    expect(await client.mget(ks)).toEqual(ks.map((_, i) => `obj-${i}`));
  });

  it('flat [key, value, ...] form, a key set twice keeping its last value', async () => {
    const ks = keys('mset-flat', 400);
    const flat = ks.flatMap((k, i) => [k, `flat-${i}`]);
    flat.push(ks[10], 'last-wins');
    expect(await client.mset(flat)).toBe('OK');
    const expected = ks.map((_, i) => (i === 10 ? 'last-wins' : `flat-${i}`));
    expect(await client.mget(ks)).toEqual(expected);
  });

  it('Map form', async () => {
    const ks = keys('mset-map', 100);
    expect(await client.mset(new Map(ks.map((k, i) => [k, i])))).toBe('OK');
    expect(await client.mget(ks)).toEqual(ks.map((_, i) => String(i)));
  });

  it('Buffer values come back byte for byte through mgetBuffer', async () => {
    const ks = keys('mset-buf', 256);
    // Every byte value, CR LF and invalid UTF-8 included; one value empty.
    const values = ks.map((_, i) => (i === 0 ? Buffer.alloc(0) : Buffer.from([i, 0x00, 0xff, 0x0d, 0x0a, 255 - i, 0x80])));
    expect(await client.mset(ks.flatMap((k, i) => [k, values[i]]))).toBe('OK');
    const missing = `${prefix}mset-buf:missing`;
    const back = await client.mgetBuffer([...ks, missing]);
    expect(back).toHaveLength(ks.length + 1);
    expect(back[ks.length]).toBeNull();
    const wrong = ks.filter((_, i) => !(Buffer.isBuffer(back[i]) && (back[i] as Buffer).equals(values[i])));
    expect(wrong).toEqual([]);
  });
});

describe('DEL / UNLINK / EXISTS / TOUCH over many slots', () => {
  const ks = keys('count', 300);
  const existing = ks.filter((_, i) => i % 4 !== 0);
  const absent = ks.filter((_, i) => i % 4 === 0);

  beforeEach(async () => {
    await client.mset(existing.flatMap((k) => [k, 'x']));
  });

  it('EXISTS and TOUCH count each existing key once per time it is named', async () => {
    // Every existing key twice, every absent key once: Redis's own EXISTS a a counts 2.
    const asked = [...existing, ...absent, ...existing];
    expect(await client.exists(asked)).toBe(existing.length * 2);
    expect(await client.touch(asked)).toBe(existing.length * 2);
    expect(await client.exists(absent)).toBe(0);
  });

  it('DEL counts each removed key once, even when named twice', async () => {
    expect(await client.del([...existing, ...absent, existing[0], existing[1]])).toBe(existing.length);
    expect(await client.exists(ks)).toBe(0);
  });

  it('UNLINK counts like DEL', async () => {
    expect(await client.unlink(...existing.slice(0, 50), ...absent.slice(0, 50))).toBe(50);
    expect(await client.exists(existing)).toBe(existing.length - 50);
    expect(await client.unlink(ks)).toBe(existing.length - 50);
  });
});

describe('commands that cannot be split are refused before anything is sent', () => {
  /** Pool counters move for every command written (hits) or socket dialled (misses). */
  const traffic = (): number => {
    const s = client.poolStats();
    return s.hits + s.misses;
  };

  async function refused(attempt: () => Promise<unknown>, command: string, slots: number[]): Promise<void> {
    const before = traffic();
    const error = await rejection(attempt());
    expect(error).toBeInstanceOf(CrossSlotKeysError);
    const cross = error as CrossSlotKeysError;
    expect(cross.code).toBe('ERR_CROSS_SLOT');
    expect(cross.command).toBe(command);
    expect(sorted(cross.slots)).toEqual(sorted(slots));
    for (const slot of slots) expect(cross.message).toContain(String(slot));
    expect(traffic()).toBe(before);
  }

  it('MSETNX', async () => {
    const {
      keys: [a, b],
      slots,
    } = twoSlotKeys(`${prefix}msetnx:`);
    written.add(a).add(b);
    await refused(() => client.call('MSETNX', a, '1', b, '2'), 'MSETNX', slots);
    expect(await client.exists(a, b)).toBe(0);
  });

  it('SUNIONSTORE over three slots names all three', async () => {
    const dst = `${prefix}sunion:dst`;
    const s1 = keyWhere(`${prefix}sunion:s1:`, (slot) => slot !== hashSlot(dst));
    const s2 = keyWhere(`${prefix}sunion:s2:`, (slot) => slot !== hashSlot(dst) && slot !== hashSlot(s1));
    written.add(dst).add(s1).add(s2);
    await client.sadd(s1, 'a');
    await client.sadd(s2, 'b');
    await refused(
      () => client.call('SUNIONSTORE', dst, s1, s2),
      'SUNIONSTORE',
      [dst, s1, s2].map((k) => hashSlot(k)),
    );
    expect(await client.exists(dst)).toBe(0);
  });

  it('RENAME to a key of another slot', async () => {
    const {
      keys: [from, to],
      slots,
    } = twoSlotKeys(`${prefix}rename:`);
    written.add(from).add(to);
    await client.set(from, 'stays');
    await refused(() => client.rename(from, to), 'RENAME', slots);
    expect(await client.mget(from, to)).toEqual(['stays', null]);
  });

  it('EVAL with keys in two slots', async () => {
    const {
      keys: [a, b],
      slots,
    } = twoSlotKeys(`${prefix}eval:`);
    written.add(a).add(b);
    const lua = "redis.call('SET', KEYS[1], 'x'); redis.call('SET', KEYS[2], 'y'); return 1";
    await refused(() => client.eval(lua, [a, b]), 'EVAL', slots);
    expect(await client.exists(a, b)).toBe(0);
  });

  it('multi() over two slots', async () => {
    const {
      keys: [a, b],
      slots,
    } = twoSlotKeys(`${prefix}multi:`);
    written.add(a).add(b);
    await refused(() => client.multi().set(a, '1').incr(b).exec(), 'MULTI', slots);
    expect(await client.exists(a, b)).toBe(0);
  });

  it('the same keys under one {hash tag} are accepted (and the pool counters do see them sent)', async () => {
    const a = `${prefix}{tag}:a`;
    const b = `${prefix}{tag}:b`;
    written.add(a).add(b);
    const before = traffic();
    expect(await client.call('MSETNX', a, '1', b, '2')).toBe(1);
    expect(traffic()).toBeGreaterThan(before);
    expect(await client.rename(a, `${prefix}{tag}:c`)).toBe('OK');
    written.add(`${prefix}{tag}:c`);
    expect(await client.mget(`${prefix}{tag}:c`, b)).toEqual(['1', '2']);
  });
});
