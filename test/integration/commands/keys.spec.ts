import type { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { ReplyError } from '../../../lib/core/errors/reply-error';
import { rejection } from '../../helpers/rejection';
import { BINARY, connected, keyspace, PROTOCOLS } from './command-helpers';

describe.each(PROTOCOLS)('generic key commands over RESP%i', (protocol) => {
  let client: RedisClusterClient;
  const k = keyspace('keys', protocol);

  beforeAll(async () => {
    client = await connected(protocol);
  });
  afterAll(() => client.close());

  it('copy (REPLACE), renamenx', async () => {
    await client.set(k('src'), 'v1');
    await expect(client.copy(k('src'), k('dst'))).resolves.toBe(true);
    await client.set(k('src'), 'v2');
    await expect(client.copy(k('src'), k('dst'))).resolves.toBe(false);
    await expect(client.copy(k('src'), k('dst'), { REPLACE: true })).resolves.toBe(true);
    await expect(client.get(k('dst'))).resolves.toBe('v2');
    await expect(client.renamenx(k('dst'), k('src'))).resolves.toBe(false);
    await expect(client.renamenx(k('dst'), k('moved'))).resolves.toBe(true);
  });

  it('pexpireat / expiretime / pexpiretime', async () => {
    await client.set(k('ttl'), 'v');
    await expect(client.expiretime(k('ttl'))).resolves.toBe(-1);
    const at = Date.now() + 60_000;
    await expect(client.pexpireat(k('ttl'), at)).resolves.toBe(true);
    await expect(client.pexpireat(k('ttl'), at + 1000, 'LT')).resolves.toBe(false);
    await expect(client.pexpiretime(k('ttl'))).resolves.toBe(at);
    await expect(client.expiretime(k('ttl'))).resolves.toBe(Math.round(at / 1000));
    await expect(client.expiretime(k('missing'))).resolves.toBe(-2);
  });

  it('dump and restore a binary value (REPLACE, then BUSYKEY without it)', async () => {
    await client.set(k('dump'), BINARY);
    const payload = await client.dump(k('dump'));
    expect(Buffer.isBuffer(payload)).toBe(true);
    await expect(client.restore(k('restored'), 0, payload!)).resolves.toBe('OK');
    await expect(client.getBuffer(k('restored'))).resolves.toEqual(BINARY);
    const busy = await rejection(client.restore(k('restored'), 0, payload!));
    expect(busy).toBeInstanceOf(ReplyError);
    expect(busy.message).toMatch(/BUSYKEY/);
    await expect(client.restore(k('restored'), 0, payload!, { REPLACE: true, IDLETIME: 10 })).resolves.toBe('OK');
    await expect(client.dump(k('missing'))).resolves.toBeNull();
  });

  it('sort with order, ALPHA, LIMIT, BY nosort and STORE; sortRo; GET patterns refused by a cluster', async () => {
    await client.rpush(k('list'), '3', '1', '2', '10');
    await expect(client.sort(k('list'))).resolves.toEqual(['1', '2', '3', '10']);
    await expect(client.sort(k('list'), { ALPHA: true, order: 'DESC', LIMIT: { offset: 0, count: 2 } })).resolves.toEqual(['3', '2']);
    await expect(client.sort(k('list'), { STORE: k('sorted'), BY: 'nosort' })).resolves.toBe(4);
    await expect(client.lrange(k('sorted'), 0, -1)).resolves.toEqual(['3', '1', '2', '10']);
    await expect(client.sort(k('list'), { STORE: k('sorted') })).resolves.toBe(4);
    await expect(client.lrange(k('sorted'), 0, -1)).resolves.toEqual(['1', '2', '3', '10']);
    await expect(client.sortRo(k('list'), { order: 'DESC' })).resolves.toEqual(['10', '3', '2', '1']);
    await expect(client.sort(k('list'), { GET: ['#', 'weight_*'] })).rejects.toThrow(/GET option of SORT denied in Cluster mode/);
  });

  it('object encoding / refcount / idletime; freq refused without an LFU policy', async () => {
    await client.set(k('int'), '12345');
    await client.set(k('str'), 'abc');
    await expect(client.objectEncoding(k('int'))).resolves.toBe('int');
    await expect(client.objectEncoding(k('str'))).resolves.toBe('embstr');
    await expect(client.objectEncoding(k('missing'))).resolves.toBeNull();
    expect(typeof (await client.objectRefcount(k('str')))).toBe('number');
    expect(await client.objectIdletime(k('str'))).toBeGreaterThanOrEqual(0);
    await expect(client.objectFreq(k('str'))).rejects.toBeInstanceOf(ReplyError);
  });

  it('keys() asks every master; randomkey() answers a key', async () => {
    const prefix = `keys-all:${protocol}:${process.pid}:${Date.now()}`;
    const names = Array.from({ length: 20 }, (_, i) => `${prefix}:${i}`);
    await client.mset(Object.fromEntries(names.map((n) => [n, 'v'])));
    await expect(client.keys(`${prefix}:*`).then((ks) => ks.sort())).resolves.toEqual([...names].sort());
    expect(typeof (await client.randomkey())).toBe('string');
  });
});
