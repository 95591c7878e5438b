import { aggregateReplies } from '../../../../lib/core/cluster/multi-key/reply-aggregate';
import type { ReplyAggregate } from '../../../../lib/core/commands/command-spec';
import type { RespValue } from '../../../../lib/core/resp/types';

describe('aggregateReplies', () => {
  it.each<[ReplyAggregate | undefined, RespValue[], RespValue]>([
    ['sum', [3, 4, 5], 12],
    ['sum', ['3', 4n, 5], 12], // RESP2 strings and RESP3 big numbers count alike
    ['sum', [], 0],
    ['min', [7, 2, 9], 2],
    ['max', [7, 2, 9], 9],
    ['concat', [['a', 'b'], ['c'], []], ['a', 'b', 'c']],
    ['concat', ['x', ['y']], ['x', 'y']],
    [
      'logicalAnd',
      [
        [1, 1, 0],
        [1, 0, 0],
      ],
      [1, 0, 0],
    ],
    [
      'logicalOr',
      [
        [1, 0, 0],
        [0, 0, 1],
      ],
      [1, 0, 1],
    ],
    ['logicalAnd', ['OK', 'OK'], 'OK'], // no arrays: the first reply
    ['allSucceeded', ['OK', 'OK', 'OK'], 'OK'],
    ['oneSucceeded', ['PONG', 'PONG'], 'PONG'],
    [undefined, ['OK'], 'OK'],
    ['allSucceeded', [], null],
  ])('%s of %p is %p', (kind, replies, expected) => {
    expect(aggregateReplies(kind, replies)).toEqual(expected);
  });
});
