import { CommandRegistry } from '../../../lib/core/commands/command-registry';
import { defineCommand } from '../../../lib/core/commands/command-spec';
import { keysAt, keywordSpec, numKeysSpec, rangeSpec } from '../../../lib/core/commands/spec-builders';
import { firstKey, firstKeyIndex, keyIndices } from '../../../lib/core/commands/key-positions';
import type { RespArg } from '../../../lib/core/resp/types';

const registry = new CommandRegistry();

function keysOf(line: string): string[] {
  const args = line.split(' ');
  const spec = registry.resolve(args);
  if (!spec) throw new Error(`no spec for ${args[0]}`);
  return keyIndices(spec, args).map((i) => args[i]);
}

// Expected keys are what a Redis 7.0 server answers to COMMAND GETKEYS for the same argv.
const SERVER_GETKEYS: Array<[string, string[]]> = [
  ['GET k1', ['k1']],
  ['SET k1 v NX EX 10', ['k1']],
  ['MGET k1 k2 k3', ['k1', 'k2', 'k3']],
  ['MSET k1 v1 k2 v2', ['k1', 'k2']],
  ['DEL k1 k2 k3', ['k1', 'k2', 'k3']],
  ['RENAME k1 k2', ['k1', 'k2']],
  ['EVAL s 2 k1 k2 a1 a2', ['k1', 'k2']],
  ['EVALSHA s 1 k1 a1', ['k1']],
  ['FCALL f 0 a1', []],
  ['XREAD COUNT 2 STREAMS k1 k2 0 0', ['k1', 'k2']],
  ['XREAD BLOCK 0 STREAMS k1 $', ['k1']],
  ['XREADGROUP GROUP g c COUNT 1 STREAMS k1 k2 > >', ['k1', 'k2']],
  ['BLPOP k1 k2 0', ['k1', 'k2']],
  ['BZPOPMIN k1 k2 k3 5', ['k1', 'k2', 'k3']],
  ['ZUNIONSTORE k1 2 k2 k3 WEIGHTS 1 2', ['k1', 'k2', 'k3']],
  ['ZINTER 2 k1 k2 WITHSCORES', ['k1', 'k2']],
  ['LMPOP 2 k1 k2 LEFT COUNT 3', ['k1', 'k2']],
  ['BLMPOP 0 2 k1 k2 RIGHT', ['k1', 'k2']],
  ['SINTERCARD 2 k1 k2 LIMIT 5', ['k1', 'k2']],
  ['BITOP AND k1 k2 k3', ['k1', 'k2', 'k3']],
  ['OBJECT ENCODING k1', ['k1']],
  ['XINFO STREAM k1 FULL', ['k1']],
  ['XGROUP CREATE k1 g $ MKSTREAM', ['k1']],
  ['MEMORY USAGE k1', ['k1']],
  ['GEORADIUS k1 0 0 10 km STORE k2', ['k1', 'k2']],
  ['GEORADIUSBYMEMBER k1 m 10 km STOREDIST k2', ['k1', 'k2']],
  ['LMOVE k1 k2 LEFT RIGHT', ['k1', 'k2']],
  ['SMOVE k1 k2 m', ['k1', 'k2']],
  ['COPY k1 k2 REPLACE', ['k1', 'k2']],
  ['PFCOUNT k1 k2', ['k1', 'k2']],
  ['WATCH k1 k2', ['k1', 'k2']],
  ['SORT k1 LIMIT 0 1', ['k1']],
];

describe('keyIndices', () => {
  it.each(SERVER_GETKEYS)('%s -> %j, as COMMAND GETKEYS says', (line, keys) => {
    expect(keysOf(line)).toEqual(keys);
  });

  it('routes SPUBLISH by its shard channel (the server reports it as not_key, but hashes it like one)', () => {
    expect(keysOf('SPUBLISH k1 msg')).toEqual(['k1']);
  });

  it('finds keys in lower-case commands and keywords', () => {
    expect(keysOf('xread count 2 streams k1 k2 0 0')).toEqual(['k1', 'k2']);
    expect(keysOf('object encoding k1')).toEqual(['k1']);
  });

  it('finds nothing for commands without keys', () => {
    expect(keysOf('PING')).toEqual([]);
    expect(keysOf('CLUSTER SLOTS')).toEqual([]);
  });

  it('drops positions past the end of a short argv (the server reports the arity error)', () => {
    expect(keysOf('GET')).toEqual([]);
    expect(keysOf('EVAL s 3 k1')).toEqual(['k1']);
    expect(keysOf('XREAD COUNT 2')).toEqual([]);
  });

  it('finds no keys when numkeys is not a usable count', () => {
    expect(keysOf('EVAL s x k1')).toEqual([]);
    expect(keysOf('EVAL s -1 k1')).toEqual([]);
    expect(keysOf('EVAL s 0 k1')).toEqual([]);
  });

  it('accepts numbers and Buffers in the argv', () => {
    const spec = registry.get('EVAL')!;
    expect(keyIndices(spec, ['EVAL', 's', 2, Buffer.from('a'), 'b', 'c'])).toEqual([3, 4]);
    const xread = registry.get('XREAD')!;
    expect(keyIndices(xread, ['XREAD', Buffer.from('streams'), 'k', '0'])).toEqual([2]);
  });

  it('searches a keyword backwards from the end for a negative start (MIGRATE ... KEYS k1 k2)', () => {
    const migrate = defineCommand({ name: 'MIGRATE', keys: [keywordSpec('KEYS', -2)] });
    const args = 'MIGRATE host 6379 "" 0 5000 KEYS k1 k2'.split(' ');
    expect(keyIndices(migrate, args).map((i) => args[i])).toEqual(['k1', 'k2']);
  });

  it('walks a step (MSET pairs) and a bounded range', () => {
    expect(keyIndices(defineCommand({ name: 'X', keys: keysAt(1, -1, 2) }), ['X', 'a', 1, 'b', 2])).toEqual([1, 3]);
    expect(keyIndices(defineCommand({ name: 'X', keys: keysAt(2, 3) }), ['X', 'o', 'a', 'b', 'c'])).toEqual([2, 3]);
  });
});

describe('firstKeyIndex / firstKey', () => {
  const get = registry.get('GET')!;

  it('uses the precomputed position for fixed single-key commands', () => {
    expect(get.singleKeyAt).toBe(1);
    expect(firstKeyIndex(get, ['GET', 'k'])).toBe(1);
    expect(firstKeyIndex(get, ['GET'])).toBe(-1);
  });

  it('finds the first key of movable-key commands', () => {
    const cases: Array<[string, number]> = [
      ['EVAL s 2 k1 k2 a', 3],
      ['EVAL s 0 a', -1],
      ['XREAD COUNT 1 STREAMS k1 0', 4],
      ['XREAD COUNT 1', -1],
      ['ZUNIONSTORE d 2 k1 k2', 1],
      ['BLMPOP 0 2 k1 k2 LEFT', 3],
      ['MGET a b', 1],
      ['MGET', -1],
      ['PING', -1],
    ];
    for (const [line, index] of cases) {
      const args = line.split(' ');
      expect([line, firstKeyIndex(registry.resolve(args)!, args)]).toEqual([line, index]);
    }
  });

  it('returns the key itself, or undefined', () => {
    const args: RespArg[] = ['EVAL', 's', 1, 'k1'];
    expect(firstKey(registry.get('EVAL')!, args)).toBe('k1');
    expect(firstKey(registry.get('PING')!, ['PING'])).toBeUndefined();
  });

  it('skips a spec that finds nothing and takes the next', () => {
    const spec = defineCommand({ name: 'X', keys: [keywordSpec('STORE', 2, 0, 0), rangeSpec(1)] });
    expect(firstKeyIndex(spec, ['X', 'a', 'b'])).toBe(1);
    expect(firstKeyIndex(spec, ['X', 'a', 'STORE', 'd'])).toBe(3);
    expect(spec.singleKeyAt).toBe(0);
  });

  it('has no fixed position for counted keys', () => {
    expect(defineCommand({ name: 'X', keys: [numKeysSpec(1)] }).singleKeyAt).toBe(0);
  });
});
