import { keySlot } from '../../../../lib/core/slots/hash-slot';
import { WatchSession } from '../../../../lib/core/cluster/batch/watch-session';
import { CommandRegistry } from '../../../../lib/core/commands/command-registry';
import { CrossSlotKeysError } from '../../../../lib/core/errors/cross-slot-error';
import { UnsupportedCommandError } from '../../../../lib/core/errors/unsupported-command-error';
import type { RespArg, RespValue } from '../../../../lib/core/resp/types';
import { FakeConnection, fakeConfig } from '../../../helpers/fake-connection';
import { rejection } from '../../../helpers/rejection';

describe('WatchSession (on a fake connection)', () => {
  const SLOT = keySlot('{u1}:balance');
  let connection: FakeConnection;
  let session: WatchSession;

  /** Answers each command by name, as the node holding the WATCH would. */
  const answers: Record<string, RespValue> = { GET: '10', HGETALL: ['f', 'v'], MULTI: 'OK', INCRBY: 'QUEUED', EXEC: [15] };

  beforeEach(() => {
    connection = new FakeConnection(fakeConfig(), {}, (args: RespArg[]) => answers[String(args[0]).toUpperCase()]);
    session = new WatchSession(connection.asConnection(), new CommandRegistry(), SLOT);
  });

  it('runs commands on its own connection, with the method transform', async () => {
    await expect(session.get('{u1}:balance')).resolves.toBe('10');
    await expect(session.hgetall('{u1}:profile')).resolves.toEqual({ f: 'v' });
    expect(connection.sent.map((c) => c.args)).toEqual([
      ['GET', '{u1}:balance'],
      ['HGETALL', '{u1}:profile'],
    ]);
  });

  it('refuses a key outside the watched slot before sending it', async () => {
    const error = await rejection(session.get('other-key'));
    expect(error).toBeInstanceOf(CrossSlotKeysError);
    expect(connection.sent).toEqual([]);
  });

  it('refuses commands that would change the connection state', async () => {
    expect(await rejection(session.call('SELECT', 1))).toBeInstanceOf(UnsupportedCommandError);
    expect(connection.sent).toEqual([]);
  });

  it('multi() sends MULTI, the commands and EXEC back to back on the same connection', async () => {
    const results = await session.multi().incrby('{u1}:balance', 5).exec();
    expect(results).toEqual([[null, 15]]);
    expect(connection.sent.map((c) => c.name)).toEqual(['MULTI', 'INCRBY', 'EXEC']);
  });

  it('multi() refuses a key in another slot, sending nothing', async () => {
    expect(await rejection(session.multi().incrby('elsewhere', 1).exec())).toBeInstanceOf(CrossSlotKeysError);
    expect(connection.sent).toEqual([]);
  });

  it('EXEC answered nil (a watched key changed) resolves null', async () => {
    answers.EXEC = null;
    try {
      await expect(session.multi().incrby('{u1}:balance', 5).exec()).resolves.toBeNull();
    } finally {
      answers.EXEC = [15];
    }
  });
});
