import { inspect } from 'node:util';
import { Connection } from '../../../lib/core/connection/connection';
import type { ConnectionConfig } from '../../../lib/core/connection/connection-config';
import { Reauth, type ReauthTarget } from '../../../lib/core/connection/reauth';
import type { CredentialsProvider } from '../../../lib/core/credentials/credentials';
import { AuthError } from '../../../lib/core/errors/auth-error';
import { CredentialsError } from '../../../lib/core/errors/credentials-error';
import { bulk, err, MockNode, type MockHandler } from '../../helpers/mock-node';

let node: MockNode;
const open: Connection[] = [];
const reauths: Reauth[] = [];

afterEach(async () => {
  for (const r of reauths.splice(0)) r.stop();
  for (const c of open.splice(0)) c.destroy(new Error('test over'));
  await node.stop();
});

async function start(handler?: MockHandler): Promise<void> {
  node = await MockNode.start(handler);
}

async function connect(protocol: 2 | 3 = 3): Promise<Connection> {
  const cfg: ConnectionConfig = {
    host: node.host,
    port: node.port,
    tls: undefined,
    username: undefined,
    password: undefined,
    clientName: undefined,
    protocol,
    readOnly: false,
    dialTimeout: 1000,
    readTimeout: 1000,
    writeTimeout: 1000,
  };
  const c = await Connection.open(cfg);
  open.push(c);
  return c;
}

interface Harness {
  reauth: Reauth;
  errors: Error[];
  retired: Connection[];
}

function harness(targets: () => Array<Omit<ReauthTarget, 'retire'>>, provider: CredentialsProvider, reauthInterval = 1000): Harness {
  const errors: Error[] = [];
  const retired: Connection[] = [];
  const reauth = new Reauth(
    { reauthInterval, credentialsProvider: provider, dialTimeout: 500 },
    () => targets().map((t) => ({ ...t, retire: () => retired.push(t.connection) })),
    (error) => errors.push(error),
  );
  reauths.push(reauth);
  return { reauth, errors, retired };
}

const auths = (): string[][] => node.received.filter((cmd) => cmd[0] === 'AUTH');

describe('Reauth', () => {
  it('asks the provider once per round and queues AUTH user pass on every open socket', async () => {
    await start();
    const sockets = [await connect(), await connect()];
    const provider = jest.fn(async () => ({ username: 'svc', password: 'rotated' }));
    const { reauth, errors } = harness(() => sockets.map((connection) => ({ connection })), provider);
    await reauth.runOnce();
    expect(provider).toHaveBeenCalledTimes(1);
    expect(auths()).toEqual([
      ['AUTH', 'svc', 'rotated'],
      ['AUTH', 'svc', 'rotated'],
    ]);
    expect(errors).toEqual([]);
  });

  it('puts AUTH between commands: what was sent before is answered first, nothing fails', async () => {
    await start((cmd) => (cmd[0] === 'GET' ? bulk(cmd[1]) : undefined));
    const c = await connect();
    const { reauth } = harness(
      () => [{ connection: c }],
      async () => ({ password: 'p2' }),
    );
    const before = c.request(['GET', 'a']);
    const round = reauth.runOnce();
    // The provider answers in a later microtask: this GET goes out before the AUTH.
    const after = c.request(['GET', 'b']);
    await expect(Promise.all([before, after, round])).resolves.toEqual(['a', 'b', undefined]);
    const third = await c.request(['GET', 'c']);
    expect(third).toBe('c');
    expect(node.received.filter((cmd) => cmd[0] !== 'HELLO').map((cmd) => cmd.join(' '))).toEqual(['GET a', 'GET b', 'AUTH p2', 'GET c']);
  });

  it('a refused AUTH is reported as AuthError and retires that socket alone; its commands still succeed', async () => {
    await start((cmd, ctx) => {
      if (cmd[0] === 'AUTH' && ctx.id === 2) return err('WRONGPASS invalid username-password pair or user is disabled.');
      if (cmd[0] === 'GET') return bulk('v');
      return undefined;
    });
    const good = await connect();
    const refused = await connect();
    const { reauth, errors, retired } = harness(
      () => [{ connection: good }, { connection: refused }],
      async () => ({ username: 'b', password: 'new-pass' }),
    );
    const round = reauth.runOnce();
    await Promise.resolve();
    const inFlight = refused.request(['GET', 'k']);
    await round;
    await expect(inFlight).resolves.toBe('v');
    expect(retired).toEqual([refused]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(AuthError);
    expect(errors[0].message).toContain(refused.address);
    expect(`${inspect(errors[0], { depth: 10 })}${JSON.stringify(errors[0])}`).not.toContain('new-pass');
  });

  it('a failing provider is reported as CredentialsError; no AUTH is sent and no socket is touched', async () => {
    await start();
    const c = await connect();
    const { reauth, errors, retired } = harness(
      () => [{ connection: c }],
      () => Promise.reject(new Error('vault sealed')),
    );
    await reauth.runOnce();
    expect(errors.map((e) => e.constructor)).toEqual([CredentialsError]);
    expect(auths()).toEqual([]);
    expect(retired).toEqual([]);
    expect(c.isOpen).toBe(true);
  });

  it('asks nothing when no socket is open', async () => {
    await start();
    const provider = jest.fn(async () => ({ password: 'p' }));
    const { reauth } = harness(() => [], provider);
    await reauth.runOnce();
    expect(provider).not.toHaveBeenCalled();
  });

  it('does not start a second round while one is under way', async () => {
    await start();
    const c = await connect();
    const provider = jest.fn(async () => ({ password: 'p' }));
    const { reauth } = harness(() => [{ connection: c }], provider);
    await Promise.all([reauth.runOnce(), reauth.runOnce()]);
    expect(provider).toHaveBeenCalledTimes(1);
  });

  it('retires a RESP2 subscriber socket instead of sending AUTH it would refuse', async () => {
    await start();
    const c = await connect(2);
    const { reauth, retired } = harness(
      () => [{ connection: c, subscriber: true }],
      async () => ({ password: 'p' }),
    );
    await reauth.runOnce();
    expect(retired).toEqual([c]);
    expect(auths()).toEqual([]);
  });

  it('runs on its one timer every reauthInterval once started, and not after stop()', async () => {
    await start();
    const c = await connect();
    const provider = jest.fn(async () => ({ password: 'p' }));
    const { reauth } = harness(() => [{ connection: c }], provider, 20);
    reauth.start();
    reauth.start(); // idempotent: still one timer
    const until = Date.now() + 2000;
    while (auths().length < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    expect(auths().length).toBeGreaterThanOrEqual(3);
    reauth.stop();
    await c.request(['PING']); // whatever round was under way has been answered by now
    const count = provider.mock.calls.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(provider.mock.calls.length).toBe(count);
  });

  it('leaves no password in the socket once the AUTH is answered', async () => {
    await start();
    const c = await connect();
    const { reauth } = harness(
      () => [{ connection: c }],
      async () => ({ password: 'do-not-print-me' }),
    );
    await reauth.runOnce();
    expect(inspect(c, { depth: 20, showHidden: true })).not.toContain('do-not-print-me');
  });
});
