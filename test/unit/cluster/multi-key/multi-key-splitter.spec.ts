import { hashSlot, keySlot } from '../../../../lib/core/slots/hash-slot';
import { assertSingleSlot, mergeMultiKey, splitMultiKey, type SlotGroup } from '../../../../lib/core/cluster/multi-key/multi-key-splitter';
import { CommandRegistry } from '../../../../lib/core/commands/command-registry';
import { defineCommand, type CommandSpec } from '../../../../lib/core/commands/command-spec';
import { numKeysSpec } from '../../../../lib/core/commands/spec-builders';
import { CrossSlotKeysError } from '../../../../lib/core/errors/cross-slot-error';
import { ReplyError } from '../../../../lib/core/errors/reply-error';
import type { RespArg, RespValue } from '../../../../lib/core/resp/types';

const registry = new CommandRegistry();
const spec = (name: string): CommandSpec => registry.get(name)!;

/** What one node would answer to a per-slot MGET: the value stored under each key. */
function serve(groups: readonly SlotGroup[], store: Map<string, string>): RespValue[] {
  return groups.map((g) => g.args.slice(1).map((key) => store.get(String(key)) ?? null));
}

describe('splitMultiKey', () => {
  it('sends keys in one slot as the caller wrote them (no copy)', () => {
    const args: RespArg[] = ['MGET', '{u1}.a', '{u1}.b', '{u1}.a'];
    const groups = splitMultiKey(spec('MGET'), args);
    expect(groups).toHaveLength(1);
    expect(groups[0].args).toBe(args);
    expect(groups[0].slot).toBe(hashSlot('u1'));
    expect(groups[0].positions).toEqual([0, 1, 2]);
  });

  it('groups 1,000 keys over many slots and reassembles MGET in the caller order', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `key:${i}`);
    const store = new Map(keys.map((k, i) => [k, `v${i}`] as [string, string]));
    const groups = splitMultiKey(spec('MGET'), ['MGET', ...keys]);
    expect(groups.length).toBeGreaterThan(500);
    for (const g of groups) {
      expect(g.args[0]).toBe('MGET');
      for (const key of g.args.slice(1)) expect(keySlot(key)).toBe(g.slot);
    }
    expect(groups.reduce((n, g) => n + g.positions.length, 0)).toBe(1000);
    const merged = mergeMultiKey('mget', groups, serve(groups, store));
    expect(merged).toEqual(keys.map((_, i) => `v${i}`));
  });

  it('keeps duplicates and missing keys in place', () => {
    const store = new Map([
      ['a', '1'],
      ['b', '2'],
    ]);
    const keys = ['a', 'b', 'a', 'missing', 'b'];
    const groups = splitMultiKey(spec('MGET'), ['MGET', ...keys]);
    expect(mergeMultiKey('mget', groups, serve(groups, store))).toEqual(['1', '2', '1', null, '2']);
  });

  it('keeps hash-tagged keys together', () => {
    const groups = splitMultiKey(spec('DEL'), ['DEL', '{a}1', '{b}1', '{a}2', '{b}2', '{a}3']);
    expect(groups.map((g) => g.args)).toEqual([
      ['DEL', '{a}1', '{a}2', '{a}3'],
      ['DEL', '{b}1', '{b}2'],
    ]);
    expect(groups.map((g) => g.positions)).toEqual([
      [0, 2, 4],
      [1, 3],
    ]);
  });

  it('splits MSET by pairs, each value staying with its key', () => {
    const groups = splitMultiKey(spec('MSET'), ['MSET', '{a}x', 1, '{b}x', 2, '{a}y', 3]);
    expect(groups.map((g) => g.args)).toEqual([
      ['MSET', '{a}x', 1, '{a}y', 3],
      ['MSET', '{b}x', 2],
    ]);
    expect(groups.map((g) => g.positions)).toEqual([[0, 2], [1]]);
    expect(mergeMultiKey('mset', groups, ['OK', 'OK'])).toBe('OK');
  });

  it('refuses an MSET with a key missing its value, as the server would', () => {
    expect(() => splitMultiKey(spec('MSET'), ['MSET', 'a', 1, 'b'])).toThrow(ReplyError);
    expect(() => splitMultiKey(spec('MSET'), ['MSET', 'a', 1, 'b'])).toThrow("wrong number of arguments for 'mset' command");
    expect(() => splitMultiKey(spec('MGET'), ['MGET'])).toThrow(ReplyError);
  });

  it('refuses a spec whose keys cannot be split', () => {
    expect(() => splitMultiKey(spec('GET'), ['GET', 'a'])).toThrow(TypeError);
    expect(() => splitMultiKey(spec('ZUNIONSTORE'), ['ZUNIONSTORE', 'd', 2, 'a', 'b'])).toThrow(TypeError);
  });

  it('rewrites numkeys per part for counted layouts, keeping what follows the keys', () => {
    const counted = defineCommand({ name: 'X.MGET', keys: [numKeysSpec(1)], multiKey: 'mget' });
    const groups = splitMultiKey(counted, ['X.MGET', 3, '{a}1', '{b}1', '{a}2', 'WITHMETA']);
    expect(groups.map((g) => g.args)).toEqual([
      ['X.MGET', 2, '{a}1', '{a}2', 'WITHMETA'],
      ['X.MGET', 1, '{b}1', 'WITHMETA'],
    ]);
    expect(() => splitMultiKey(counted, ['X.MGET', 3, 'a'])).toThrow(ReplyError);
  });

  it('uses the given slot function', () => {
    const groups = splitMultiKey(spec('EXISTS'), ['EXISTS', 'a', 'bb', 'c'], (key) => String(key).length);
    expect(groups.map((g) => [g.slot, g.args])).toEqual([
      [1, ['EXISTS', 'a', 'c']],
      [2, ['EXISTS', 'bb']],
    ]);
  });
});

describe('mergeMultiKey', () => {
  const groups: SlotGroup[] = [
    { slot: 1, args: ['EXISTS', 'a', 'a'], positions: [0, 2] },
    { slot: 2, args: ['EXISTS', 'b'], positions: [1] },
  ];

  it('sums counts (EXISTS a b a with a present counts a twice)', () => {
    expect(mergeMultiKey('count', groups, [2, 0])).toBe(2);
    expect(mergeMultiKey('count', groups, [2, 1n])).toBe(3);
  });

  it('throws the first error reply among the parts', () => {
    const error = new ReplyError('WRONGTYPE', 'WRONGTYPE Operation against a key holding the wrong kind of value');
    expect(() => mergeMultiKey('count', groups, [1, error])).toThrow(error);
  });

  it('refuses replies that do not match the groups', () => {
    expect(() => mergeMultiKey('mget', groups, [['x', 'y']])).toThrow(TypeError);
    expect(() => mergeMultiKey('mget', groups, [['x'], ['y']])).toThrow(TypeError);
  });

  it('returns a single part as it is', () => {
    const reply = ['1', null];
    expect(mergeMultiKey('mget', [{ slot: 1, args: ['MGET', 'a', 'b'], positions: [0, 1] }], [reply])).toBe(reply);
  });
});

describe('assertSingleSlot', () => {
  it('returns the shared slot of keys with one tag', () => {
    expect(assertSingleSlot('sunionstore', ['SUNIONSTORE', '{t}d', '{t}a', '{t}b'], spec('SUNIONSTORE'))).toBe(hashSlot('t'));
    expect(assertSingleSlot('eval', ['EVAL', 's', 2, '{t}a', '{t}b', 'not-a-key'], spec('EVAL'))).toBe(hashSlot('t'));
  });

  it('returns -1 without keys, and the key slot for single-key commands', () => {
    expect(assertSingleSlot('eval', ['EVAL', 's', 0], spec('EVAL'))).toBe(-1);
    expect(assertSingleSlot('ping', ['PING'], spec('PING'))).toBe(-1);
    expect(assertSingleSlot('get', ['GET', 'foo'], spec('GET'))).toBe(12182);
  });

  it.each([
    ['MSETNX', ['MSETNX', 'foo', 1, 'bar', 2]],
    ['RENAME', ['RENAME', 'foo', 'bar']],
    ['SUNIONSTORE', ['SUNIONSTORE', 'foo', 'bar']],
    ['ZUNIONSTORE', ['ZUNIONSTORE', 'foo', 1, 'bar']],
    ['EVAL', ['EVAL', 's', 2, 'foo', 'bar']],
    ['SMOVE', ['SMOVE', 'foo', 'bar', 'm']],
    ['LMOVE', ['LMOVE', 'foo', 'bar', 'LEFT', 'RIGHT']],
    ['RPOPLPUSH', ['RPOPLPUSH', 'foo', 'bar']],
    ['COPY', ['COPY', 'foo', 'bar']],
    ['BITOP', ['BITOP', 'AND', 'foo', 'bar']],
  ] as Array<[string, RespArg[]]>)('refuses %s over two slots, naming both', (name, args) => {
    let caught: unknown;
    try {
      assertSingleSlot(name.toLowerCase(), args, spec(name));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CrossSlotKeysError);
    const error = caught as CrossSlotKeysError;
    expect(error.command).toBe(name);
    expect(error.slots).toEqual([12182, 5061]);
    expect(error.message).toContain('12182, 5061');
    expect(error.code).toBe('ERR_CROSS_SLOT');
  });
});
