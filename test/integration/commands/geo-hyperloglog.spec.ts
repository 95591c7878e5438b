import type { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { connected, keyspace, PROTOCOLS } from './command-helpers';

const PALERMO = { longitude: 13.361389, latitude: 38.115556, member: 'Palermo' };
const CATANIA = { longitude: 15.087269, latitude: 37.502669, member: 'Catania' };

describe.each(PROTOCOLS)('geo and HyperLogLog commands over RESP%i', (protocol) => {
  let client: RedisClusterClient;
  const k = keyspace('geo', protocol);

  beforeAll(async () => {
    client = await connected(protocol);
    await client.geoadd(k('sicily'), [PALERMO, CATANIA]);
  });
  afterAll(() => client.close());

  it('geoadd with NX/XX/CH; geodist in a unit; geohash; geopos (null for a missing member)', async () => {
    await expect(client.geoadd(k('sicily'), { ...PALERMO, longitude: 13.4 }, { NX: true })).resolves.toBe(0);
    await expect(client.geoadd(k('sicily'), { ...PALERMO, longitude: 13.4 }, { XX: true, CH: true })).resolves.toBe(1);
    await client.geoadd(k('sicily'), PALERMO, { XX: true });
    expect(await client.geodist(k('sicily'), 'Palermo', 'Catania', 'km')).toBeCloseTo(166.2742, 3);
    await expect(client.geodist(k('sicily'), 'Palermo', 'Atlantis')).resolves.toBeNull();
    await expect(client.geohash(k('sicily'), 'Palermo', 'Atlantis')).resolves.toEqual(['sqc8b49rny0', null]);
    const [palermo, missing] = await client.geopos(k('sicily'), 'Palermo', 'Atlantis');
    expect(palermo!.longitude).toBeCloseTo(PALERMO.longitude, 4);
    expect(palermo!.latitude).toBeCloseTo(PALERMO.latitude, 4);
    expect(missing).toBeNull();
  });

  it('geosearch from a point or a member, by radius or box, ordered and counted', async () => {
    const from = { longitude: 15, latitude: 37 };
    await expect(client.geosearch(k('sicily'), from, { radius: 200, unit: 'km' }, { order: 'ASC' })).resolves.toEqual([
      'Catania',
      'Palermo',
    ]);
    await expect(client.geosearch(k('sicily'), from, { radius: 200, unit: 'km' }, { order: 'DESC', COUNT: 1 })).resolves.toEqual([
      'Palermo',
    ]);
    await expect(
      client
        .geosearch(k('sicily'), { member: 'Palermo' }, { width: 400, height: 400, unit: 'km' }, { COUNT: { count: 5, ANY: true } })
        .then((m) => m.sort()),
    ).resolves.toEqual(['Catania', 'Palermo']);
  });

  it('geosearchWith gives distance, hash and coordinates as numbers', async () => {
    const hits = await client.geosearchWith(
      k('sicily'),
      { longitude: 15, latitude: 37 },
      { radius: 200, unit: 'km' },
      { WITHDIST: true, WITHHASH: true, WITHCOORD: true },
      { order: 'ASC' },
    );
    expect(hits.map((h) => h.member)).toEqual(['Catania', 'Palermo']);
    expect(hits[0].distance).toBeCloseTo(56.4413, 3);
    expect(hits[0].hash).toBe(3479447370796909);
    expect(hits[0].coordinates!.longitude).toBeCloseTo(CATANIA.longitude, 4);
    const distOnly = await client.geosearchWith(k('sicily'), { member: 'Catania' }, { radius: 1, unit: 'km' }, { WITHDIST: true });
    expect(distOnly).toEqual([{ member: 'Catania', distance: 0 }]);
  });

  it('geosearchstore (with STOREDIST) and the deprecated georadius family', async () => {
    await expect(client.geosearchstore(k('near'), k('sicily'), { longitude: 15, latitude: 37 }, { radius: 100, unit: 'km' })).resolves.toBe(
      1,
    );
    await expect(
      client.geosearchstore(k('dist'), k('sicily'), { longitude: 15, latitude: 37 }, { radius: 200, unit: 'km' }, { STOREDIST: true }),
    ).resolves.toBe(2);
    expect(await client.zscore(k('dist'), 'Catania')).toBeCloseTo(56.4413, 3);
    await expect(client.georadius(k('sicily'), { longitude: 15, latitude: 37 }, 200, 'km', { order: 'ASC' })).resolves.toEqual([
      'Catania',
      'Palermo',
    ]);
    await expect(client.georadiusRo(k('sicily'), { longitude: 15, latitude: 37 }, 100, 'km')).resolves.toEqual(['Catania']);
    await expect(client.georadiusbymember(k('sicily'), 'Palermo', 200, 'km', { STORE: k('stored') })).resolves.toBe(2);
    await expect(client.georadiusbymemberRo(k('sicily'), 'Palermo', 10, 'km')).resolves.toEqual(['Palermo']);
  });

  it('pfadd says whether the estimate changed; pfcount over several keys; pfmerge', async () => {
    await expect(client.pfadd(k('h1'), 'a', 'b', 'c')).resolves.toBe(true);
    await expect(client.pfadd(k('h1'), ['a', 'b'])).resolves.toBe(false);
    await client.pfadd(k('h2'), 'c', 'd');
    await expect(client.pfcount(k('h1'))).resolves.toBe(3);
    await expect(client.pfcount(k('h1'), k('h2'))).resolves.toBe(4);
    await expect(client.pfmerge(k('hm'), k('h1'), k('h2'))).resolves.toBe('OK');
    await expect(client.pfcount(k('hm'))).resolves.toBe(4);
  });
});
