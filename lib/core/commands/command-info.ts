import type { RespMap, RespValue } from '../resp/types';
import { rangeSpec, subcommandMap } from './spec-builders';
import {
  defineCommand,
  isSplittableLayout,
  type BeginSearch,
  type CommandRoute,
  type CommandSpec,
  type FindKeys,
  type KeySpec,
  type MultiKeyKind,
  type ReplyAggregate,
} from './command-spec';

/**
 * Turns the server's `COMMAND` / `COMMAND INFO` reply into specs, so commands the built-in table
 * does not know (modules, newer servers) still route. Each entry is an array of 6 (Redis < 6),
 * 7 (6.x) or 10 (7+) fields: name, arity, flags, first key, last key, step, ACL categories, tips,
 * key specs, subcommands. Key specs and their parts are maps in RESP3 and flat name/value arrays
 * in RESP2; both are read here. Malformed entries are skipped, never thrown on: a server we
 * cannot fully read still leaves the built-in table working.
 */
export function parseCommandInfo(reply: RespValue): CommandSpec[] {
  if (!Array.isArray(reply)) return [];
  const specs: CommandSpec[] = [];
  for (const entry of reply) {
    const spec = parseCommandEntry(entry);
    if (spec) specs.push(spec);
  }
  return specs;
}

/** One entry of the reply (`null` for a name COMMAND INFO did not know), or undefined. */
export function parseCommandEntry(entry: RespValue): CommandSpec | undefined {
  if (!Array.isArray(entry) || entry.length < 6) return undefined;
  const name = text(entry[0]);
  if (!name) return undefined;
  const flags = new Set(strings(entry[2]).map((flag) => flag.toLowerCase()));
  const tips = strings(entry[7]);
  const learned = keySpecs(entry[8]);
  const legacy = legacyKeys(integer(entry[3]), integer(entry[4]), integer(entry[5]));
  // Redis 7 key specs find movable keys (EVAL, XREAD) the legacy triple cannot describe.
  const keys = learned.specs.length > 0 ? learned.specs : legacy;
  const request = tip(tips, 'request_policy');
  const aggregate = responseAggregate(tip(tips, 'response_policy'));
  const multiKey = request === 'multi_shard' && isSplittableLayout(keys) ? multiKeyKind(aggregate) : undefined;
  const subs = Array.isArray(entry[9]) ? parseCommandInfo(entry[9]) : [];
  const readonly = flags.has('readonly');
  return defineCommand({
    name,
    keys,
    arity: integer(entry[1]),
    flags: {
      readonly,
      write: flags.has('write'),
      blocking: flags.has('blocking'),
      pubsub: flags.has('pubsub'),
      noScript: flags.has('noscript'),
      admin: flags.has('admin'),
    },
    route: route(request, keys.length > 0),
    ...(aggregate && { aggregate }),
    ...(multiKey && { multiKey }),
    ...((learned.incomplete || (learned.specs.length === 0 && flags.has('movablekeys'))) && { incompleteKeys: true }),
    ...(subs.length > 0 && { subcommands: subcommandMap(name, subs) }),
  });
}

function legacyKeys(first: number, last: number, step: number): KeySpec[] {
  return first > 0 && step > 0 ? [rangeSpec(first, last, step)] : [];
}

function keySpecs(value: RespValue | undefined): { specs: KeySpec[]; incomplete: boolean } {
  const specs: KeySpec[] = [];
  let incomplete = false;
  if (!Array.isArray(value)) return { specs, incomplete };
  for (const item of value) {
    const fields = record(item);
    const begin = fields && beginSearch(record(fields.begin_search));
    const find = fields && findKeys(record(fields.find_keys));
    if (begin && find) specs.push({ begin, find });
    // An `unknown` part (SORT's STORE) means some keys exist that no rule can find.
    else incomplete = true;
    if (fields && strings(fields.flags).some((flag) => flag.toLowerCase() === 'incomplete')) incomplete = true;
  }
  return { specs, incomplete };
}

function beginSearch(fields: RespMap | undefined): BeginSearch | undefined {
  const spec = record(fields?.spec);
  if (!fields || !spec) return undefined;
  switch (text(fields.type)) {
    case 'index':
      return { type: 'index', index: integer(spec.index) };
    case 'keyword': {
      const keyword = text(spec.keyword);
      return keyword ? { type: 'keyword', keyword: keyword.toUpperCase(), startFrom: integer(spec.startfrom) } : undefined;
    }
    default:
      return undefined;
  }
}

function findKeys(fields: RespMap | undefined): FindKeys | undefined {
  const spec = record(fields?.spec);
  if (!fields || !spec) return undefined;
  switch (text(fields.type)) {
    case 'range':
      return { type: 'range', lastKey: integer(spec.lastkey), step: integer(spec.keystep), limit: integer(spec.limit) };
    case 'keynum':
      return { type: 'keynum', numKeysAt: integer(spec.keynumidx), firstKey: integer(spec.firstkey), step: integer(spec.keystep) };
    default:
      return undefined;
  }
}

function route(request: string | undefined, hasKeys: boolean): CommandRoute {
  if (request === 'all_shards') return 'allMasters';
  if (request === 'all_nodes') return 'allNodes';
  return hasKeys ? 'key' : 'any';
}

const AGGREGATES: Record<string, ReplyAggregate> = {
  all_succeeded: 'allSucceeded',
  one_succeeded: 'oneSucceeded',
  agg_sum: 'sum',
  agg_min: 'min',
  agg_max: 'max',
  agg_logical_and: 'logicalAnd',
  agg_logical_or: 'logicalOr',
  special: 'special',
};

function responseAggregate(policy: string | undefined): ReplyAggregate | undefined {
  return policy === undefined ? undefined : AGGREGATES[policy];
}

/**
 * multi_shard with no response policy means "one reply per key, in key order" (MGET); agg_sum
 * counts (DEL, EXISTS); all_succeeded answers OK (MSET). Others (MSETNX's agg_min in 7.0) are left
 * whole: their all-or-nothing promise does not survive a split.
 */
function multiKeyKind(aggregate: ReplyAggregate | undefined): MultiKeyKind | undefined {
  if (aggregate === undefined) return 'mget';
  if (aggregate === 'sum') return 'count';
  if (aggregate === 'allSucceeded') return 'mset';
  return undefined;
}

function tip(tips: readonly string[], name: string): string | undefined {
  const prefix = `${name}:`;
  const found = tips.find((t) => t.toLowerCase().startsWith(prefix));
  return found?.slice(prefix.length).toLowerCase();
}

/** A RESP3 map as is, or a RESP2 flat [name, value, name, value...] array as a map. */
function record(value: RespValue | undefined): RespMap | undefined {
  if (!Array.isArray(value)) return isMap(value) ? value : undefined;
  const map: RespMap = {};
  for (let i = 0; i + 1 < value.length; i += 2) {
    const key = text(value[i]);
    if (key !== undefined) map[key.toLowerCase()] = value[i + 1];
  }
  return map;
}

function isMap(value: RespValue | undefined): value is RespMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value) && !(value instanceof Error);
}

function text(value: RespValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  return Buffer.isBuffer(value) ? value.toString() : undefined;
}

function strings(value: RespValue | undefined): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const item of value) {
    const s = text(item);
    if (s !== undefined) out.push(s);
  }
  return out;
}

function integer(value: RespValue | undefined): number {
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'bigint') return Number(value);
  const s = text(value);
  return s !== undefined && /^-?\d+$/.test(s) ? Number(s) : 0;
}
