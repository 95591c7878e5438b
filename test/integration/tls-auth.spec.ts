/**
 * TLS and credentials against the shared TLS cluster (TLS only, requirepass, and an ACL user):
 * what works, and how each misconfiguration fails — typed, fast, without a retry storm, and
 * without the secret in any error text.
 */
import { inspect } from 'node:util';
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { AuthError } from '../../lib/core/errors/auth-error';
import { ClusterConnectError } from '../../lib/core/errors/cluster-connect-error';
import { ConnectionError } from '../../lib/core/errors/connection-error';
import { TimeoutError } from '../../lib/core/errors/timeout-error';
import { TlsError } from '../../lib/core/errors/tls-error';
import type { RedisClusterOptions } from '../../lib/core/options/client-options';
import type { RespValue } from '../../lib/core/resp/types';
import { plainCluster, tlsCluster, type TlsCluster } from '../helpers/cluster-env';
import { NodeProbes, sleep, text, uniquePrefix } from '../helpers/node-probe';

let c: TlsCluster;
let probes: NodeProbes;
const clients: RedisClusterClient[] = [];
const prefix = uniquePrefix('tls-auth');

beforeAll(async () => {
  c = tlsCluster();
  probes = await NodeProbes.open(c.ports, { ca: c.ca, password: c.password });
});

afterAll(async () => {
  await Promise.all(clients.map((cl) => cl.close()));
  await probes?.close();
});

function client(options: Partial<RedisClusterOptions>): RedisClusterClient {
  const cl = new RedisClusterClient({ nodes: c.nodes, ...options });
  clients.push(cl);
  return cl;
}

/** connect()'s rejection and how long it took. */
async function failedConnect(cl: RedisClusterClient): Promise<{ error: Error; ms: number }> {
  const started = Date.now();
  const error = await cl.connect().then(
    () => {
      throw new Error('connect() resolved');
    },
    (e: Error) => e,
  );
  return { error, ms: Date.now() - started };
}

/** Everything a log line could show of an error: message, stack, causes, own fields. */
function everythingShown(error: Error): string {
  return `${String(error)}\n${inspect(error, { depth: 10 })}\n${JSON.stringify(error)}`;
}

/** Sum of ACL LOG `count` for auth failures of `username`, over every node. */
async function authFailures(username: string): Promise<number> {
  let total = 0;
  for (const port of c.ports) {
    const entries = (await probes.request(port, 'ACL', 'LOG', 1000)) as RespValue[][];
    for (const entry of entries) {
      const fields: Record<string, RespValue> = {};
      for (let i = 0; i + 1 < entry.length; i += 2) fields[text(entry[i])] = entry[i + 1];
      if (text(fields.reason) === 'auth' && text(fields.username) === username) total += Number(fields.count);
    }
  }
  return total;
}

describe('good credentials', () => {
  it('connects with the CA and the default password, and every node discovered uses them', async () => {
    const cl = client({ tls: { ca: c.ca }, password: c.password, minIdleConns: 1 });
    await cl.connect();
    expect(await cl.call('ACL', 'WHOAMI')).toBe('default');
    await cl.set(`${prefix}k`, 'over tls');
    expect(await cl.get(`${prefix}k`)).toBe('over tls');
    // One seed given, six nodes found: each pool dialled its node with the same TLS and password.
    const stats = cl.nodePoolStats();
    expect(Object.keys(stats).sort()).toEqual(c.ports.map((p) => `127.0.0.1:${p}`).sort());
    expect(Object.values(stats).every((s) => s.totalConns >= 1)).toBe(true);
    await cl.del(`${prefix}k`);
  });

  it('authenticates as the ACL user with username + password', async () => {
    const cl = client({ nodes: [c.nodes[2]], tls: { ca: c.ca }, username: c.aclUser, password: c.aclPassword });
    await cl.connect();
    expect(await cl.call('ACL', 'WHOAMI')).toBe(c.aclUser);
    expect(await cl.incr(`${prefix}acl`)).toBe(1);
    await cl.del(`${prefix}acl`);
  });
});

describe('a wrong password', () => {
  it('fails connect() fast with AuthError (ERR_AUTH), the password in no error text', async () => {
    const wrong = `wrong-${Math.random().toString(36).slice(2)}`;
    const { error, ms } = await failedConnect(client({ tls: { ca: c.ca }, password: wrong, dialTimeout: 5000 }));
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe('ERR_AUTH');
    expect((error as AuthError).address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(error.message).toMatch(/WRONGPASS|invalid/);
    expect(everythingShown(error)).not.toContain(wrong);
    // Refused on the first answer, not after a dial timeout or a round of retries.
    expect(ms).toBeLessThan(2000);
  });

  it('is tried at most once per seed, and never again in the background', async () => {
    // A user name of our own, so the servers' ACL LOG counts only this client's attempts.
    const username = `nobody-${Math.random().toString(36).slice(2)}`;
    const secret = `pw-${Math.random().toString(36).slice(2)}`;
    const cl = client({ tls: { ca: c.ca }, username, password: secret });
    const { error } = await failedConnect(cl);
    expect(error).toBeInstanceOf(AuthError);
    expect(everythingShown(error)).not.toContain(secret);
    const attempts = await authFailures(username);
    expect(attempts).toBeGreaterThanOrEqual(1);
    expect(attempts).toBeLessThanOrEqual(c.nodes.length);
    await sleep(300);
    expect(await authFailures(username)).toBe(attempts);
    expect(cl.status).toBe('idle');
  });

  it('without any password: refused as AuthError too (NOAUTH), not a protocol error', async () => {
    const { error } = await failedConnect(client({ nodes: [c.nodes[0]], tls: { ca: c.ca } }));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toMatch(/NOAUTH/);
  });
});

describe('TLS misconfiguration', () => {
  it('a certificate the client cannot verify (no CA given) fails with TlsError naming the address', async () => {
    const { error } = await failedConnect(client({ nodes: c.nodes.slice(0, 2), tls: true, password: c.password }));
    // The first seed's refusal is final: the same trust settings would fail on every node.
    expect(error).toBeInstanceOf(TlsError);
    const e = error as TlsError;
    expect(e.code).toBe('ERR_TLS');
    expect(e.address).toBe(`127.0.0.1:${c.nodes[0].port}`);
    expect(e.message).toContain(e.address);
    expect(e.message).toMatch(/certificate/i);
    expect(everythingShown(error)).not.toContain(c.password);
  });

  it('plain TCP to the TLS port fails with a typed connection error, not a hang or a dial timeout', async () => {
    const { error, ms } = await failedConnect(client({ nodes: [c.nodes[0]], password: c.password, dialTimeout: 4000 }));
    expect(error).toBeInstanceOf(ClusterConnectError);
    const cause = (error as ClusterConnectError).causes[0];
    expect(cause).toBeInstanceOf(ConnectionError);
    // The server hangs up on bytes that are not TLS: the client notices that, it does not wait it out.
    expect(cause).not.toBeInstanceOf(TimeoutError);
    expect(ms).toBeLessThan(4000);
    expect(everythingShown(error)).not.toContain(c.password);
  });

  it('TLS to a plain port fails with TlsError, or a dial timeout when the server just waits', async () => {
    // The server reads the ClientHello as an inline command: when its random bytes hold a newline it
    // answers "-ERR ..." (not TLS: TlsError), otherwise it waits for one (the dial deadline passes).
    // poolTimeout is raised above dialTimeout so the dial's own error is the one reported.
    const plain = plainCluster();
    const address = `127.0.0.1:${plain.ports[0]}`;
    const { error } = await failedConnect(client({ nodes: [plain.nodes[0]], tls: { ca: c.ca }, dialTimeout: 800, poolTimeout: 5000 }));
    expect(error).toBeInstanceOf(ClusterConnectError);
    const cause = (error as ClusterConnectError).causes[0] as ConnectionError;
    if (cause instanceof TimeoutError) expect(cause.code).toBe('ERR_DIAL_TIMEOUT');
    else expect(cause).toBeInstanceOf(TlsError);
    expect(cause.address).toBe(address);
    expect(cause.message).toContain(address);
  });
});
