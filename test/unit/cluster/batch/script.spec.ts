import { createHash } from 'node:crypto';
import { Script } from '../../../../lib/core/cluster/batch/script';
import { ReplyError } from '../../../../lib/core/errors/reply-error';
import type { RespArg, RespValue } from '../../../../lib/core/resp/types';
import { rejection } from '../../../helpers/rejection';

const LUA = "return redis.call('GET', KEYS[1])";
const SHA1 = createHash('sha1').update(LUA).digest('hex');

/** A call() that answers each request from `answers` in turn and records what it was asked. */
function scripted(...answers: Array<RespValue | Error>): { call: (args: RespArg[]) => Promise<RespValue>; calls: RespArg[][] } {
  const calls: RespArg[][] = [];
  return {
    calls,
    call: (args) => {
      calls.push(args);
      const answer = answers.shift();
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer ?? null);
    },
  };
}

describe('Script', () => {
  it('runs by SHA1 with EVALSHA, keys counted before the arguments', async () => {
    const { call, calls } = scripted('v');
    await expect(new Script(LUA, call).run(['k'], ['a', 1])).resolves.toBe('v');
    expect(calls).toEqual([['EVALSHA', SHA1, 1, 'k', 'a', 1]]);
  });

  it('falls back to EVAL with the source on NOSCRIPT', async () => {
    const { call, calls } = scripted(new ReplyError('NOSCRIPT', 'No matching script'), 'v');
    await expect(new Script(LUA, call).run(['k'])).resolves.toBe('v');
    expect(calls).toEqual([
      ['EVALSHA', SHA1, 1, 'k'],
      ['EVAL', LUA, 1, 'k'],
    ]);
  });

  it('uses EVALSHA_RO / EVAL_RO when read-only', async () => {
    const { call, calls } = scripted(new ReplyError('NOSCRIPT', 'No matching script'), 'v');
    await new Script(LUA, call, true).run([]);
    expect(calls.map((c) => c[0])).toEqual(['EVALSHA_RO', 'EVAL_RO']);
  });

  it('passes any other error through without EVAL', async () => {
    const busy = new ReplyError('BUSY', 'Redis is busy running a script');
    const { call, calls } = scripted(busy);
    expect(await rejection(new Script(LUA, call).run())).toBe(busy);
    expect(calls).toHaveLength(1);
  });
});
