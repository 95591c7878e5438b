import { CommandLearner } from '../../../../lib/core/cluster/client/command-learner';
import { CommandRegistry } from '../../../../lib/core/commands/command-registry';
import type { RespArg, RespValue } from '../../../../lib/core/resp/types';

// A module command as `COMMAND INFO` describes it over RESP2: one key at index 1.
const MODULE_GET: RespValue = [
  'json.get',
  -2,
  ['readonly'],
  1,
  1,
  1,
  ['@read'],
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

describe('CommandLearner', () => {
  function learner(reply: RespValue): { learner: CommandLearner; asked: RespArg[][]; answer: () => void } {
    const asked: RespArg[][] = [];
    const waiting: Array<() => void> = [];
    const ask = (args: RespArg[]): Promise<RespValue> => {
      asked.push(args);
      return new Promise((resolve) => waiting.push(() => resolve(reply)));
    };
    return { learner: new CommandLearner(new CommandRegistry(), ask), asked, answer: () => waiting.splice(0).forEach((go) => go()) };
  }

  it('learns an unknown command once with COMMAND INFO, even for concurrent callers, and routes it by its keys', async () => {
    const { learner: l, asked, answer } = learner([MODULE_GET]);
    const first = l.resolve(['JSON.GET', 'k']);
    const second = l.resolve(['json.get', 'other']);
    answer();
    const [a, b] = await Promise.all([first, second]);
    expect(asked).toEqual([['COMMAND', 'INFO', 'JSON.GET']]);
    expect(a?.name).toBe('JSON.GET');
    expect(a?.flags.readonly).toBe(true);
    expect(b).toBe(a);
  });

  it('a command the server does not know either is not asked about again', async () => {
    const { learner: l, asked, answer } = learner([null]);
    const first = l.resolve(['NOPE.CMD']);
    answer();
    await expect(first).resolves.toBeUndefined();
    await expect(l.resolve(['NOPE.CMD'])).resolves.toBeUndefined();
    expect(asked).toHaveLength(1);
  });
});
