import { inspect } from 'node:util';
import { resolveOptions } from '../../../lib/core/options/resolve-options';
import { Secret } from '../../../lib/core/options/secret';

const PASSWORD = 's3cret-value';
const KEY = '-----BEGIN PRIVATE KEY-----key-material';
const PASSPHRASE = 'pass-phrase-value';

/** Every way a value gets printed or serialized by accident. */
function shown(value: unknown): string {
  return [
    inspect(value, { depth: Infinity, showHidden: true }),
    inspect(value, { depth: Infinity, showHidden: true, customInspect: false, getters: true }),
    JSON.stringify(value),
    String(value),
    `${value as string}`,
  ].join('\n');
}

describe('Secret', () => {
  const secret = new Secret(PASSWORD);

  it('gives the value to whoever asks by name', () => {
    expect(secret.reveal()).toBe(PASSWORD);
  });

  it('shows [hidden] to inspect (showHidden, customInspect off), JSON and string conversion', () => {
    const text = shown({ nested: { deeper: [secret] } });
    expect(text).not.toContain(PASSWORD);
    expect(text).toContain('[hidden]');
  });

  it('has no property holding the value, enumerable or not', () => {
    expect(Object.getOwnPropertyNames(secret)).toEqual([]);
    expect(Object.getOwnPropertySymbols(secret)).toEqual([]);
  });
});

describe('resolved options', () => {
  const options = resolveOptions({
    nodes: ['127.0.0.1:7000'],
    username: 'app',
    password: PASSWORD,
    tls: { key: KEY, passphrase: PASSPHRASE, pfx: Buffer.from('pfx-bytes'), servername: 'redis.internal' },
  });

  it('keep the password and TLS secrets for the handshake and the dial', () => {
    expect(options.password?.reveal()).toBe(PASSWORD);
    expect(options.tlsSecrets?.reveal()).toMatchObject({ key: KEY, passphrase: PASSPHRASE });
    expect(options.tls).toEqual({ servername: 'redis.internal' });
  });

  it('show neither the password nor the key nor the passphrase', () => {
    const text = shown(options);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(PASSPHRASE);
    expect(text).toContain('redis.internal');
  });

  it("leave the caller's tls object as it was", () => {
    const tls = { key: KEY, servername: 'x' };
    resolveOptions({ nodes: ['127.0.0.1:7000'], tls });
    expect(tls).toEqual({ key: KEY, servername: 'x' });
  });
});
