/**
 * Plain TCP sockets all read into one shared buffer (connection/socket-input.ts), so a reply cut off
 * at the end of one read must survive other sockets' reads into the same memory before the rest
 * arrives. Here four clients (their own sockets to every master) read values from 1 byte to 700 KB,
 * text and binary, all at once: every reply must be its own key's value, byte for byte.
 */
import { randomBytes } from 'node:crypto';
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { plainCluster } from '../helpers/cluster-env';
import { uniquePrefix } from '../helpers/node-probe';

const prefix = uniquePrefix('shared-read');
const SIZES = [1, 100, 4_000, 65_535, 65_536, 65_537, 200_000, 700_000];
const KEYS_PER_SIZE = 6;

interface Entry {
  key: string;
  text: string;
  binary: Buffer;
}

let writer: RedisClusterClient;
let readers: RedisClusterClient[];
const entries: Entry[] = [];

beforeAll(async () => {
  const { nodes } = plainCluster();
  writer = new RedisClusterClient({ nodes });
  readers = Array.from({ length: 4 }, () => new RedisClusterClient({ nodes }));
  await Promise.all([writer, ...readers].map((c) => c.connect()));
  for (const size of SIZES) {
    for (let i = 0; i < KEYS_PER_SIZE; i++) {
      const binary = randomBytes(size);
      entries.push({ key: `${prefix}${size}:${i}`, text: binary.toString('base64').slice(0, size), binary });
    }
  }
  await Promise.all(entries.map((e) => Promise.all([writer.set(`${e.key}:t`, e.text), writer.set(`${e.key}:b`, e.binary)])));
}, 60_000);

afterAll(async () => {
  await Promise.all(entries.map((e) => writer.del(`${e.key}:t`, `${e.key}:b`)));
  await Promise.all([writer, ...readers].map((c) => c.close()));
});

it('every reply is its own value while large and small replies interleave across sockets', async () => {
  const wrong: string[] = [];
  const rounds = 5;
  const work: Promise<void>[] = [];
  for (const [n, reader] of readers.entries()) {
    for (let round = 0; round < rounds; round++) {
      // Each reader walks the entries from a different place, so big and small replies overlap.
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[(i * 7 + n * 13 + round) % entries.length];
        work.push(
          reader.get(`${entry.key}:t`).then((value) => {
            if (value !== entry.text) wrong.push(`${entry.key}:t (${value?.length ?? 'null'} chars)`);
          }),
          reader.getBuffer(`${entry.key}:b`).then((value) => {
            if (value === null || !value.equals(entry.binary)) wrong.push(`${entry.key}:b`);
          }),
        );
      }
    }
  }
  // A pipeline mixes in batches whose replies arrive back to back in one read.
  const pipeline = readers[0].pipeline();
  for (const entry of entries) pipeline.get(`${entry.key}:t`);
  const batch = await pipeline.exec();
  await Promise.all(work);
  expect(wrong).toEqual([]);
  expect(batch.map(([error, value]) => (error === null ? value : error))).toEqual(entries.map((e) => e.text));
}, 60_000);
