/**
 * The families added for issue 14, without a server: the argv each method builds from its options,
 * and each reply read from both its RESP2 and its RESP3 shape (the integration specs run both
 * protocols against the real cluster; these pin the shapes down exactly, including rare ones).
 */
import { FakeClient, FakePipeline } from './fake-commands';

describe('argv built from options objects', () => {
  it('xadd: NOMKSTREAM and TRIM before the ID, fields from an object, a Map or a flat list', async () => {
    const c = new FakeClient();
    await c.xadd('s', '*', { a: 1 }, { NOMKSTREAM: true, TRIM: { strategy: 'MAXLEN', threshold: 100, approximate: true, LIMIT: 5 } });
    await c.xadd('s', '1-1', new Map([['b', 'x']]), { TRIM: { strategy: 'MINID', threshold: '0-1' } });
    await c.xadd('s', '*', ['c', 2]);
    expect(c.sent).toEqual([
      ['XADD', 's', 'NOMKSTREAM', 'MAXLEN', '~', 100, 'LIMIT', 5, '*', 'a', 1],
      ['XADD', 's', 'MINID', '=', '0-1', '1-1', 'b', 'x'],
      ['XADD', 's', '*', 'c', 2],
    ]);
  });

  it('xread / xreadgroup: options, then STREAMS with every key before every ID', async () => {
    const c = new FakeClient();
    await c.xread({ a: '0', b: '$' }, { COUNT: 2, BLOCK: 0 });
    await c.xreadgroup('g', 'c', [{ key: 'a', id: '>' }], { NOACK: true });
    expect(c.sent).toEqual([
      ['XREAD', 'COUNT', 2, 'BLOCK', 0, 'STREAMS', 'a', 'b', '0', '$'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'NOACK', 'STREAMS', 'a', '>'],
    ]);
  });

  it('blmpop / bzmpop put the timeout first; blpop takes one key or many, the timeout last', async () => {
    const c = new FakeClient();
    await c.blmpop(1.5, ['a', 'b'], 'LEFT', { COUNT: 3 });
    await c.bzmpop(0, ['z'], 'MAX');
    await c.blpop(['a', 'b'], 2);
    await c.brpop('a', 0);
    expect(c.sent).toEqual([
      ['BLMPOP', 1.5, 2, 'a', 'b', 'LEFT', 'COUNT', 3],
      ['BZMPOP', 0, 1, 'z', 'MAX'],
      ['BLPOP', 'a', 'b', 2],
      ['BRPOP', 'a', 0],
    ]);
  });

  it('geosearch / geosearchstore / georadius', async () => {
    const c = new FakeClient().reply([], []);
    await c.geosearch('g', { member: 'm' }, { radius: 5, unit: 'km' }, { order: 'ASC', COUNT: { count: 3, ANY: true } });
    await c.geosearchWith('g', { longitude: 1, latitude: 2 }, { width: 3, height: 4, unit: 'mi' }, { WITHHASH: true, WITHCOORD: true });
    await c.geosearchstore('d', 'g', { member: 'm' }, { radius: 1, unit: 'm' }, { COUNT: 1, STOREDIST: true });
    await c.georadius('g', { longitude: 1, latitude: 2 }, 3, 'ft', { STORE: 'd' });
    expect(c.sent).toEqual([
      ['GEOSEARCH', 'g', 'FROMMEMBER', 'm', 'BYRADIUS', 5, 'km', 'ASC', 'COUNT', 3, 'ANY'],
      ['GEOSEARCH', 'g', 'FROMLONLAT', 1, 2, 'BYBOX', 3, 4, 'mi', 'WITHCOORD', 'WITHHASH'],
      ['GEOSEARCHSTORE', 'd', 'g', 'FROMMEMBER', 'm', 'BYRADIUS', 1, 'm', 'COUNT', 1, 'STOREDIST'],
      ['GEORADIUS', 'g', 1, 2, 3, 'ft', 'STORE', 'd'],
    ]);
  });

  it('bitfield operations, bitcount / bitpos ranges, sort, restore, zunionstore, zrangestore, lcsIdx', async () => {
    const c = new FakeClient().reply([], [], [], [], [], [], 0, 0, 0, { matches: [], len: 0 });
    await c.bitfield('b', [
      { op: 'GET', encoding: 'u4', offset: 0 },
      { op: 'OVERFLOW', behavior: 'WRAP' },
      { op: 'SET', encoding: 'i8', offset: '#2', value: -1 },
      { op: 'INCRBY', encoding: 'u2', offset: 100, increment: 1n },
    ]);
    await c.bitfieldRo('b', [{ encoding: 'i16', offset: '#0' }]);
    await c.sort('l', { BY: 'nosort', LIMIT: { offset: 0, count: 5 }, GET: ['#', 'h_*->f'], order: 'DESC', ALPHA: true });
    await c.sort('l', { STORE: 'dst' });
    await c.sortRo('l');
    await c.restore('k', 10, Buffer.from('x'), { REPLACE: true, ABSTTL: true, IDLETIME: 1, FREQ: 2 });
    await c.zunionstore('d', ['a', 'b'], { WEIGHTS: [1, 0.5], AGGREGATE: 'SUM' });
    await c.zrangestore('d', 's', '(1', '+inf', { BY: 'SCORE', REV: true, LIMIT: { offset: 1, count: 2 } });
    await c.bitcount('b', { start: 0, end: -1, mode: 'BIT' });
    await c.lcsIdx('a', 'b', { MINMATCHLEN: 2, WITHMATCHLEN: true });
    expect(c.sent).toEqual([
      ['BITFIELD', 'b', 'GET', 'u4', 0, 'OVERFLOW', 'WRAP', 'SET', 'i8', '#2', -1, 'INCRBY', 'u2', 100, 1n],
      ['BITFIELD_RO', 'b', 'GET', 'i16', '#0'],
      ['SORT', 'l', 'BY', 'nosort', 'LIMIT', 0, 5, 'GET', '#', 'GET', 'h_*->f', 'DESC', 'ALPHA'],
      ['SORT', 'l', 'STORE', 'dst'],
      ['SORT_RO', 'l'],
      ['RESTORE', 'k', 10, Buffer.from('x'), 'REPLACE', 'ABSTTL', 'IDLETIME', 1, 'FREQ', 2],
      ['ZUNIONSTORE', 'd', 2, 'a', 'b', 'WEIGHTS', 1, 0.5, 'AGGREGATE', 'SUM'],
      ['ZRANGESTORE', 'd', 's', '(1', '+inf', 'BYSCORE', 'REV', 'LIMIT', 1, 2],
      ['BITCOUNT', 'b', 0, -1, 'BIT'],
      ['LCS', 'a', 'b', 'IDX', 'MINMATCHLEN', 2, 'WITHMATCHLEN'],
    ]);
  });

  it('xclaim options keep JUSTID before LASTID; xpendingRange puts IDLE first and the consumer last', async () => {
    const c = new FakeClient().reply([], [], []);
    await c.xclaim('s', 'g', 'c', 10, ['1-0', '2-0'], { IDLE: 5, TIME: 6, RETRYCOUNT: 7, FORCE: true, LASTID: '3-0' });
    await c.xclaimJustId('s', 'g', 'c', 10, ['1-0'], { LASTID: '3-0' });
    await c.xpendingRange('s', 'g', { IDLE: 100, start: '-', end: '+', count: 10, consumer: 'c' });
    expect(c.sent).toEqual([
      ['XCLAIM', 's', 'g', 'c', 10, '1-0', '2-0', 'IDLE', 5, 'TIME', 6, 'RETRYCOUNT', 7, 'FORCE', 'LASTID', '3-0'],
      ['XCLAIM', 's', 'g', 'c', 10, '1-0', 'JUSTID', 'LASTID', '3-0'],
      ['XPENDING', 's', 'g', 'IDLE', 100, '-', '+', 10, 'c'],
    ]);
  });

  it('the pipeline chains every family and queues the same argv', () => {
    const p = new FakePipeline();
    expect(p.xadd('s', '*', { a: 1 }).blpop('l', 1).geoadd('g', { longitude: 1, latitude: 2, member: 'm' }).pfadd('h', 'x')).toBe(p);
    expect(p.queued).toEqual([
      ['XADD', 's', '*', 'a', 1],
      ['BLPOP', 'l', 1],
      ['GEOADD', 'g', 1, 2, 'm'],
      ['PFADD', 'h', 'x'],
    ]);
  });
});

describe('replies read from RESP2 and RESP3 shapes alike', () => {
  it('xread: RESP2 [[stream, entries]] and RESP3 {stream: entries}; null on a BLOCK timeout', async () => {
    const entries = [['1-0', ['a', '1', 'b', '2']]];
    const expected = [{ stream: 's', entries: [{ id: '1-0', fields: { a: '1', b: '2' } }] }];
    const c = new FakeClient().reply([['s', entries]], { s: entries }, null);
    await expect(c.xread({ s: '0' })).resolves.toEqual(expected);
    await expect(c.xread({ s: '0' })).resolves.toEqual(expected);
    await expect(c.xread({ s: '$' }, { BLOCK: 1 })).resolves.toBeNull();
  });

  it('stream fields named __proto__ stay data', async () => {
    const [entry] = await new FakeClient().reply([['1-0', ['__proto__', 'x']]]).xrange('s');
    expect(Object.keys(entry.fields)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(entry.fields)).toBe(Object.prototype);
  });

  it('zpopmin: RESP2 flat [m, "1"], RESP3 flat [m, 1] (no count) or pairs [[m, 1]] (count)', async () => {
    const c = new FakeClient().reply(
      ['a', '1'],
      ['a', 1],
      [
        ['a', 1],
        ['b', 2.5],
      ],
      [],
    );
    await expect(c.zpopmin('z')).resolves.toEqual([{ member: 'a', score: 1 }]);
    await expect(c.zpopmin('z')).resolves.toEqual([{ member: 'a', score: 1 }]);
    await expect(c.zpopmax('z', 2)).resolves.toEqual([
      { member: 'a', score: 1 },
      { member: 'b', score: 2.5 },
    ]);
    await expect(c.zpopmin('empty')).resolves.toEqual([]);
  });

  it('bzpopmin / zmpop / lmpop / blpop', async () => {
    const c = new FakeClient().reply(
      ['k', 'm', '1.5'],
      ['k', 'm', 1.5],
      ['k', [['m', '2']]],
      ['k', [['m', 2]]],
      ['k', ['a', 'b']],
      ['k', 'v'],
      null,
    );
    await expect(c.bzpopmin('k', 1)).resolves.toEqual({ key: 'k', member: 'm', score: 1.5 });
    await expect(c.bzpopmax('k', 1)).resolves.toEqual({ key: 'k', member: 'm', score: 1.5 });
    await expect(c.zmpop(['k'], 'MIN')).resolves.toEqual({ key: 'k', members: [{ member: 'm', score: 2 }] });
    await expect(c.bzmpop(1, ['k'], 'MIN')).resolves.toEqual({ key: 'k', members: [{ member: 'm', score: 2 }] });
    await expect(c.lmpop(['k'], 'LEFT')).resolves.toEqual({ key: 'k', elements: ['a', 'b'] });
    await expect(c.blpop('k', 1)).resolves.toEqual({ key: 'k', element: 'v' });
    await expect(c.blpop('k', 1)).resolves.toBeNull();
  });

  it('hrandfieldWithValues: RESP2 flat, RESP3 pairs; hscan pages', async () => {
    const c = new FakeClient().reply(['f', 'v'], [['f', 'v']], ['17', ['a', '1', 'b', '2']]);
    await expect(c.hrandfieldWithValues('h', 1)).resolves.toEqual([{ field: 'f', value: 'v' }]);
    await expect(c.hrandfieldWithValues('h', 1)).resolves.toEqual([{ field: 'f', value: 'v' }]);
    await expect(c.hscan('h', 0)).resolves.toEqual({
      cursor: '17',
      items: [
        { field: 'a', value: '1' },
        { field: 'b', value: '2' },
      ],
    });
  });

  it('lcsIdx: RESP2 flat name/value array and RESP3 map', async () => {
    const matches = [[[4, 7], [5, 8], 4]];
    const c = new FakeClient().reply(['matches', matches, 'len', 6], { matches, len: 6 });
    const expected = { matches: [{ a: [4, 7], b: [5, 8], length: 4 }], length: 6 };
    await expect(c.lcsIdx('a', 'b', { WITHMATCHLEN: true })).resolves.toEqual(expected);
    await expect(c.lcsIdx('a', 'b', { WITHMATCHLEN: true })).resolves.toEqual(expected);
  });

  it('xpending summary with nothing pending, and xautoclaim skipping nil entries', async () => {
    const c = new FakeClient().reply([0, null, null, null], ['0-0', [['1-0', ['a', '1']], null], ['2-0']]);
    await expect(c.xpending('s', 'g')).resolves.toEqual({ count: 0, minId: null, maxId: null, consumers: [] });
    await expect(c.xautoclaim('s', 'g', 'c', 0, '0-0')).resolves.toEqual({
      nextId: '0-0',
      claimed: [{ id: '1-0', fields: { a: '1' } }],
      deletedIds: ['2-0'],
    });
  });

  it('xinfoStream: RESP2 flat and RESP3 map give the same record, entries as { id, fields }', async () => {
    const flat = ['length', 1, 'last-generated-id', '1-0', 'first-entry', ['1-0', ['a', '1']]];
    const map = { length: 1, 'last-generated-id': '1-0', 'first-entry': ['1-0', ['a', '1']] };
    const c = new FakeClient().reply(flat, map);
    const expected = { length: 1, 'last-generated-id': '1-0', 'first-entry': { id: '1-0', fields: { a: '1' } } };
    await expect(c.xinfoStream('s')).resolves.toEqual(expected);
    await expect(c.xinfoStream('s')).resolves.toEqual(expected);
  });

  it('geopos / geodist / geosearchWith parse RESP2 text and RESP3 doubles', async () => {
    const c = new FakeClient().reply([['13.36', '38.11'], null], '166.27', null, [
      ['Catania', '56.44', 3479447370796909, ['15.08', '37.50']],
    ]);
    await expect(c.geopos('g', 'a', 'b')).resolves.toEqual([{ longitude: 13.36, latitude: 38.11 }, null]);
    await expect(c.geodist('g', 'a', 'b')).resolves.toBe(166.27);
    await expect(c.geodist('g', 'a', 'x')).resolves.toBeNull();
    await expect(
      c.geosearchWith('g', { member: 'a' }, { radius: 1, unit: 'km' }, { WITHCOORD: true, WITHDIST: true, WITHHASH: true }),
    ).resolves.toEqual([{ member: 'Catania', distance: 56.44, hash: 3479447370796909, coordinates: { longitude: 15.08, latitude: 37.5 } }]);
  });

  it('an unexpected reply shape is a TypeError, never a wrongly typed value', async () => {
    await expect(new FakeClient().reply('nope').xrange('s')).rejects.toBeInstanceOf(TypeError);
    await expect(new FakeClient().reply(5).zmscore('z', 'a')).rejects.toBeInstanceOf(TypeError);
  });
});
