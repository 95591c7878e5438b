import type { ConnectionConfig } from '../../../lib/core/connection/connection-config';
import { handshake } from '../../../lib/core/connection/handshake';
import { AuthError } from '../../../lib/core/errors/auth-error';
import { parseReplyError } from '../../../lib/core/errors/parse-reply-error';
import { Secret } from '../../../lib/core/options/secret';
import type { RespArg, RespValue } from '../../../lib/core/resp/types';
import { fakeConfig } from '../../helpers/fake-connection';
import { rejection } from '../../helpers/rejection';

const ADDRESS = '127.0.0.1:7000';

/** A server that answers each command by name (an Error is sent back as the error reply). */
function server(answers: Record<string, RespValue | Error> = {}): { send: (args: RespArg[]) => Promise<RespValue>; seen: RespArg[][] } {
  const seen: RespArg[][] = [];
  return {
    seen,
    send: (args) => {
      seen.push(args);
      const answer = answers[String(args[0])] ?? 'OK';
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
}

function config(fields: Partial<ConnectionConfig>): ConnectionConfig {
  return { ...fakeConfig(), ...fields };
}

describe('handshake', () => {
  it('RESP3: one HELLO with AUTH and SETNAME', async () => {
    const { send, seen } = server();
    const cfg = config({ protocol: 3, username: 'app', password: new Secret('s3cret'), clientName: 'svc' });
    await expect(handshake(send, cfg, ADDRESS)).resolves.toBe(3);
    expect(seen).toEqual([['HELLO', 3, 'AUTH', 'app', 's3cret', 'SETNAME', 'svc']]);
  });

  it('authenticates as "default" when only a password is set', async () => {
    const { send, seen } = server();
    await handshake(send, config({ protocol: 3, password: new Secret('pw') }), ADDRESS);
    expect(seen).toEqual([['HELLO', 3, 'AUTH', 'default', 'pw']]);
  });

  it('RESP2 with nothing to set sends nothing at all', async () => {
    const { send, seen } = server();
    await expect(handshake(send, config({ protocol: 2 }), ADDRESS)).resolves.toBe(2);
    expect(seen).toEqual([]);
  });

  it('sends READONLY after the handshake when asked to (replica reads)', async () => {
    const { send, seen } = server();
    await handshake(send, config({ protocol: 3, readOnly: true }), ADDRESS);
    expect(seen).toEqual([['HELLO', 3], ['READONLY']]);
  });

  it('a server without HELLO gets AUTH and CLIENT SETNAME and stays on RESP2', async () => {
    const { send, seen } = server({ HELLO: parseReplyError("ERR unknown command 'HELLO'") });
    const cfg = config({ protocol: 3, username: 'app', password: new Secret('pw'), clientName: 'svc' });
    await expect(handshake(send, cfg, ADDRESS)).resolves.toBe(2);
    expect(seen.slice(1)).toEqual([
      ['AUTH', 'app', 'pw'],
      ['CLIENT', 'SETNAME', 'svc'],
    ]);
  });

  it('NOPROTO falls back too, with a password-only AUTH', async () => {
    const { send, seen } = server({ HELLO: parseReplyError('NOPROTO unsupported protocol version') });
    await expect(handshake(send, config({ protocol: 3, password: new Secret('pw') }), ADDRESS)).resolves.toBe(2);
    expect(seen.slice(1)).toEqual([['AUTH', 'pw']]);
  });

  it.each(['WRONGPASS invalid username-password pair or user is disabled.', 'NOPERM this user has no permissions', 'ERR invalid password'])(
    'a refused credential (%s) is an AuthError naming the node, never retried in other forms',
    async (text) => {
      const { send, seen } = server({ HELLO: parseReplyError(text) });
      const error = await rejection(handshake(send, config({ protocol: 3, password: new Secret('pw') }), ADDRESS));
      expect(error).toBeInstanceOf(AuthError);
      expect(error).toMatchObject({ code: 'ERR_AUTH', address: ADDRESS });
      expect(error.message).not.toContain('pw');
      expect(seen).toHaveLength(1);
    },
  );

  it('an AUTH refused after the fallback is an AuthError too', async () => {
    const { send } = server({
      HELLO: parseReplyError('ERR unknown command'),
      AUTH: parseReplyError('WRONGPASS invalid username-password pair'),
    });
    expect(await rejection(handshake(send, config({ protocol: 3, password: new Secret('pw') }), ADDRESS))).toBeInstanceOf(AuthError);
  });

  it('any other HELLO error is passed through as is', async () => {
    const busy = parseReplyError('LOADING Redis is loading the dataset in memory');
    const { send } = server({ HELLO: busy });
    expect(await rejection(handshake(send, config({ protocol: 3 }), ADDRESS))).toBe(busy);
  });
});
