import { CommandRegistry } from '../../../lib/core/commands/command-registry';
import { keyIndices } from '../../../lib/core/commands/key-positions';
import { sanitizeArgs } from '../../../lib/core/diagnostics/sanitize-args';
import type { RespArg } from '../../../lib/core/resp/types';

const registry = new CommandRegistry();

function sanitized(...args: RespArg[]): string[] {
  const spec = registry.resolve(args);
  if (spec === undefined) throw new Error(`no spec for ${String(args[0])}`);
  return sanitizeArgs(spec.name.toUpperCase(), args, keyIndices(spec, args));
}

describe('sanitizeArgs', () => {
  it.each<[RespArg[], string[]]>([
    [
      ['get', 'k'],
      ['GET', 'k'],
    ],
    [
      ['SET', 'k', 'token', 'PX', 100],
      ['SET', 'k', '?', '?', '?'],
    ],
    [
      ['MSET', 'a', '1', 'b', '2'],
      ['MSET', 'a', '?', 'b', '?'],
    ],
    [
      ['HSET', 'h', 'password', 'hunter2'],
      ['HSET', 'h', '?', '?'],
    ],
    [
      ['EVAL', 'return 1', 2, 'k1', 'k2', 'arg'],
      ['EVAL', '?', '?', 'k1', 'k2', '?'],
    ],
    [
      ['HSET', Buffer.from('h'), 'f', Buffer.from('secret')],
      ['HSET', 'h', '?', '?'],
    ],
  ])('%j -> %j: keys kept, every other argument hidden', (args, expected) => {
    expect(sanitized(...args)).toEqual(expected);
  });
});
