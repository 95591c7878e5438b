/**
 * RedisClusterThrottlerStorage on the real cluster: keys spread over many slots, one script per
 * call, atomic under 1,000 concurrent increments, records that expire by themselves, a prefix that
 * cannot break the hash tag.
 */
import { InvalidOptionError, RedisClusterClient } from '../../../lib/client';
import { RedisClusterThrottlerStorage } from '../../../lib/throttler';
import { plainCluster } from '../../helpers/cluster-env';
import { uniquePrefix } from '../../helpers/node-probe';

let client: RedisClusterClient;
let storage: RedisClusterThrottlerStorage;
const prefix = uniquePrefix('throttler-cluster');

beforeAll(async () => {
  client = new RedisClusterClient({ nodes: plainCluster().nodes, clientName: 'throttler-cluster' });
  await client.connect();
  storage = new RedisClusterThrottlerStorage(client, { prefix });
});
afterAll(() => client.close());

async function keysOf(pattern: string): Promise<string[]> {
  const found: string[] = [];
  for await (const key of client.scanIterator({ match: pattern })) found.push(key);
  return found;
}

it('spreads records over many slots, counting each key on its own', async () => {
  const keys = Array.from({ length: 300 }, (_, i) => `k${i}`);
  const first = await Promise.all(keys.map((k) => storage.increment(k, 5000, 10, 5000, 'spread')));
  const second = await Promise.all(keys.map((k) => storage.increment(k, 5000, 10, 5000, 'spread')));
  expect(first.every((r) => r.totalHits === 1 && !r.isBlocked)).toBe(true);
  expect(second.every((r) => r.totalHits === 2 && !r.isBlocked)).toBe(true);
  const records = await keysOf(`${prefix}*:record`);
  expect(records).toHaveLength(300);
  const slots = await Promise.all(records.map((k) => client.call('CLUSTER', 'KEYSLOT', k)));
  expect(new Set(slots).size).toBeGreaterThan(250);
});

it('counts 1,000 concurrent increments of one key exactly', async () => {
  const results = await Promise.all(Array.from({ length: 1000 }, () => storage.increment('hot', 10_000, 5000, 10_000, 'concurrent')));
  const hits = results.map((r) => r.totalHits).sort((a, b) => a - b);
  expect(hits).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  expect(results.some((r) => r.isBlocked)).toBe(false);
});

it('lets exactly `limit` of 1,000 concurrent increments through, then blocks', async () => {
  const results = await Promise.all(Array.from({ length: 1000 }, () => storage.increment('gate', 10_000, 100, 10_000, 'concurrent')));
  expect(results.filter((r) => !r.isBlocked)).toHaveLength(100);
  expect(results.filter((r) => r.isBlocked)).toHaveLength(900);
});

it('sets an expiry on every key it writes, no later than the window, block or last hit', async () => {
  await storage.increment('expiring', 1500, 1, 4000, 'ttl');
  await storage.increment('expiring', 1500, 1, 4000, 'ttl');
  const keys = await keysOf(`${prefix}*`);
  const mine = keys.filter((k) => k.endsWith(':record') || k.endsWith(':hits:ttl'));
  const ttls = await Promise.all(mine.map((k) => client.call('PTTL', k)));
  for (const ttl of ttls) expect(Number(ttl)).toBeGreaterThan(0);
  // The blocked record lives until its block ends (4 s), its hits only as long as the ttl (1.5 s).
  const record = keys.find((k) => k.endsWith(':record') && keys.includes(k.replace(/:record$/, ':hits:ttl')));
  expect(record).toBeDefined();
  expect(Number(await client.call('PTTL', record!))).toBeGreaterThan(3000);
  expect(Number(await client.call('PTTL', record!.replace(/:record$/, ':hits:ttl')))).toBeLessThanOrEqual(1500);
});

it('refuses a prefix with a brace, which could split a call over two slots', () => {
  expect(() => new RedisClusterThrottlerStorage(client, { prefix: 'a{}' })).toThrow(InvalidOptionError);
  expect(() => new RedisClusterThrottlerStorage(client, { prefix: 'a}' })).toThrow(InvalidOptionError);
});
