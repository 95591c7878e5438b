import type { ReplyAggregate } from '../../commands/command-spec';
import type { RespValue } from '../../resp/types';

/** Folds the replies of a command sent to several nodes into one, per Redis's response-policy tips. */
export function aggregateReplies(kind: ReplyAggregate | undefined, replies: readonly RespValue[]): RespValue {
  switch (kind) {
    case 'sum':
      return replies.reduce<number>((total, r) => total + Number(r), 0);
    case 'min':
      return Math.min(...replies.map(Number));
    case 'max':
      return Math.max(...replies.map(Number));
    case 'concat':
      return replies.flatMap((r) => (Array.isArray(r) ? r : [r]));
    case 'logicalAnd':
    case 'logicalOr':
      return elementwise(replies, kind === 'logicalAnd');
    default:
      // allSucceeded / oneSucceeded: every node said the same thing (OK); report it once.
      return replies[0] ?? null;
  }
}

function elementwise(replies: readonly RespValue[], and: boolean): RespValue {
  const arrays = replies.filter(Array.isArray) as RespValue[][];
  if (arrays.length === 0) return replies[0] ?? null;
  return arrays[0].map((_, i) => {
    const bits = arrays.map((a) => Number(a[i]) === 1);
    return (and ? bits.every(Boolean) : bits.some(Boolean)) ? 1 : 0;
  });
}
