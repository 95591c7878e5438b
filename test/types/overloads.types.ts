/** Overloads and options objects: the reply follows the options, and wrong options do not compile. */
import type { RedisClusterClient, RespValue } from '../../lib/client';
import type { Equal, Expect } from './expect-type';

declare const client: RedisClusterClient;

export async function overloads(): Promise<void> {
  const _sorted = await client.sort('k', { ALPHA: true });
  const _stored = await client.sort('k', { STORE: 'dest' });
  const _popped = await client.spop('s');
  const _poppedMany = await client.spop('s', 3);
  const _one = await client.lpopBuffer('l');
  const _many = await client.lpopBuffer('l', 2);
  const _withGet = await client.set('k', 'v', { GET: true });
  const _called = await client.fcall('fn', ['k'], [1]);
  const _typed = await client.fcallRo<number>('fn', ['k']);
  type _sort = Expect<Equal<typeof _sorted, string[]>>;
  type _sortStore = Expect<Equal<typeof _stored, number>>;
  type _spop = Expect<Equal<typeof _popped, string | null>>;
  type _spopCount = Expect<Equal<typeof _poppedMany, string[]>>;
  type _lpopBuffer = Expect<Equal<typeof _one, Buffer | null>>;
  type _lpopBufferCount = Expect<Equal<typeof _many, Buffer[] | null>>;
  type _setGet = Expect<Equal<typeof _withGet, string | null>>;
  type _fcall = Expect<Equal<typeof _called, RespValue>>;
  type _fcallRo = Expect<Equal<typeof _typed, number>>;
}

export function options(): void {
  void client.xadd('s', '*', { a: 1 }, { TRIM: { strategy: 'MAXLEN', threshold: 100, approximate: true, LIMIT: 10 } });
  void client.xreadgroup('g', 'c', [{ key: 's', id: '>' }], { COUNT: 1, BLOCK: 100, NOACK: true });
  void client.geosearch('g', { member: 'm' }, { width: 1, height: 2, unit: 'km' }, { order: 'ASC', COUNT: { count: 2, ANY: true } });
  void client.bitfield('b', [
    { op: 'OVERFLOW', behavior: 'SAT' },
    { op: 'INCRBY', encoding: 'u8', offset: '#1', increment: 5 },
  ]);
  void client.zunionstore('d', ['a', 'b'], { WEIGHTS: [1, 2], AGGREGATE: 'MAX' });
  void client.lmpop(['a', 'b'], 'LEFT', { COUNT: 2 });
  void client.bitcount('b', { start: 0, end: 7, mode: 'BIT' });
  void client.restore('k', 0, Buffer.alloc(0), { REPLACE: true, IDLETIME: 5 });
  // @ts-expect-error: a list side is LEFT or RIGHT
  void client.lmove('a', 'b', 'UP', 'LEFT');
  // @ts-expect-error: MAXLEN or MINID
  void client.xtrim('s', { strategy: 'MAXCOUNT', threshold: 1 });
  // @ts-expect-error: bitfield encodings are i<bits> or u<bits>
  void client.bitfield('b', [{ op: 'GET', encoding: 'x8', offset: 0 }]);
  // @ts-expect-error: a geo unit is m, km, mi or ft
  void client.geodist('g', 'a', 'b', 'miles');
  // @ts-expect-error: AGGREGATE takes SUM, MIN or MAX
  void client.zinter(['a', 'b'], { AGGREGATE: 'AVG' });
  // @ts-expect-error: options are objects, not flag strings
  void client.copy('a', 'b', 'REPLACE');
}
