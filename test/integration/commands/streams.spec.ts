import type { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { ClientClosedError } from '../../../lib/core/errors/client-closed-error';
import { BINARY, connected, keyspace, PROTOCOLS } from './command-helpers';

describe.each(PROTOCOLS)('stream commands over RESP%i', (protocol) => {
  let client: RedisClusterClient;
  const k = keyspace('streams', protocol);

  beforeAll(async () => {
    client = await connected(protocol);
  });
  afterAll(() => client.close());

  it('xadd (explicit and server IDs, NOMKSTREAM, TRIM), xrange / xrevrange with COUNT, xlen', async () => {
    await expect(client.xadd(k('s'), '1-1', { a: '1', b: 'two' })).resolves.toBe('1-1');
    await expect(client.xadd(k('s'), '2-1', new Map([['c', 3]]))).resolves.toBe('2-1');
    const id = await client.xadd(k('s'), '*', ['d', 'x']);
    expect(id).toMatch(/^\d+-\d+$/);
    await expect(client.xadd(k('missing'), '*', { a: 1 }, { NOMKSTREAM: true })).resolves.toBeNull();
    await expect(client.xrange(k('s'), '-', '+', { COUNT: 2 })).resolves.toEqual([
      { id: '1-1', fields: { a: '1', b: 'two' } },
      { id: '2-1', fields: { c: '3' } },
    ]);
    await expect(client.xrevrange(k('s'), '+', '(1-1')).resolves.toEqual([
      { id: id!, fields: { d: 'x' } },
      { id: '2-1', fields: { c: '3' } },
    ]);
    await expect(client.xlen(k('s'))).resolves.toBe(3);
    await client.xadd(k('s'), '*', { e: 1 }, { TRIM: { strategy: 'MAXLEN', threshold: 2 } });
    await expect(client.xlen(k('s'))).resolves.toBe(2);
  });

  it('xdel / xtrim (MINID) / xsetid', async () => {
    for (const n of [1, 2, 3, 4]) await client.xadd(k('t'), `${n}-0`, { n });
    await expect(client.xdel(k('t'), '1-0', '9-9')).resolves.toBe(1);
    await expect(client.xtrim(k('t'), { strategy: 'MINID', threshold: '3-0' })).resolves.toBe(1);
    await expect(client.xtrim(k('t'), { strategy: 'MAXLEN', threshold: 1000, approximate: true, LIMIT: 100 })).resolves.toBe(0);
    await expect(client.xtrim(k('t'), { strategy: 'MAXLEN', threshold: 1 })).resolves.toBe(1);
    await expect(client.xrange(k('t'))).resolves.toEqual([{ id: '4-0', fields: { n: '4' } }]);
    await expect(client.xsetid(k('t'), '10-0', { ENTRIESADDED: 10, MAXDELETEDID: '2-0' })).resolves.toBe('OK');
    await expect(client.xadd(k('t'), '5-0', { late: 1 })).rejects.toThrow(/equal or smaller/);
  });

  it('xrangeBuffer / xreadBuffer keep binary values', async () => {
    await client.xadd(k('bin'), '1-0', { raw: BINARY });
    await expect(client.xrangeBuffer(k('bin'))).resolves.toEqual([{ id: '1-0', fields: { raw: BINARY } }]);
    await expect(client.xreadBuffer({ [k('bin')]: '0' })).resolves.toEqual([
      { stream: k('bin'), entries: [{ id: '1-0', fields: { raw: BINARY } }] },
    ]);
  });

  it('xread over two streams of one slot; BLOCK waits on its own connection, and times out with null', async () => {
    await client.xadd(k('r1'), '1-0', { a: 1 });
    await client.xadd(k('r2'), '1-0', { b: 2 });
    await expect(
      client.xread(
        [
          { key: k('r1'), id: '0' },
          { key: k('r2'), id: '0' },
        ],
        { COUNT: 1 },
      ),
    ).resolves.toEqual([
      { stream: k('r1'), entries: [{ id: '1-0', fields: { a: '1' } }] },
      { stream: k('r2'), entries: [{ id: '1-0', fields: { b: '2' } }] },
    ]);
    const waiting = client.xread({ [k('r1')]: '$' }, { BLOCK: 5000 });
    await client.xadd(k('r1'), '2-0', { late: 'yes' });
    await expect(waiting).resolves.toEqual([{ stream: k('r1'), entries: [{ id: '2-0', fields: { late: 'yes' } }] }]);
    await expect(client.xread({ [k('r1')]: '$' }, { BLOCK: 100 })).resolves.toBeNull();
  });

  it('consumer groups: create, read new and pending entries (a deleted one has fields null), ack, pending summary and range', async () => {
    const s = k('g');
    await expect(client.xgroupCreate(s, 'grp', '$', { MKSTREAM: true })).resolves.toBe('OK');
    await client.xadd(s, '1-0', { a: 1 });
    await client.xadd(s, '2-0', { b: 2 });
    await expect(client.xreadgroup('grp', 'alice', { [s]: '>' }, { COUNT: 10 })).resolves.toEqual([
      {
        stream: s,
        entries: [
          { id: '1-0', fields: { a: '1' } },
          { id: '2-0', fields: { b: '2' } },
        ],
      },
    ]);
    await expect(client.xpending(s, 'grp')).resolves.toEqual({
      count: 2,
      minId: '1-0',
      maxId: '2-0',
      consumers: [{ name: 'alice', count: 2 }],
    });
    const pending = await client.xpendingRange(s, 'grp', { start: '-', end: '+', count: 10, consumer: 'alice' });
    expect(pending.map((p) => [p.id, p.consumer, p.deliveries])).toEqual([
      ['1-0', 'alice', 1],
      ['2-0', 'alice', 1],
    ]);
    expect(pending[0].idleMs).toBeGreaterThanOrEqual(0);
    await client.xdel(s, '2-0');
    await expect(client.xreadgroup('grp', 'alice', { [s]: '0' })).resolves.toEqual([
      {
        stream: s,
        entries: [
          { id: '1-0', fields: { a: '1' } },
          { id: '2-0', fields: null },
        ],
      },
    ]);
    await expect(client.xack(s, 'grp', '1-0', '2-0', '3-0')).resolves.toBe(2);
    await expect(client.xpending(s, 'grp')).resolves.toEqual({ count: 0, minId: null, maxId: null, consumers: [] });
    await expect(client.xreadgroup('grp', 'alice', { [s]: '>' }, { BLOCK: 100 })).resolves.toBeNull();
  });

  it('xclaim / xclaimJustId / xautoclaim / xautoclaimJustId move pending entries to another consumer', async () => {
    const s = k('claim');
    await client.xgroupCreate(s, 'grp', '0', { MKSTREAM: true });
    for (const n of [1, 2, 3]) await client.xadd(s, `${n}-0`, { n });
    await client.xreadgroup('grp', 'alice', { [s]: '>' });
    await expect(client.xclaim(s, 'grp', 'bob', 0, ['1-0'], { RETRYCOUNT: 5 })).resolves.toEqual([{ id: '1-0', fields: { n: '1' } }]);
    await expect(client.xclaimJustId(s, 'grp', 'bob', 0, ['2-0'])).resolves.toEqual(['2-0']);
    const auto = await client.xautoclaim(s, 'grp', 'carol', 0, '0-0', { COUNT: 1 });
    expect(auto).toEqual({ nextId: '2-0', claimed: [{ id: '1-0', fields: { n: '1' } }], deletedIds: [] });
    await client.xdel(s, '3-0');
    await expect(client.xautoclaimJustId(s, 'grp', 'carol', 0, auto.nextId)).resolves.toEqual({
      nextId: '0-0',
      claimed: ['2-0'],
      deletedIds: ['3-0'],
    });
    const consumers = await client.xinfoConsumers(s, 'grp');
    expect(consumers.map((c) => [c.name, c.pending]).sort()).toEqual([
      ['alice', 0],
      ['bob', 0],
      ['carol', 2],
    ]);
  });

  it('xgroup createconsumer / delconsumer / setid / destroy; xinfo stream and groups', async () => {
    const s = k('info');
    await client.xadd(s, '1-0', { a: 1 });
    await client.xadd(s, '2-0', { b: 2 });
    await client.xgroupCreate(s, 'grp', '0', { ENTRIESREAD: 0 });
    await expect(client.xgroupCreateConsumer(s, 'grp', 'dave')).resolves.toBe(true);
    await expect(client.xgroupCreateConsumer(s, 'grp', 'dave')).resolves.toBe(false);
    await client.xreadgroup('grp', 'dave', { [s]: '>' }, { COUNT: 1 });
    await expect(client.xgroupDelConsumer(s, 'grp', 'dave')).resolves.toBe(1);
    await expect(client.xgroupSetId(s, 'grp', '$')).resolves.toBe('OK');
    const stream = await client.xinfoStream(s);
    expect(stream).toMatchObject({
      length: 2,
      groups: 1,
      'last-generated-id': '2-0',
      'first-entry': { id: '1-0', fields: { a: '1' } },
      'last-entry': { id: '2-0', fields: { b: '2' } },
    });
    const full = await client.xinfoStream(s, { FULL: true, COUNT: 1 });
    expect(full).toMatchObject({ length: 2, entries: [{ id: '1-0', fields: { a: '1' } }] });
    await expect(client.xinfoGroups(s)).resolves.toMatchObject([{ name: 'grp', consumers: 0, pending: 0, 'last-delivered-id': '2-0' }]);
    await expect(client.xgroupDestroy(s, 'grp')).resolves.toBe(true);
    await expect(client.xgroupDestroy(s, 'grp')).resolves.toBe(false);
  });

  it('close() fails a blocked xreadgroup with ClientClosedError', async () => {
    const s = k('closing');
    await client.xgroupCreate(s, 'grp', '$', { MKSTREAM: true });
    const doomed = await connected(protocol);
    const blocked = doomed.xreadgroup('grp', 'eve', { [s]: '>' }, { BLOCK: 0 });
    await doomed.xlen(s);
    await doomed.close();
    await expect(blocked).rejects.toBeInstanceOf(ClientClosedError);
  });
});
