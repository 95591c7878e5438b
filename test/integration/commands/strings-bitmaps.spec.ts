import type { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { BINARY, connected, keyspace, PROTOCOLS } from './command-helpers';

describe.each(PROTOCOLS)('strings and bitmaps over RESP%i', (protocol) => {
  let client: RedisClusterClient;
  const k = keyspace('strings', protocol);

  beforeAll(async () => {
    client = await connected(protocol);
  });
  afterAll(() => client.close());

  it('getset / getdel / getex and their Buffer forms keep binary values intact', async () => {
    await client.set(k('bin'), BINARY);
    await expect(client.getsetBuffer(k('bin'), 'text')).resolves.toEqual(BINARY);
    await expect(client.getset(k('bin'), BINARY)).resolves.toBe('text');
    await expect(client.getexBuffer(k('bin'), { PX: 60_000 })).resolves.toEqual(BINARY);
    expect(await client.pttl(k('bin'))).toBeGreaterThan(0);
    await expect(client.getrangeBuffer(k('bin'), 0, 1)).resolves.toEqual(BINARY.subarray(0, 2));
    await expect(client.getdelBuffer(k('bin'))).resolves.toEqual(BINARY);
    await expect(client.getdelBuffer(k('bin'))).resolves.toBeNull();
  });

  it('msetnx sets all or nothing', async () => {
    await expect(client.msetnx({ [k('m1')]: 'a', [k('m2')]: 'b' })).resolves.toBe(true);
    await expect(client.msetnx({ [k('m2')]: 'x', [k('m3')]: 'c' })).resolves.toBe(false);
    await expect(client.mget(k('m1'), k('m2'), k('m3'))).resolves.toEqual(['a', 'b', null]);
  });

  it('lcs, lcsLen and lcsIdx (with match lengths) agree with the Redis documentation', async () => {
    await client.mset({ [k('a')]: 'ohmytext', [k('b')]: 'mynewtext' });
    await expect(client.lcs(k('a'), k('b'))).resolves.toBe('mytext');
    await expect(client.lcsLen(k('a'), k('b'))).resolves.toBe(6);
    await expect(client.lcsIdx(k('a'), k('b'), { WITHMATCHLEN: true })).resolves.toEqual({
      matches: [
        { a: [4, 7], b: [5, 8], length: 4 },
        { a: [2, 3], b: [0, 1], length: 2 },
      ],
      length: 6,
    });
    await expect(client.lcsIdx(k('a'), k('b'), { MINMATCHLEN: 4 })).resolves.toEqual({ matches: [{ a: [4, 7], b: [5, 8] }], length: 6 });
    await expect(client.substr(k('a'), 0, 1)).resolves.toBe('oh');
  });

  it('setbit / getbit / bitcount (BYTE and BIT ranges) / bitpos / bitop', async () => {
    await expect(client.setbit(k('bits'), 7, 1)).resolves.toBe(0);
    await expect(client.setbit(k('bits'), 7, 1)).resolves.toBe(1);
    await expect(client.getbit(k('bits'), 7)).resolves.toBe(1);
    await client.set(k('foobar'), 'foobar');
    await expect(client.bitcount(k('foobar'))).resolves.toBe(26);
    await expect(client.bitcount(k('foobar'), { start: 1, end: 1 })).resolves.toBe(6);
    await expect(client.bitcount(k('foobar'), { start: 5, end: 30, mode: 'BIT' })).resolves.toBe(17);
    await client.set(k('pos'), Buffer.from([0xff, 0xf0, 0x00]));
    await expect(client.bitpos(k('pos'), 0)).resolves.toBe(12);
    await expect(client.bitpos(k('pos'), 1, { start: 2 })).resolves.toBe(-1);
    await client.set(k('x'), Buffer.from([0b1100]));
    await client.set(k('y'), Buffer.from([0b1010]));
    await expect(client.bitop('AND', k('and'), k('x'), k('y'))).resolves.toBe(1);
    await expect(client.getBuffer(k('and'))).resolves.toEqual(Buffer.from([0b1000]));
  });

  it('bitfield runs SET/GET/INCRBY with OVERFLOW, null where FAIL refused; bitfieldRo reads', async () => {
    const ops = await client.bitfield(k('bf'), [
      { op: 'SET', encoding: 'u8', offset: '#0', value: 255 },
      { op: 'GET', encoding: 'u8', offset: 0 },
      { op: 'OVERFLOW', behavior: 'FAIL' },
      { op: 'INCRBY', encoding: 'u8', offset: '#0', increment: 1 },
      { op: 'OVERFLOW', behavior: 'SAT' },
      { op: 'INCRBY', encoding: 'i8', offset: 8, increment: 200 },
    ]);
    expect(ops).toEqual([0, 255, null, 127]);
    await expect(
      client.bitfieldRo(k('bf'), [
        { encoding: 'u8', offset: 0 },
        { encoding: 'i8', offset: '#1' },
      ]),
    ).resolves.toEqual([255, 127]);
  });
});
