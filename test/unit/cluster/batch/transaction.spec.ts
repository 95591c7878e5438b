import { Transaction, type TransactionRunner } from '../../../../lib/core/cluster/batch/transaction';
import { InvalidArgumentError } from '../../../../lib/core/errors/invalid-argument-error';
import { ReplyError } from '../../../../lib/core/errors/reply-error';
import { UnsupportedCommandError } from '../../../../lib/core/errors/unsupported-command-error';
import type { RespArg, RespValue } from '../../../../lib/core/resp/types';
import { rejection } from '../../../helpers/rejection';

/** A runner that records what it was asked to run and answers with `replies`. */
function runner(replies: RespValue[] | null): { run: TransactionRunner; ran: RespArg[][][] } {
  const ran: RespArg[][][] = [];
  return {
    ran,
    run: (commands) => {
      ran.push(commands);
      return Promise.resolve(replies);
    },
  };
}

describe('Transaction.exec', () => {
  it('hands the queued commands to the runner in order and maps EXEC replies to [error, reply]', async () => {
    const wrongType = new ReplyError('WRONGTYPE', 'Operation against a key holding the wrong kind of value');
    const { run, ran } = runner(['OK', wrongType, 2]);
    const tx = new Transaction(run).set('k', 'v').call('LPUSH', 'k', 'x').incr('n');
    expect(await tx.exec()).toEqual([
      [null, 'OK'],
      [wrongType, null],
      [null, 2],
    ]);
    expect(ran).toEqual([
      [
        ['SET', 'k', 'v'],
        ['LPUSH', 'k', 'x'],
        ['INCR', 'n'],
      ],
    ]);
  });

  it("applies each method's reply transform", async () => {
    const { run } = runner([['f', 'v']]);
    expect(await new Transaction(run).hgetall('h').exec()).toEqual([[null, { f: 'v' }]]);
  });

  it('a transform that throws fails its own entry only', async () => {
    const { run } = runner([42, 'OK']);
    const results = await new Transaction(run).hgetall('h').set('k', 'v').exec();
    expect(results?.[0][0]).toBeInstanceOf(Error);
    expect(results?.[0][1]).toBeNull();
    expect(results?.[1]).toEqual([null, 'OK']);
  });

  it('resolves null when a WATCHed key changed (EXEC answered nil)', async () => {
    const { run } = runner(null);
    await expect(new Transaction(run).set('k', 'v').exec()).resolves.toBeNull();
  });

  it('is empty again after exec(), so it can be reused', async () => {
    const { run, ran } = runner(['OK']);
    const tx = new Transaction(run).set('k', 'v');
    await tx.exec();
    expect(tx.length).toBe(0);
    await tx.set('k2', 'v2').exec();
    expect(ran[1]).toEqual([['SET', 'k2', 'v2']]);
  });

  it('refuses the whole exec before MULTI for an argument that cannot be sent', async () => {
    const { run, ran } = runner(['OK', 'OK']);
    const tx = new Transaction(run).set('k', 'v').call('SET', 'k', undefined as unknown as RespArg);
    expect(await rejection(tx.exec())).toBeInstanceOf(InvalidArgumentError);
    expect(ran).toEqual([]);
  });

  it('refuses a command that would change the connection state (SELECT, nested MULTI)', async () => {
    const { run, ran } = runner(['OK']);
    expect(await rejection(new Transaction(run).call('SELECT', 1).exec())).toBeInstanceOf(UnsupportedCommandError);
    expect(await rejection(new Transaction(run).call('MULTI').exec())).toBeInstanceOf(UnsupportedCommandError);
    expect(ran).toEqual([]);
  });
});
