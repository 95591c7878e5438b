import { BUILTIN_COMMANDS } from '../../../lib/core/commands/builtin-commands';
import { CommandRegistry } from '../../../lib/core/commands/command-registry';
import { defineCommand, isSafeToRepeat, type CommandSpec } from '../../../lib/core/commands/command-spec';
import { READS, REPEAT_CLASSES, REPEAT_OPTIONS } from '../../../lib/core/commands/repeat-safety';
import { repeatClassOf } from '../../../lib/core/commands/repeat-verdict';
import { keysAt } from '../../../lib/core/commands/spec-builders';
import type { RespArg } from '../../../lib/core/resp/types';

const registry = new CommandRegistry();
const ALL_SPECS: CommandSpec[] = BUILTIN_COMMANDS.flatMap((s) => [s, ...new Set(s.subcommands?.values() ?? [])]);
const LISTED = REPEAT_CLASSES.flatMap((cls) => cls.commands);

function verdict(...args: RespArg[]): boolean {
  const spec = registry.resolve(args);
  if (spec === undefined) throw new Error(`no spec for ${args.join(' ')}`);
  return isSafeToRepeat(spec, args);
}

describe('the repeat-safety table', () => {
  it('classifies every built-in command that is not flagged readonly (containers aside: an unknown subcommand is not repeated)', () => {
    const unclassified = ALL_SPECS.filter((s) => !s.flags.readonly && !s.subcommands && !LISTED.includes(s.name)).map((s) => s.name);
    expect(unclassified).toEqual([]);
  });

  it('lists each command once, and only commands the built-in table knows', () => {
    const names = new Set(ALL_SPECS.map((s) => s.name));
    expect(LISTED.filter((name) => !names.has(name))).toEqual([]);
    expect(LISTED.filter((name, i) => LISTED.indexOf(name) !== i)).toEqual([]);
    expect(REPEAT_OPTIONS.filter((o) => !LISTED.includes(o.command)).map((o) => o.command)).toEqual([]);
  });

  it('never lists a command flagged readonly in a class that is not repeated', () => {
    const refused = ALL_SPECS.filter((s) => s.flags.readonly && repeatClassOf(s)?.rule === 'never').map((s) => s.name);
    expect(refused).toEqual([]);
  });

  it('gives every class and option a reason', () => {
    for (const row of [...REPEAT_CLASSES, ...REPEAT_OPTIONS]) expect(row.reason.length).toBeGreaterThan(20);
    expect(new Set(REPEAT_CLASSES.map((c) => c.title)).size).toBe(REPEAT_CLASSES.length);
  });

  it('puts commands flagged readonly in the reads class', () => {
    expect(repeatClassOf(registry.get('GET') as CommandSpec)?.title).toBe(READS);
    expect(repeatClassOf(registry.get('XREAD') as CommandSpec)?.title).toBe(READS);
  });
});

// [argv, repeated?]: the cases from issue 9 first, then one or more per class and option.
const ROWS: Array<[RespArg[], boolean]> = [
  [['LTRIM', 'q', 2, -1], false],
  [['GETDEL', 'k'], false],
  [['SET', 'lock', 'me', 'NX', 'PX', 30000], false],
  [['GETSET', 'k', 'v'], false],
  [['SET', 'k', 'v', 'GET'], false],
  [['SET', 'k', 'v', 'xx'], false],
  [['SET', 'k', 'v', 'IFEQ', 'old'], false],
  [['SETNX', 'k', 'v'], false],
  [['HSETNX', 'h', 'f', 'v'], false],
  [['MSETNX', 'a', '1', 'b', '2'], false],
  [['RENAME', 'a', 'b'], false],
  [['RENAMENX', 'a', 'b'], false],
  [['SMOVE', 'a', 'b', 'm'], false],
  [['COPY', 'a', 'b'], false],
  [['RESTORE', 'k', 0, 'payload'], false],
  [['XGROUP', 'CREATE', 's', 'g', '$'], false],
  [['BITOP', 'NOT', 'd', 'd'], false],
  [['ZUNIONSTORE', 'd', 2, 'd', 'x'], false],
  [['ZINTERSTORE', 'd', 2, 'x', 'd'], false],
  // reads
  [['GET', 'k'], true],
  [['MGET', 'a', 'b'], true],
  [['XREAD', 'STREAMS', 's', '0'], true],
  [['XREAD', 'BLOCK', 0, 'STREAMS', 's', '$'], false],
  [['EVAL_RO', 'return 1', 0], true],
  [['SORT', 'k'], true],
  [['BITFIELD', 'b', 'GET', 'u8', 0], true],
  [['GETEX', 'k'], true],
  [['GETEX', 'k', 'PERSIST'], true],
  // server information
  [['PING'], true],
  [['CLUSTER', 'SLOTS'], true],
  [['CONFIG', 'GET', 'maxmemory'], true],
  // overwrite with a constant reply
  [['SET', 'k', 'v'], true],
  [['SET', 'k', 'v', 'EX', 10], true],
  [['SET', 'k', 'v', 'KEEPTTL'], true],
  [['SET', 'k', 'nx'], true], // "nx" is the value, not an option
  [['MSET', 'a', '1', 'b', '2'], true],
  [['HMSET', 'h', 'f', 'v'], true],
  [['LSET', 'q', 0, 'v'], true],
  [['SETEX', 'k', 10, 'v'], true],
  [['PSETEX', 'k', 10, 'v'], true],
  [['SCRIPT', 'LOAD', 'return 1'], true],
  [['CONFIG', 'SET', 'maxmemory', '0'], true],
  [['FLUSHALL'], true],
  // conditional writes, and the options that make them safe
  [['RESTORE', 'k', 0, 'payload', 'REPLACE'], true],
  [['RESTORE', 'k', 1700000000000, 'payload', 'REPLACE', 'ABSTTL'], true],
  [['RESTORE', 'replace', 0, 'payload'], false], // a key named "replace" is not the option
  [['COPY', 'a', 'b', 'REPLACE'], true],
  [['COPY', 'replace', 'b'], false],
  [['FUNCTION', 'LOAD', '#!lua name=l\nredis.register_function("f", function() return 1 end)'], false],
  [['FUNCTION', 'LOAD', 'REPLACE', '#!lua name=l ...'], true],
  [['FUNCTION', 'LOAD', 'REPLACE'], false], // the library code itself, not the option
  [['FUNCTION', 'RESTORE', 'payload'], false],
  [['FUNCTION', 'RESTORE', 'payload', 'REPLACE'], true],
  [['FUNCTION', 'DELETE', 'l'], false],
  // expiry
  [['EXPIRE', 'k', 10], false],
  [['PEXPIREAT', 'k', 1], false],
  [['PERSIST', 'k'], false],
  [['GETEX', 'k', 'EX', 10], false],
  // destructive reads
  [['LPOP', 'q'], false],
  [['SPOP', 's'], false],
  [['ZPOPMIN', 'z'], false],
  [['SETBIT', 'b', 7, 1], false],
  [['BITFIELD', 'b', 'SET', 'u8', 0, 1], false],
  [['BITFIELD', 'b', Buffer.from('incrby'), 'u8', 0, 1], false],
  [['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>'], false],
  // counting writes
  [['DEL', 'k'], false],
  [['UNLINK', 'k'], false],
  [['HSET', 'h', 'f', 'v'], false],
  [['SADD', 's', 'm'], false],
  [['ZADD', 'z', 1, 'm'], false],
  [['ZADD', 'z', 'INCR', 1, 'm'], false],
  [['PFADD', 'p', 'a'], false],
  [['XACK', 's', 'g', '1-0'], false],
  // accumulating writes
  [['INCR', 'k'], false],
  [['APPEND', 'k', 'x'], false],
  [['LPUSH', 'q', 'x'], false],
  [['HINCRBYFLOAT', 'h', 'f', 1], false],
  // ranges relative to current content
  [['LREM', 'q', 0, 'x'], false],
  [['ZREMRANGEBYRANK', 'z', 0, 0], false],
  // move/rename
  [['LMOVE', 'a', 'b', 'LEFT', 'RIGHT'], false],
  [['RPOPLPUSH', 'a', 'b'], false],
  // stores from sources: repeated only when the destination is not a source
  [['BITOP', 'AND', 'd', 'x', 'y'], true],
  [['ZUNIONSTORE', 'd', 2, 'x', 'y'], true],
  [['SUNIONSTORE', 'd', 'x', 'y'], true],
  [['SDIFFSTORE', 'd', 'x', Buffer.from('d')], false],
  [['ZRANGESTORE', 'd', 'd', 0, 1], false],
  [['GEOSEARCHSTORE', 'd', 'x', 'FROMLONLAT', 0, 0, 'BYRADIUS', 1, 'km'], true],
  [['SORT', 'k', 'STORE', 'd'], false],
  [['GEORADIUS', 'g', 0, 0, 1, 'km', 'STORE', 'd'], false],
  [['PFMERGE', 'd', 'd', 'x'], true],
  // scripts and functions
  [['EVAL', 'return 1', 0], false],
  [['EVALSHA', 'abc', 0], false],
  [['FCALL', 'f', 0], false],
  // server-side effects
  [['PUBLISH', 'ch', 'm'], false],
  [['SPUBLISH', 'ch', 'm'], false],
  [['XADD', 's', '*', 'f', 'v'], false],
  [['XCLAIM', 's', 'g', 'c', 0, '1-0'], false],
  // connection state
  [['MULTI'], false],
  [['WAIT', 1, 0], false],
  [['CLIENT', 'SETNAME', 'n'], false],
  [['READONLY'], false],
  // administration
  [['CLUSTER', 'FAILOVER'], false],
  [['CLIENT', 'KILL', 'ID', 1], false],
  [['SCRIPT', 'KILL'], false],
  // an unknown subcommand resolves to its container, which the table does not list
  [['OBJECT', 'NOSUCH', 'k'], false],
];

describe('isSafeToRepeat', () => {
  it.each(ROWS.map(([args, expected]) => [args.map(String).join(' '), expected, args] as const))(
    '%s -> repeated: %s',
    (_shown, expected, args) => {
      expect(verdict(...args)).toBe(expected);
    },
  );

  it('repeats a command it does not list (a module command learned from COMMAND INFO) only when flagged readonly', () => {
    const write = defineCommand({ name: 'JSON.SET', keys: keysAt(1), flags: { write: true } });
    const read = defineCommand({ name: 'JSON.GET', keys: keysAt(1), flags: { readonly: true } });
    const unflagged = defineCommand({ name: 'MODULE.THING', keys: keysAt(1) });
    expect(isSafeToRepeat(write, ['JSON.SET', 'k', '$', '1'])).toBe(false);
    expect(isSafeToRepeat(read, ['JSON.GET', 'k'])).toBe(true);
    expect(isSafeToRepeat(unflagged, ['MODULE.THING', 'k'])).toBe(false);
  });

  it('judges a command it lists by the table, whatever flags a learned spec of that name carries', () => {
    const learnedDel = defineCommand({ name: 'DEL', keys: keysAt(1, -1), flags: { readonly: true } });
    const learnedSet = defineCommand({ name: 'SET', keys: keysAt(1), flags: { write: true } });
    expect(isSafeToRepeat(learnedDel, ['DEL', 'k'])).toBe(false);
    expect(isSafeToRepeat(learnedSet, ['SET', 'k', 'v'])).toBe(true);
    expect(isSafeToRepeat(learnedSet, ['SET', 'k', 'v', 'NX'])).toBe(false);
  });
});
