import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SCAN_DEDUP_KEYS, scanCluster } from '../../../../lib/core/cluster/batch/scan-iterator';
import { Topology, type ClusterNode, type Shard } from '../../../../lib/core/cluster/topology/topology';
import type { RespArg, RespValue } from '../../../../lib/core/resp/types';

function node(id: string, port: number, role: 'master' | 'replica'): ClusterNode {
  return { id, host: '127.0.0.1', port, address: `127.0.0.1:${port}`, role, health: 'online' };
}

function shard(master: ClusterNode, replicas: ClusterNode[], slots: [number, number][]): Shard {
  return { master, replicas, slots };
}

const A = node('a'.repeat(40), 7000, 'master');
const A1 = node('1'.repeat(40), 7003, 'replica');
const B = node('b'.repeat(40), 7001, 'master');
const B1 = node('2'.repeat(40), 7004, 'replica');
const SLOTS_A: [number, number][] = [[0, 8191]];
const SLOTS_B: [number, number][] = [[8192, 16383]];

interface Call {
  /** The master that answered (as the routing stood at that moment). */
  master: string;
  cursor: string;
}

/**
 * A fake keyspace per node: `pages` cursor -> [next cursor, keys]. The scan function routes by
 * slot through `routing()` (the topology the "client" holds at that moment), as the real one does.
 */
function fakeCluster(pagesOf: Record<string, Record<string, [string, string[]]>>, routing: () => Topology) {
  const calls: Call[] = [];
  const scan = async (slot: number, args: RespArg[]): Promise<RespValue> => {
    const cursor = String(args[1]);
    const master = routing().shardOf(slot)?.master;
    if (master === undefined) throw new Error(`no master for slot ${slot}`);
    calls.push({ master: master.address, cursor });
    const page = pagesOf[master.address][cursor];
    if (page === undefined) throw new Error(`cursor ${cursor} is not one of ${master.address}'s`);
    return [page[0], page[1]];
  };
  return { calls, scan };
}

async function collect(iterator: AsyncGenerator<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const key of iterator) out.push(key);
  return out;
}

/** A keyspace of `count` keys served by SCAN pages of `per` keys, cursors 0 -> 1 -> ... -> 0. */
function pages(prefix: string, count: number, per: number): Record<string, [string, string[]]> {
  const out: Record<string, [string, string[]]> = {};
  const pageCount = Math.ceil(count / per);
  for (let p = 0; p < pageCount; p++) {
    const keys = Array.from({ length: Math.min(per, count - p * per) }, (_, i) => `${prefix}${p * per + i}`);
    out[String(p)] = [p + 1 === pageCount ? '0' : String(p + 1), keys];
  }
  return out;
}

describe('scanCluster (fake SCAN, no network)', () => {
  it('walks every master to cursor 0, with MATCH, COUNT and TYPE', async () => {
    const topology = new Topology([shard(A, [A1], SLOTS_A), shard(B, [B1], SLOTS_B)]);
    const seenArgs: RespArg[][] = [];
    const { scan } = fakeCluster({ [A.address]: pages('a:', 5, 2), [B.address]: pages('b:', 3, 2) }, () => topology);
    const keys = await collect(
      scanCluster(
        topology,
        (slot, args) => (seenArgs.push(args), scan(slot, args)),
        { match: 'x*', count: 7, type: 'hash' },
        () => topology,
      ),
    );
    expect(keys).toEqual(['a:0', 'a:1', 'a:2', 'a:3', 'a:4', 'b:0', 'b:1', 'b:2']);
    expect(seenArgs[0]).toEqual(['SCAN', '0', 'MATCH', 'x*', 'COUNT', 7, 'TYPE', 'hash']);
  });

  it('remembers at most SCAN_DEDUP_KEYS keys of a pass: past that, a key returned twice is yielded twice', async () => {
    // SCAN itself may return a key twice (a rehash mid-scan); only the first SCAN_DEDUP_KEYS keys are remembered to skip it.
    const topology = new Topology([shard(A, [], [[0, 16383]])]);
    const early = Array.from({ length: SCAN_DEDUP_KEYS }, (_, i) => `k${i}`);
    const { scan } = fakeCluster(
      { [A.address]: { '0': ['1', early], '1': ['2', ['late', 'k0']], '2': ['0', ['late', 'k1']] } },
      () => topology,
    );
    const keys = await collect(scanCluster(topology, scan, {}, () => topology));
    expect(keys.slice(SCAN_DEDUP_KEYS)).toEqual(['late', 'late']);
    expect(keys.filter((k) => k === 'k0' || k === 'k1')).toEqual(['k0', 'k1']);
  });

  it('keeps memory bounded whatever the keyspace (200,000 keys in one pass)', async () => {
    // 200,000 keys in pages of 1000: pull them one by one and measure heap after the first page and at the end.
    const topology = new Topology([shard(A, [], [[0, 16383]])]);
    const count = 200_000;
    const per = 1000;
    const scan = async (_slot: number, args: RespArg[]): Promise<RespValue> => {
      const p = Number(args[1]);
      const keys = Array.from({ length: per }, (_, i) => `key:${'x'.repeat(40)}:${p * per + i}`);
      return [(p + 1) * per >= count ? '0' : String(p + 1), keys];
    };
    // A collection before each reading, so the bound measures what the scan keeps, not garbage not yet collected.
    const gc = forcedGc();
    let yielded = 0;
    let heapAfterFirstPage = 0;
    for await (const key of scanCluster(topology, scan, {}, () => topology)) {
      if (key.length === 0) throw new Error('empty key');
      if (++yielded === per) {
        gc();
        heapAfterFirstPage = process.memoryUsage().heapUsed;
      }
    }
    gc();
    const growth = process.memoryUsage().heapUsed - heapAfterFirstPage;
    expect(yielded).toBe(count);
    // A Set of 200,000 such keys alone is over 15 MB (SCAN_DEDUP_KEYS of them about 1).
    expect(growth).toBeLessThan(4_000_000);
  });

  it('restarts a shard at cursor 0 on its new master after a failover, and never sends the old cursor there', async () => {
    const before = new Topology([shard(A, [A1], SLOTS_A), shard(B, [B1], SLOTS_B)]);
    const promoted = node(A1.id, A1.port, 'master');
    const after = new Topology([shard(promoted, [node(A.id, A.port, 'replica')], SLOTS_A), shard(B, [B1], SLOTS_B)]);
    let routing = before;
    const { calls, scan } = fakeCluster(
      { [A.address]: pages('a:', 6, 2), [A1.address]: pages('a:', 6, 3), [B.address]: pages('b:', 1, 2) },
      () => routing,
    );
    const iterator = scanCluster(before, scan, {}, () => routing);
    const first = [(await iterator.next()).value, (await iterator.next()).value, (await iterator.next()).value];
    expect(first).toEqual(['a:0', 'a:1', 'a:2']); // two pages of A read: cursor 2 is A's
    routing = after;
    const rest = await collect(iterator);
    expect(calls.filter((c) => c.master === A1.address).map((c) => c.cursor)).toEqual(['0', '1']);
    // The new master's pass skips what the old one's had yielded (a:3 was read with a:2, before the switch).
    expect([...first, ...rest]).toEqual(['a:0', 'a:1', 'a:2', 'a:3', 'a:4', 'a:5', 'b:0']);
  });

  it('restarts when the master changes while a SCAN call is under way (the reply came from the old one)', async () => {
    const before = new Topology([shard(A, [A1], [[0, 16383]])]);
    const after = new Topology([shard(node(A1.id, A1.port, 'master'), [], [[0, 16383]])]);
    let routing = before;
    const cursorsSent: string[] = [];
    const scan = async (_slot: number, args: RespArg[]): Promise<RespValue> => {
      cursorsSent.push(String(args[1]));
      const wasBefore = routing === before;
      routing = after; // the failover is learned while this call is in flight
      return wasBefore ? ['17', ['old']] : ['0', ['new']];
    };
    expect(await collect(scanCluster(before, scan, {}, () => routing))).toEqual(['old', 'new']);
    expect(cursorsSent).toEqual(['0', '0']); // cursor 17 of the old master never reached the new one
  });

  it('follows a shard by its members, not by the first slot it served: a reshard moves that slot away', async () => {
    // Slot 0 moved from A to B mid-scan; A keeps 1..8191. A's pass must stay on A (routed by a slot A serves now).
    const before = new Topology([shard(A, [A1], SLOTS_A), shard(B, [B1], SLOTS_B)]);
    const after = new Topology([
      shard(A, [A1], [[1, 8191]]),
      shard(
        B,
        [B1],
        [
          [0, 0],
          [8192, 16383],
        ],
      ),
    ]);
    let routing = before;
    const { calls, scan } = fakeCluster({ [A.address]: pages('a:', 4, 2), [B.address]: pages('b:', 2, 2) }, () => routing);
    const iterator = scanCluster(before, scan, {}, () => routing);
    expect((await iterator.next()).value).toBe('a:0');
    routing = after;
    const rest = await collect(iterator);
    expect(rest).toEqual(['a:1', 'a:2', 'a:3', 'b:0', 'b:1']);
    expect(calls).toEqual([
      { master: A.address, cursor: '0' },
      { master: A.address, cursor: '1' }, // routed by a slot A serves now, not by slot 0 (B's now)
      { master: B.address, cursor: '0' },
    ]);
  });
});

/** global.gc without --expose-gc on the command line (Jest's workers do not get it). */
function forcedGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
