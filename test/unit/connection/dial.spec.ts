import { generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';
import type { ConnectionConfig } from '../../../lib/core/connection/connection-config';
import { dial } from '../../../lib/core/connection/dial';
import { SocketInput } from '../../../lib/core/connection/socket-input';
import { TlsError } from '../../../lib/core/errors/tls-error';
import { Secret } from '../../../lib/core/options/secret';
import { rejection } from '../../helpers/rejection';

const PASSPHRASE = 'the-right-passphrase';

function config(passphrase: string): ConnectionConfig {
  const { privateKey } = generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return {
    // Port 9 (discard) is never dialled: the secure context fails first.
    host: '127.0.0.1',
    port: 9,
    tls: {},
    tlsSecrets: new Secret({ key: privateKey, passphrase }),
    username: undefined,
    password: undefined,
    clientName: undefined,
    protocol: 3,
    readOnly: false,
    dialTimeout: 1000,
    readTimeout: 1000,
    writeTimeout: 1000,
  };
}

describe('dial with TLS secrets', () => {
  it('a key its passphrase cannot open: TlsError naming the address, without the passphrase', async () => {
    const error = await rejection(dial(config('a-wrong-passphrase'), '127.0.0.1:9', new SocketInput()));
    expect(error).toBeInstanceOf(TlsError);
    expect((error as TlsError).address).toBe('127.0.0.1:9');
    const shown = `${error.message}\n${error.stack}\n${inspect(error, { depth: Infinity, showHidden: true })}`;
    expect(shown).not.toContain('a-wrong-passphrase');
    expect(shown).not.toContain('PRIVATE KEY');
  });
});
