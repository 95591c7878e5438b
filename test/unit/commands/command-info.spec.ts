import { parseCommandEntry, parseCommandInfo } from '../../../lib/core/commands/command-info';
import { CommandRegistry } from '../../../lib/core/commands/command-registry';
import type { CommandSpec } from '../../../lib/core/commands/command-spec';
import { firstKeyIndex, keyIndices } from '../../../lib/core/commands/key-positions';
import type { RespValue } from '../../../lib/core/resp/types';

// Entries as a Redis 7.0 server sends them to `COMMAND INFO` over RESP2 (key specs as flat
// name/value arrays), copied from a live server's reply.
const GET_RESP2: RespValue = [
  'get',
  2,
  ['readonly', 'fast'],
  1,
  1,
  1,
  ['@read', '@string', '@fast'],
  [],
  [
    [
      'flags',
      ['RO', 'access'],
      'begin_search',
      ['type', 'index', 'spec', ['index', 1]],
      'find_keys',
      ['type', 'range', 'spec', ['lastkey', 0, 'keystep', 1, 'limit', 0]],
    ],
  ],
  [],
];
const MSET_RESP2: RespValue = [
  'mset',
  -3,
  ['write', 'denyoom'],
  1,
  -1,
  2,
  ['@write', '@string', '@slow'],
  ['request_policy:multi_shard', 'response_policy:all_succeeded'],
  [
    [
      'flags',
      ['OW', 'update'],
      'begin_search',
      ['type', 'index', 'spec', ['index', 1]],
      'find_keys',
      ['type', 'range', 'spec', ['lastkey', -1, 'keystep', 2, 'limit', 0]],
    ],
  ],
  [],
];
const DEL_RESP2: RespValue = [
  'del',
  -2,
  ['write'],
  1,
  -1,
  1,
  ['@keyspace', '@write', '@slow'],
  ['request_policy:multi_shard', 'response_policy:agg_sum'],
  [
    [
      'flags',
      ['RM', 'delete'],
      'begin_search',
      ['type', 'index', 'spec', ['index', 1]],
      'find_keys',
      ['type', 'range', 'spec', ['lastkey', -1, 'keystep', 1, 'limit', 0]],
    ],
  ],
  [],
];
const EVAL_RESP2: RespValue = [
  'eval',
  -3,
  ['noscript', 'stale', 'skip_monitor', 'no_mandatory_keys', 'movablekeys'],
  0,
  0,
  0,
  ['@slow', '@scripting'],
  [],
  [
    [
      'notes',
      'We cannot tell how the keys will be used so we assume the worst, RW and UPDATE',
      'flags',
      ['RW', 'access', 'update'],
      'begin_search',
      ['type', 'index', 'spec', ['index', 2]],
      'find_keys',
      ['type', 'keynum', 'spec', ['keynumidx', 0, 'firstkey', 1, 'keystep', 1]],
    ],
  ],
  [],
];
const XREAD_RESP2: RespValue = [
  'xread',
  -4,
  ['readonly', 'blocking', 'movablekeys'],
  0,
  0,
  0,
  ['@read', '@stream', '@slow', '@blocking'],
  [],
  [
    [
      'flags',
      ['RO', 'access'],
      'begin_search',
      ['type', 'keyword', 'spec', ['keyword', 'STREAMS', 'startfrom', 1]],
      'find_keys',
      ['type', 'range', 'spec', ['lastkey', -1, 'keystep', 1, 'limit', 2]],
    ],
  ],
  [],
];
const SORT_RESP2: RespValue = [
  'sort',
  -2,
  ['write', 'denyoom', 'movablekeys'],
  1,
  1,
  1,
  ['@write', '@set', '@sortedset', '@list', '@slow', '@dangerous'],
  [],
  [
    [
      'flags',
      ['RO', 'access'],
      'begin_search',
      ['type', 'index', 'spec', ['index', 1]],
      'find_keys',
      ['type', 'range', 'spec', ['lastkey', 0, 'keystep', 1, 'limit', 0]],
    ],
    [
      'notes',
      'For the optional BY/GET keyword.',
      'flags',
      ['RO', 'access'],
      'begin_search',
      ['type', 'unknown', 'spec', []],
      'find_keys',
      ['type', 'unknown', 'spec', []],
    ],
    [
      'notes',
      'For the optional STORE keyword.',
      'flags',
      ['OW', 'update'],
      'begin_search',
      ['type', 'unknown', 'spec', []],
      'find_keys',
      ['type', 'unknown', 'spec', []],
    ],
  ],
  [],
];
const OBJECT_RESP2: RespValue = [
  'object',
  -2,
  [],
  0,
  0,
  0,
  ['@slow'],
  [],
  [],
  [
    [
      'object|encoding',
      3,
      ['readonly'],
      2,
      2,
      1,
      ['@keyspace', '@read', '@slow'],
      ['nondeterministic_output'],
      [
        [
          'flags',
          ['RO'],
          'begin_search',
          ['type', 'index', 'spec', ['index', 2]],
          'find_keys',
          ['type', 'range', 'spec', ['lastkey', 0, 'keystep', 1, 'limit', 0]],
        ],
      ],
      [],
    ],
    ['object|help', 2, ['loading', 'stale'], 0, 0, 0, ['@keyspace', '@slow'], [], [], []],
  ],
];

// The same over RESP3: flags/tips are sets (decoded as arrays), each key spec and its parts are maps.
const GET_RESP3: RespValue = [
  'get',
  2,
  ['readonly', 'fast'],
  1,
  1,
  1,
  ['@read', '@string', '@fast'],
  [],
  [
    {
      flags: ['RO', 'access'],
      begin_search: { type: 'index', spec: { index: 1 } },
      find_keys: { type: 'range', spec: { lastkey: 0, keystep: 1, limit: 0 } },
    },
  ],
  [],
];
const XREAD_RESP3: RespValue = [
  'xread',
  -4,
  ['readonly', 'blocking', 'movablekeys'],
  0,
  0,
  0,
  ['@read', '@stream', '@slow', '@blocking'],
  [],
  [
    {
      flags: ['RO', 'access'],
      begin_search: { type: 'keyword', spec: { keyword: 'STREAMS', startfrom: 1 } },
      find_keys: { type: 'range', spec: { lastkey: -1, keystep: 1, limit: 2 } },
    },
  ],
  [],
];

// A module command as a Redis 6 server reports it: 7 fields, no tips or key specs.
const MODULE_RESP2_LEGACY: RespValue = ['json.get', -2, ['readonly'], 1, 1, 1, ['@module']];
// A Redis 7 module that registered key specs and tips, over RESP3.
const MODULE_RESP3: RespValue = [
  'ts.madd',
  -4,
  ['write', 'denyoom', 'module'],
  1,
  -1,
  3,
  ['@module', '@write'],
  ['request_policy:multi_shard'],
  [
    {
      flags: ['RW', 'insert'],
      begin_search: { type: 'index', spec: { index: 1 } },
      find_keys: { type: 'range', spec: { lastkey: -1, keystep: 3, limit: 0 } },
    },
  ],
  [],
];

function parse(entry: RespValue): CommandSpec {
  const spec = parseCommandEntry(entry);
  if (!spec) throw new Error('entry not parsed');
  return spec;
}

describe('parseCommandInfo', () => {
  it('reads GET: one key at 1, read-only, safe to repeat, routed by key', () => {
    for (const entry of [GET_RESP2, GET_RESP3]) {
      const spec = parse(entry);
      expect(spec).toMatchObject({ name: 'GET', arity: 2, route: 'key', singleKeyAt: 1 });
      expect(spec.flags).toMatchObject({ readonly: true, write: false, blocking: false });
    }
  });

  it('reads MSET: key/value pairs to the end, split per slot, OK when all parts are', () => {
    const spec = parse(MSET_RESP2);
    expect(spec).toMatchObject({ name: 'MSET', multiKey: 'mset', aggregate: 'allSucceeded', route: 'key' });
    expect(spec.flags).toMatchObject({ write: true });
    expect(keyIndices(spec, ['MSET', 'a', 1, 'b', 2, 'c', 3])).toEqual([1, 3, 5]);
  });

  it('reads DEL as a summed count', () => {
    expect(parse(DEL_RESP2)).toMatchObject({ multiKey: 'count', aggregate: 'sum' });
  });

  it('reads EVAL from its key spec (numkeys), not the legacy 0/0/0', () => {
    const spec = parse(EVAL_RESP2);
    expect(spec.flags).toMatchObject({ noScript: true, readonly: false });
    expect(spec.incompleteKeys).toBeUndefined();
    expect(keyIndices(spec, ['EVAL', 'return 1', '2', 'a', 'b', 'arg'])).toEqual([3, 4]);
    expect(firstKeyIndex(spec, ['EVAL', 'return 1', '0'])).toBe(-1);
  });

  it('reads XREAD from its STREAMS keyword spec, over RESP2 and RESP3', () => {
    for (const entry of [XREAD_RESP2, XREAD_RESP3]) {
      const spec = parse(entry);
      expect(spec.flags).toMatchObject({ readonly: true, blocking: true });
      expect(keyIndices(spec, ['XREAD', 'COUNT', '2', 'STREAMS', 'a', 'b', '0', '0'])).toEqual([4, 5]);
    }
  });

  it('keeps the usable part of SORT and marks its keys incomplete', () => {
    const spec = parse(SORT_RESP2);
    expect(spec.incompleteKeys).toBe(true);
    expect(spec.keys).toHaveLength(1);
    expect(spec.singleKeyAt).toBe(1);
  });

  it('reads subcommands into the container, by both spellings', () => {
    const spec = parse(OBJECT_RESP2);
    expect(spec.keys).toEqual([]);
    expect(spec.route).toBe('any');
    const encoding = spec.subcommands?.get('ENCODING');
    expect(encoding).toBe(spec.subcommands?.get('encoding'));
    expect(encoding).toMatchObject({ name: 'OBJECT|ENCODING', singleKeyAt: 2 });
    expect(spec.subcommands?.get('HELP')?.keys).toEqual([]);
  });

  it('reads a Redis 6 module entry from the legacy first/last/step', () => {
    const spec = parse(MODULE_RESP2_LEGACY);
    expect(spec).toMatchObject({ name: 'JSON.GET', singleKeyAt: 1, route: 'key' });
    expect(spec.flags.readonly).toBe(true);
  });

  it('reads a Redis 7 module entry with a stepped key spec and a multi_shard tip', () => {
    const spec = parse(MODULE_RESP3);
    expect(spec.multiKey).toBe('mget');
    expect(keyIndices(spec, ['TS.MADD', 'a', 1, 10, 'b', 1, 20])).toEqual([1, 4]);
  });

  it('maps request policies to routes', () => {
    const flushall: RespValue = [
      'flushall',
      -1,
      ['write'],
      0,
      0,
      0,
      ['@write'],
      ['request_policy:all_shards', 'response_policy:all_succeeded'],
      [],
      [],
    ];
    const configSet: RespValue = [
      'config|set',
      -4,
      ['admin', 'noscript'],
      0,
      0,
      0,
      ['@admin'],
      ['request_policy:all_nodes', 'response_policy:all_succeeded'],
      [],
      [],
    ];
    expect(parse(flushall)).toMatchObject({ route: 'allMasters', aggregate: 'allSucceeded' });
    expect(parse(configSet)).toMatchObject({ route: 'allNodes', flags: expect.objectContaining({ admin: true, noScript: true }) });
  });

  it('does not split multi_shard commands with a policy that does not survive a split (MSETNX agg_min)', () => {
    const msetnx: RespValue = ['msetnx', -3, ['write'], 1, -1, 2, [], ['request_policy:multi_shard', 'response_policy:agg_min'], [], []];
    expect(parse(msetnx).multiKey).toBeUndefined();
  });

  it('reads Buffer strings and bigint integers', () => {
    const spec = parse([Buffer.from('get'), 2n, [Buffer.from('readonly')], 1n, 1n, 1n]);
    expect(spec).toMatchObject({ name: 'GET', singleKeyAt: 1, flags: expect.objectContaining({ readonly: true }) });
  });

  it('skips nulls (COMMAND INFO of an unknown name) and malformed entries', () => {
    const specs = parseCommandInfo([null, GET_RESP2, 'garbage', [1, 2], XREAD_RESP2]);
    expect(specs.map((s) => s.name)).toEqual(['GET', 'XREAD']);
    expect(parseCommandInfo(null)).toEqual([]);
  });

  it('feeds a registry: unknown commands are learned, known ones keep the built-in spec', () => {
    const registry = new CommandRegistry();
    const builtinGet = registry.get('GET');
    const changed = registry.learn(parseCommandInfo([GET_RESP2, MODULE_RESP3]));
    expect(changed).toBe(1);
    expect(registry.get('GET')).toBe(builtinGet);
    expect(registry.get('ts.madd')?.name).toBe('TS.MADD');
    expect(registry.get('TS.MADD')).toBe(registry.get('ts.madd'));
  });
});
