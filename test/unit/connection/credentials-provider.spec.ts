import { inspect } from 'node:util';
import { Connection } from '../../../lib/core/connection/connection';
import type { ConnectionConfig } from '../../../lib/core/connection/connection-config';
import { classify } from '../../../lib/core/cluster/routing/retry-policy';
import type { CredentialsProvider } from '../../../lib/core/credentials/credentials';
import { CredentialsError } from '../../../lib/core/errors/credentials-error';
import { err, MockNode } from '../../helpers/mock-node';
import { rejection } from '../../helpers/rejection';

let node: MockNode;
const open: Connection[] = [];

beforeEach(async () => {
  node = await MockNode.start();
});

afterEach(async () => {
  for (const c of open.splice(0)) c.destroy(new Error('test over'));
  await node.stop();
});

function config(credentialsProvider: CredentialsProvider, dialTimeout = 1000): ConnectionConfig {
  return {
    host: node.host,
    port: node.port,
    tls: undefined,
    username: undefined,
    password: undefined,
    credentialsProvider,
    clientName: undefined,
    protocol: 3,
    readOnly: false,
    dialTimeout,
    readTimeout: 1000,
    writeTimeout: 1000,
  };
}

async function connect(cfg: ConnectionConfig): Promise<Connection> {
  const c = await Connection.open(cfg);
  open.push(c);
  return c;
}

const hellos = (): string[][] => node.received.filter((cmd) => cmd[0] === 'HELLO');

describe('credentialsProvider on a new connection', () => {
  it('is asked once per connection, and its answer is what HELLO authenticates with', async () => {
    let n = 0;
    const provider = jest.fn(async () => ({ username: 'svc', password: `token-${++n}` }));
    await connect(config(provider));
    await connect(config(provider));
    expect(provider).toHaveBeenCalledTimes(2);
    expect(hellos()).toEqual([
      ['HELLO', '3', 'AUTH', 'svc', 'token-1'],
      ['HELLO', '3', 'AUTH', 'svc', 'token-2'],
    ]);
  });

  it('authenticates as "default" when the provider names no user', async () => {
    await connect(config(async () => ({ password: 'p' })));
    expect(hellos()).toEqual([['HELLO', '3', 'AUTH', 'default', 'p']]);
  });

  it('fails the dial with CredentialsError when the provider rejects, the cause kept, never retried', async () => {
    const cause = new Error('token service unavailable');
    const error = await rejection(Connection.open(config(() => Promise.reject(cause))));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error).toMatchObject({ code: 'ERR_CREDENTIALS', cause, address: node.address });
    expect(classify(error)).toBe('fail');
    expect(hellos()).toEqual([]);
  });

  it('fails the dial with CredentialsError when the provider throws instead of rejecting', async () => {
    const provider = (() => {
      throw new Error('sync throw');
    }) as unknown as CredentialsProvider;
    const error = await rejection(Connection.open(config(provider)));
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error.cause as Error).message).toBe('sync throw');
  });

  it('refuses an answer that is not credentials, without echoing it', async () => {
    const provider = (async () => ({ password: '', username: 'leaky-secret-value' })) as CredentialsProvider;
    const error = await rejection(Connection.open(config(provider)));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(`${inspect(error)}${JSON.stringify(error)}`).not.toContain('leaky-secret-value');
  });

  it('bounds a provider that never answers by dialTimeout', async () => {
    const started = Date.now();
    const error = await rejection(Connection.open(config(() => new Promise(() => undefined), 150)));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toMatch(/within 150 ms/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('closes the socket it dialled when the provider fails', async () => {
    await rejection(Connection.open(config(() => Promise.reject(new Error('no')))));
    const until = Date.now() + 1000;
    while (node.connections > 0 && Date.now() < until) await new Promise((r) => setImmediate(r));
    expect(node.connections).toBe(0);
  });

  it('a refused password from the provider is an AuthError, as with a static one', async () => {
    await node.stop();
    node = await MockNode.start((cmd) =>
      cmd[0] === 'HELLO' ? err('WRONGPASS invalid username-password pair or user is disabled') : undefined,
    );
    const error = await rejection(Connection.open(config(async () => ({ username: 'u', password: 'wrong' }))));
    expect(error).toMatchObject({ code: 'ERR_AUTH' });
  });
});
