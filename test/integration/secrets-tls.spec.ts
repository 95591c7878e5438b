/**
 * Secrets against the real TLS+ACL cluster: after a connect() that used the ACL password, a TLS
 * client key and its passphrase, nothing reachable from the client shows them (util.inspect at any
 * depth with showHidden, JSON of options and health), a forced auth failure does not either, URL
 * seeds carry credentials, and `rejectUnauthorized: false` is announced once per client.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { AuthError } from '../../lib/core/errors/auth-error';
import type { RedisClusterOptions } from '../../lib/core/options/client-options';
import { tlsCluster, type TlsCluster } from '../helpers/cluster-env';
import { rejection } from '../helpers/rejection';

let c: TlsCluster;
const clients: RedisClusterClient[] = [];
const PASSPHRASE = `passphrase-${Math.random().toString(36).slice(2)}`;
let key: string;
let keyBody: string;
let cert: Buffer;

beforeAll(() => {
  c = tlsCluster();
  // The servers do not ask for client certificates (tls-auth-clients no): the pair only has to be
  // valid for the dial to use it, so the server's own pair, re-encrypted with a passphrase, serves.
  const dir = path.dirname(c.caFile);
  cert = readFileSync(path.join(dir, 'server.crt'));
  key = createPrivateKey(readFileSync(path.join(dir, 'server.key')))
    .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE })
    .toString();
  // A line of the key's base64, long enough never to appear by chance.
  keyBody = key.split('\n').find((line) => line.length >= 60) ?? '';
  expect(keyBody.length).toBeGreaterThanOrEqual(60);
});

afterAll(async () => {
  await Promise.all(clients.map((cl) => cl.close()));
});

function client(options: Partial<RedisClusterOptions>): RedisClusterClient {
  const cl = new RedisClusterClient({ nodes: c.nodes, topologyRefreshInterval: 0, ...options });
  clients.push(cl);
  return cl;
}

function expectNone(text: string, secrets: string[]): void {
  for (const secret of secrets) expect(text.includes(secret) ? `found ${secret.slice(0, 12)}…` : 'absent').toBe('absent');
}

describe('a client connected with an ACL password, a TLS client key and its passphrase', () => {
  it('shows none of them under util.inspect (any depth, showHidden), nor in JSON of options and health', async () => {
    const cl = client({
      username: c.aclUser,
      password: c.aclPassword,
      tls: { ca: c.ca, key, passphrase: PASSPHRASE, cert },
      minIdleConns: 1,
    });
    await cl.connect();
    expect(await cl.call('ACL', 'WHOAMI')).toBe(c.aclUser);
    const everything = [
      inspect(cl, { depth: Infinity, showHidden: true }),
      inspect(cl, { depth: Infinity, showHidden: true, customInspect: false }),
      JSON.stringify(cl.options),
      JSON.stringify(cl.health()),
    ].join('\n');
    // The inspection did reach the sockets: a test that printed nothing would prove nothing.
    expect(everything).toContain(`127.0.0.1:${c.ports[0]}`);
    expect(everything).toContain('[hidden]');
    expectNone(everything, [c.aclPassword, PASSPHRASE, keyBody]);
  });

  it('a forced auth failure shows neither password nor key in its message, stack or fields', async () => {
    const wrong = `wrong-${Math.random().toString(36).slice(2)}`;
    const cl = client({ username: c.aclUser, password: wrong, tls: { ca: c.ca, key, passphrase: PASSPHRASE, cert } });
    const error = await rejection(cl.connect());
    expect(error).toBeInstanceOf(AuthError);
    expectNone(`${error.message}\n${error.stack}\n${inspect(error, { depth: Infinity, showHidden: true })}\n${JSON.stringify(error)}`, [
      wrong,
      PASSPHRASE,
      keyBody,
    ]);
  });
});

describe('URL seeds on the TLS cluster', () => {
  it('rediss://user:password@host:port connects as that ACL user, over TLS', async () => {
    const [first, second] = c.ports;
    const secret = encodeURIComponent(c.aclPassword);
    const cl = client({
      nodes: [`rediss://${c.aclUser}:${secret}@127.0.0.1:${first}`, `127.0.0.1:${second}`],
      tls: { ca: c.ca },
    });
    await cl.connect();
    expect(await cl.call('ACL', 'WHOAMI')).toBe(c.aclUser);
    expectNone(`${inspect(cl, { depth: Infinity, showHidden: true })}\n${JSON.stringify(cl.options)}`, [c.aclPassword, secret]);
  });

  it('a wrong password in the URL fails as AuthError without echoing it', async () => {
    const cl = client({ nodes: [`rediss://${c.aclUser}:url-wrong-pw@127.0.0.1:${c.ports[0]}`], tls: { ca: c.ca } });
    const error = await rejection(cl.connect());
    expect(error).toBeInstanceOf(AuthError);
    expectNone(`${error.message}\n${error.stack}\n${inspect(error, { depth: Infinity })}`, ['url-wrong-pw']);
  });
});

describe('tls: { rejectUnauthorized: false }', () => {
  it('is announced once per client by a warning event, however many nodes are dialled', async () => {
    const warnings: string[] = [];
    const cl = client({ password: c.password, tls: { rejectUnauthorized: false }, minIdleConns: 1 });
    cl.on('warning', (message) => warnings.push(message));
    await cl.connect();
    expect(Object.values(cl.nodePoolStats()).filter((s) => s.totalConns > 0).length).toBe(c.ports.length);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/rejectUnauthorized/);
  });

  it('says nothing when certificates are verified', async () => {
    const warnings: string[] = [];
    const cl = client({ password: c.password, tls: { ca: c.ca } });
    cl.on('warning', (message) => warnings.push(message));
    await cl.connect();
    expect(warnings).toEqual([]);
  });
});
