/**
 * RedisClusterThrottlerStorage against @nestjs/throttler's own in-memory ThrottlerStorageService: the
 * same call sequences, each call made on both back to back, must give the same four numbers (hits,
 * window expiry, block and block expiry, with and without blockDuration, two throttler names on one
 * key). Waits target offsets from a sequence's start that sit mid-second, so the two clocks (the
 * app's Date.now, the server's TIME) never round to different seconds.
 */
import type { ThrottlerStorageService as MemoryStorage } from '@nestjs/throttler';
import { RedisClusterClient } from '../../../lib/client';
import { RedisClusterThrottlerStorage, type ThrottlerStorageRecord } from '../../../lib/throttler';
import { plainCluster } from '../../helpers/cluster-env';
import { uniquePrefix } from '../../helpers/node-probe';

let client: RedisClusterClient;
let memory: MemoryStorage;
let redis: RedisClusterThrottlerStorage;
const prefix = uniquePrefix('throttler-vs-memory');

/**
 * @nestjs/throttler (CommonJS) requires @nestjs/common 12, which is ESM-only: Jest's module loader
 * refuses that require (and wraps `require('node:module')`), Node's own (require(esm), Node >= 20.19)
 * does not. So the reference storage is loaded by Node, outside Jest's registry; it needs no Nest
 * container, only its own class.
 */
const nodeRequire = process.getBuiltinModule('node:module').createRequire(__filename);
const { ThrottlerStorageService } = nodeRequire('@nestjs/throttler') as typeof import('@nestjs/throttler');

beforeAll(async () => {
  client = new RedisClusterClient({ nodes: plainCluster().nodes, clientName: 'throttler-vs-memory' });
  await client.connect();
  redis = new RedisClusterThrottlerStorage(client, { prefix });
});
beforeEach(() => {
  memory = new ThrottlerStorageService();
});
afterEach(() => memory.onApplicationShutdown());
afterAll(() => client.close());

interface Call {
  key: string;
  ttl: number;
  limit: number;
  blockDuration: number;
  name?: string;
}

/** A never-blocked record reports its block expiry against epoch 0: seconds since 1970, negated. */
const EPOCH_RELATIVE = -1e9;

async function both(call: Call): Promise<{ ours: ThrottlerStorageRecord; theirs: ThrottlerStorageRecord }> {
  const args = [call.key, call.ttl, call.limit, call.blockDuration, call.name ?? 'default'] as const;
  const theirs = await memory.increment(...args);
  const ours = await redis.increment(...args);
  return { ours, theirs };
}

/**
 * Same record (times to within the second each rounds to). One freedom: a record that is no longer blocked reports
 * its block expiry against its last block, or against epoch 0 once the record was dropped. Redis drops
 * it the moment the in-memory sweep (every 60 s) would be allowed to, so the in-memory record may
 * still hold an old block: that number, which the guard reads only when blocked, may then differ.
 */
function expectSame(ours: ThrottlerStorageRecord, theirs: ThrottlerStorageRecord): void {
  expect({ totalHits: ours.totalHits, isBlocked: ours.isBlocked }).toEqual({ totalHits: theirs.totalHits, isBlocked: theirs.isBlocked });
  // Both report whole seconds, rounded up from the moment each was asked: the two calls are a few ms
  // apart, so on a loaded machine a second boundary may fall between them.
  expectSeconds(ours.timeToExpire, theirs.timeToExpire);
  if (ours.timeToBlockExpire < EPOCH_RELATIVE) {
    expect(ours.isBlocked).toBe(false);
    expect(theirs.timeToBlockExpire).toBeLessThanOrEqual(0);
    if (theirs.timeToBlockExpire < EPOCH_RELATIVE) expectSeconds(ours.timeToBlockExpire, theirs.timeToBlockExpire);
  } else {
    expectSeconds(ours.timeToBlockExpire, theirs.timeToBlockExpire);
  }
}

function expectSeconds(ours: number, theirs: number): void {
  if (Math.abs(ours - theirs) > 1) expect(ours + 0).toBe(theirs + 0);
}

/** Runs `call` `times` times on both storages, asserting each pair equal; returns ours. */
async function run(call: Call, times = 1): Promise<ThrottlerStorageRecord[]> {
  const out: ThrottlerStorageRecord[] = [];
  for (let i = 0; i < times; i++) {
    const { ours, theirs } = await both(call);
    expectSame(ours, theirs);
    out.push(ours);
  }
  return out;
}

/** Resolves at `offsetMs` after `start`; fails the test if that moment has already passed by more than the margin we rely on. */
async function at(start: number, offsetMs: number): Promise<void> {
  const wait = start + offsetMs - Date.now();
  expect(wait).toBeGreaterThan(-150);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

const summary = (r: ThrottlerStorageRecord) => [r.totalHits, r.isBlocked];

it('counts hits, blocks past the limit for blockDuration, and does not count while blocked', async () => {
  const call = { key: `${prefix}a`, ttl: 2500, limit: 3, blockDuration: 2500 };
  const out = await run(call, 6);
  expect(out.map(summary)).toEqual([
    [1, false],
    [2, false],
    [3, false],
    [4, true],
    [4, true],
    [4, true],
  ]);
  expect(out[3]).toMatchObject({ timeToExpire: 3, timeToBlockExpire: 3 });
});

it('lets hits age out while blocked, then resets the count when the block ends', async () => {
  const call = { key: `${prefix}b`, ttl: 1200, limit: 2, blockDuration: 3300 };
  const start = Date.now();
  const first = await run(call, 3);
  expect(first.map(summary)).toEqual([
    [1, false],
    [2, false],
    [3, true],
  ]);
  await at(start, 1350);
  const [aged] = await run(call);
  // The window reopened (2 s) and the hits expired, yet the block still holds.
  expect(aged).toMatchObject({ totalHits: 0, isBlocked: true, timeToExpire: 2, timeToBlockExpire: 2 });
  await at(start, 3450);
  const [after] = await run(call);
  expect(summary(after)).toEqual([1, false]);
  expect(await run(call, 2)).toEqual([
    expect.objectContaining({ totalHits: 2, isBlocked: false }),
    expect.objectContaining({ totalHits: 3, isBlocked: true }),
  ]);
});

it('reopens the window at expiry and forgets the old hits', async () => {
  const call = { key: `${prefix}c`, ttl: 1200, limit: 10, blockDuration: 1200 };
  const start = Date.now();
  expect((await run(call, 2)).map(summary)).toEqual([
    [1, false],
    [2, false],
  ]);
  await at(start, 1350);
  const [next] = await run(call);
  expect(next).toMatchObject({ totalHits: 1, isBlocked: false, timeToExpire: 2 });
});

it('with blockDuration 0 refuses over the limit without counting or blocking later requests', async () => {
  const call = { key: `${prefix}d`, ttl: 1200, limit: 2, blockDuration: 0 };
  const start = Date.now();
  const out = await run(call, 4);
  expect(out.map(summary)).toEqual([
    [1, false],
    [2, false],
    [3, true],
    [3, true],
  ]);
  expect(out[2].timeToBlockExpire).toBe(2);
  await at(start, 1350);
  expect((await run(call)).map(summary)).toEqual([[1, false]]);
});

it('with limit 0 and no block refuses at once, the block expiry being the window', async () => {
  const out = await run({ key: `${prefix}e`, ttl: 2500, limit: 0, blockDuration: 0 }, 2);
  expect(out.map(summary)).toEqual([
    [1, true],
    [1, true],
  ]);
  expect(out[0].timeToBlockExpire).toBe(3);
});

it('shares one record between throttler names on the same key, as the in-memory storage does', async () => {
  const key = `${prefix}f`;
  await run({ key, ttl: 2500, limit: 1, blockDuration: 2500, name: 'short' }, 2);
  const [other] = await run({ key, ttl: 2500, limit: 5, blockDuration: 2500, name: 'long' });
  expect(summary(other)).toEqual([0, true]);
});

it('keys the record by the guard key even when it holds braces (one slot per call, no CROSSSLOT)', async () => {
  const out = await run({ key: `${prefix}}{x}{`, ttl: 2500, limit: 1, blockDuration: 2500, name: '}{' }, 2);
  expect(out.map(summary)).toEqual([
    [1, false],
    [2, true],
  ]);
});

it('ends a block shorter than the window by clearing the hits that still count', async () => {
  const call = { key: `${prefix}g`, ttl: 2500, limit: 1, blockDuration: 1200 };
  const start = Date.now();
  expect((await run(call, 3)).map(summary)).toEqual([
    [1, false],
    [2, true],
    [2, true],
  ]);
  await at(start, 1350);
  // The first hits would count until 2.5 s, yet the block's end resets the count to this one request.
  const [after] = await run(call);
  expect(after).toMatchObject({ totalHits: 1, isBlocked: false, timeToExpire: 2, timeToBlockExpire: 0 });
});
