import { Pipeline, type SendFn } from '../../../../lib/core/cluster/batch/pipeline';
import { ClientClosedError } from '../../../../lib/core/errors/client-closed-error';
import { ReplyError } from '../../../../lib/core/errors/reply-error';
import type { RespArg, RespValue } from '../../../../lib/core/resp/types';
import { rejection } from '../../../helpers/rejection';

/** A send() that answers by command name, applying the method's transform as the client does. */
function sender(answers: Record<string, RespValue | Error>): { send: SendFn; sent: RespArg[][] } {
  const sent: RespArg[][] = [];
  const send: SendFn = <V>(args: RespArg[], options?: { transform?: (reply: RespValue) => V }) => {
    sent.push(args);
    const answer = answers[String(args[0])];
    if (answer instanceof Error) return Promise.reject(answer);
    return Promise.resolve(options?.transform ? options.transform(answer) : (answer as V));
  };
  return { send, sent };
}

describe('Pipeline.exec', () => {
  it('sends every queued command at once and gives one [error, reply] per command, in order', async () => {
    const wrongType = new ReplyError('WRONGTYPE', 'wrong kind of value');
    const { send, sent } = sender({ SET: 'OK', LPUSH: wrongType, HGETALL: ['f', 'v'] });
    const results = await new Pipeline(send).set('k', 'v').call('LPUSH', 'k', 'x').hgetall('h').exec();
    expect(results).toEqual([
      [null, 'OK'],
      [wrongType, null],
      [null, { f: 'v' }],
    ]);
    expect(sent).toEqual([
      ['SET', 'k', 'v'],
      ['LPUSH', 'k', 'x'],
      ['HGETALL', 'h'],
    ]);
  });

  it('rejects whole, sending nothing, when the client refuses the batch', async () => {
    const { send, sent } = sender({});
    const closed = new ClientClosedError();
    const pipeline = new Pipeline(send, () => closed).set('k', 'v');
    expect(await rejection(pipeline.exec())).toBe(closed);
    expect(sent).toEqual([]);
  });

  it('is empty after exec() and can be reused', async () => {
    const { send, sent } = sender({ GET: 'v' });
    const pipeline = new Pipeline(send).get('a');
    await pipeline.exec();
    expect(pipeline.length).toBe(0);
    await expect(pipeline.get('b').exec()).resolves.toEqual([[null, 'v']]);
    expect(sent).toEqual([
      ['GET', 'a'],
      ['GET', 'b'],
    ]);
  });
});
