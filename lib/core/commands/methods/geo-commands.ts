import type { RespArg, RespValue } from '../../resp/types';
import type { CommandMode, RedisKey } from './command-base';
import { asArray, text } from './collection-replies';
import { toNullableNumber, toNumber } from './reply-transforms';
import { StreamGroupCommands } from './stream-group-commands';

export type GeoUnit = 'm' | 'km' | 'mi' | 'ft';

export interface GeoCoordinates {
  longitude: number;
  latitude: number;
}

export interface GeoMember extends GeoCoordinates {
  member: RespArg;
}

/** Where a search is centred: a member of the set, or a point. */
export type GeoFrom = { member: RespArg } | GeoCoordinates;

/** The search area: a circle, or a box centred on the origin. */
export type GeoBy = { radius: number; unit: GeoUnit } | { width: number; height: number; unit: GeoUnit };

export interface GeoSearchOptions {
  /** Nearest first (ASC) or farthest first (DESC). */
  order?: 'ASC' | 'DESC';
  /** At most this many; ANY returns the first found rather than the nearest. */
  COUNT?: number | { count: number; ANY: boolean };
}

export interface GeoWithOptions {
  WITHCOORD?: boolean;
  WITHDIST?: boolean;
  WITHHASH?: boolean;
}

/** A search hit with what was asked for: distance (in the search's unit), geohash, coordinates. */
export interface GeoSearchHit {
  member: string;
  distance?: number;
  hash?: number;
  coordinates?: GeoCoordinates;
}

/** GEORADIUS/GEORADIUSBYMEMBER (deprecated by Redis in favour of GEOSEARCH): the same options plus STORE. */
export type GeoRadiusOptions = GeoSearchOptions & { STORE?: RedisKey; STOREDIST?: RedisKey };

export abstract class GeoCommands<Mode extends CommandMode> extends StreamGroupCommands<Mode> {
  /** How many members were added (with CH: added or moved). */
  geoadd(key: RedisKey, members: GeoMember | readonly GeoMember[], options?: { NX?: boolean; XX?: boolean; CH?: boolean }) {
    const args: RespArg[] = ['GEOADD', key];
    if (options?.NX) args.push('NX');
    if (options?.XX) args.push('XX');
    if (options?.CH) args.push('CH');
    for (const m of Array.isArray(members) ? (members as readonly GeoMember[]) : [members as GeoMember]) {
      args.push(m.longitude, m.latitude, m.member);
    }
    return this.send<number>(args);
  }

  /** The distance between two members (default unit: metres), or null when either is missing. */
  geodist(key: RedisKey, member1: RespArg, member2: RespArg, unit?: GeoUnit) {
    const args: RespArg[] = ['GEODIST', key, member1, member2];
    if (unit !== undefined) args.push(unit);
    return this.send<number | null>(args, { transform: toNullableNumber });
  }

  /** 11-character geohash strings, null for missing members. */
  geohash(key: RedisKey, ...members: RespArg[]) {
    return this.send<(string | null)[]>(['GEOHASH', key, ...members]);
  }

  geopos(key: RedisKey, ...members: RespArg[]) {
    return this.send<(GeoCoordinates | null)[]>(['GEOPOS', key, ...members], { transform: toPositions });
  }

  /** Members inside the area, as names. */
  geosearch(key: RedisKey, from: GeoFrom, by: GeoBy, options?: GeoSearchOptions) {
    return this.send<string[]>(searchArgs(['GEOSEARCH', key], from, by, options));
  }

  /** Members inside the area with their distance, hash and/or coordinates. */
  geosearchWith(key: RedisKey, from: GeoFrom, by: GeoBy, include: GeoWithOptions, options?: GeoSearchOptions) {
    const args = pushWith(searchArgs(['GEOSEARCH', key], from, by, options), include);
    return this.send<GeoSearchHit[]>(args, { transform: toHits(include) });
  }

  /** Stores the hits in `destination` (same slot); STOREDIST stores distances as scores. How many. */
  geosearchstore(destination: RedisKey, source: RedisKey, from: GeoFrom, by: GeoBy, options?: GeoSearchOptions & { STOREDIST?: boolean }) {
    const args = searchArgs(['GEOSEARCHSTORE', destination, source], from, by, options);
    if (options?.STOREDIST) args.push('STOREDIST');
    return this.send<number>(args);
  }

  /** Deprecated by Redis: geosearch(key, { longitude, latitude }, { radius, unit }). */
  georadius(key: RedisKey, center: GeoCoordinates, radius: number, unit: GeoUnit, options?: GeoRadiusOptions) {
    return this.send<string[] | number>(radiusArgs(['GEORADIUS', key, center.longitude, center.latitude, radius, unit], options));
  }

  georadiusRo(key: RedisKey, center: GeoCoordinates, radius: number, unit: GeoUnit, options?: GeoSearchOptions) {
    return this.send<string[]>(radiusArgs(['GEORADIUS_RO', key, center.longitude, center.latitude, radius, unit], options));
  }

  /** Deprecated by Redis: geosearch(key, { member }, { radius, unit }). */
  georadiusbymember(key: RedisKey, member: RespArg, radius: number, unit: GeoUnit, options?: GeoRadiusOptions) {
    return this.send<string[] | number>(radiusArgs(['GEORADIUSBYMEMBER', key, member, radius, unit], options));
  }

  georadiusbymemberRo(key: RedisKey, member: RespArg, radius: number, unit: GeoUnit, options?: GeoSearchOptions) {
    return this.send<string[]>(radiusArgs(['GEORADIUSBYMEMBER_RO', key, member, radius, unit], options));
  }
}

function searchArgs(args: RespArg[], from: GeoFrom, by: GeoBy, options: GeoSearchOptions | undefined): RespArg[] {
  if ('member' in from) args.push('FROMMEMBER', from.member);
  else args.push('FROMLONLAT', from.longitude, from.latitude);
  if ('radius' in by) args.push('BYRADIUS', by.radius, by.unit);
  else args.push('BYBOX', by.width, by.height, by.unit);
  return pushOrder(args, options);
}

function pushOrder(args: RespArg[], options: GeoSearchOptions | undefined): RespArg[] {
  if (options?.order) args.push(options.order);
  const count = options?.COUNT;
  if (typeof count === 'number') args.push('COUNT', count);
  else if (count !== undefined) args.push('COUNT', count.count, ...(count.ANY ? ['ANY'] : []));
  return args;
}

function radiusArgs(args: RespArg[], options: GeoRadiusOptions | undefined): RespArg[] {
  pushOrder(args, options);
  if (options?.STORE !== undefined) args.push('STORE', options.STORE);
  if (options?.STOREDIST !== undefined) args.push('STOREDIST', options.STOREDIST);
  return args;
}

function pushWith(args: RespArg[], include: GeoWithOptions): RespArg[] {
  if (include.WITHCOORD) args.push('WITHCOORD');
  if (include.WITHDIST) args.push('WITHDIST');
  if (include.WITHHASH) args.push('WITHHASH');
  return args;
}

function toPosition(reply: RespValue): GeoCoordinates | null {
  if (reply === null) return null;
  const [longitude, latitude] = asArray(reply);
  return { longitude: toNumber(longitude), latitude: toNumber(latitude) };
}

function toPositions(reply: RespValue): (GeoCoordinates | null)[] {
  return asArray(reply).map(toPosition);
}

/** Each hit is [member, dist?, hash?, [lon, lat]?], in that order whatever order the flags were given in. */
function toHits(include: GeoWithOptions): (reply: RespValue) => GeoSearchHit[] {
  return (reply) =>
    asArray(reply).map((item) => {
      const fields = asArray(item);
      const hit: GeoSearchHit = { member: text(fields[0]) };
      let i = 1;
      if (include.WITHDIST) hit.distance = toNumber(fields[i++]);
      if (include.WITHHASH) hit.hash = toNumber(fields[i++]);
      if (include.WITHCOORD) hit.coordinates = toPosition(fields[i]) ?? undefined;
      return hit;
    });
}
