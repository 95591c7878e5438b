/**
 * Options the constructor refuses (InvalidOptionError naming the option and what it accepts, before
 * any socket is opened), and connect() to an address nothing listens on (ClusterConnectError
 * listing it). No cluster involved: the only dial is to a closed port of 127.0.0.1.
 */
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { ClusterConnectError } from '../../lib/core/errors/cluster-connect-error';
import { ConnectionError } from '../../lib/core/errors/connection-error';
import { InvalidOptionError } from '../../lib/core/errors/invalid-option-error';
import type { RedisClusterOptions } from '../../lib/core/options/client-options';
import { closedPort } from '../helpers/node-probe';

const SEED = '127.0.0.1:7000';

/** The constructor's error for `options`, which must be an InvalidOptionError. */
function refusal(options: unknown): InvalidOptionError {
  let error: unknown;
  try {
    new RedisClusterClient(options as RedisClusterOptions);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidOptionError);
  const e = error as InvalidOptionError;
  expect(e.name).toBe('InvalidOptionError');
  expect(e.code).toBe('ERR_INVALID_OPTION');
  expect(e.message).toContain(`"${e.option}"`);
  expect(e.message).toContain(e.accepted);
  return e;
}

describe('seeds', () => {
  it.each([
    ['missing', {}],
    ['empty', { nodes: [] }],
    ['not an array', { nodes: SEED }],
  ])('nodes %s: refused, naming "nodes"', (_, options) => {
    const e = refusal(options);
    expect(e.option).toBe('nodes');
    expect(e.accepted).toMatch(/non-empty array/);
  });

  it.each([
    ['no port', ['localhost']],
    ['port 0', ['127.0.0.1:0']],
    ['port too big', ['127.0.0.1:65536']],
    ['port not a number', ['127.0.0.1:http']],
    ['empty host', [':7000']],
    ['object without host', [{ port: 7000 }]],
    ['object with a fractional port', [{ host: '127.0.0.1', port: 7000.5 }]],
    ['a number', [7000]],
    ['null', [null]],
  ])('a garbage seed (%s): refused, naming "nodes" and the accepted forms', (_, nodes) => {
    const e = refusal({ nodes });
    expect(e.option).toBe('nodes');
    expect(e.accepted).toMatch(/host:port/);
    expect(e.accepted).toMatch(/1 to 65535/);
  });

  it('a good seed next to a bad one is still refused', () => {
    expect(refusal({ nodes: [SEED, 'nope'] }).option).toBe('nodes');
  });
});

describe('pool sizes', () => {
  it.each([0, -1, 1.5, '10', NaN])('poolSize %p: refused as "an integer >= 1"', (poolSize) => {
    const e = refusal({ nodes: [SEED], poolSize });
    expect(e.option).toBe('poolSize');
    expect(e.accepted).toMatch(/integer >= 1/);
  });

  it('minIdleConns above poolSize: refused, naming poolSize as the bound', () => {
    const e = refusal({ nodes: [SEED], poolSize: 4, minIdleConns: 5 });
    expect(e.option).toBe('minIdleConns');
    expect(e.accepted).toMatch(/0 to poolSize \(4\)/);
  });

  it('minIdleConns equal to poolSize is fine', () => {
    expect(() => new RedisClusterClient({ nodes: [SEED], poolSize: 4, minIdleConns: 4 })).not.toThrow();
  });

  it.each(['poolTimeout', 'dialTimeout'])('%s 0: refused (it must be a positive duration)', (option) => {
    expect(refusal({ nodes: [SEED], [option]: 0 }).option).toBe(option);
  });

  it('maxRetryBackoff below minRetryBackoff: refused', () => {
    expect(refusal({ nodes: [SEED], minRetryBackoff: 100, maxRetryBackoff: 50 }).option).toBe('maxRetryBackoff');
  });
});

describe('unknown names and wrong types', () => {
  it('a misspelt option is refused by its name, listing the known ones', () => {
    const e = refusal({ nodes: [SEED], poolsize: 5 });
    expect(e.option).toBe('poolsize');
    expect(e.accepted).toContain('poolSize');
    expect(e.accepted).toContain('minIdleConns');
  });

  it.each([
    ['a string', 'yes'],
    ['a number', 1],
    ['an array', ['ca.pem']],
    ['null', null],
  ])('tls as %s: refused, listing true, false or TLS options', (_, tls) => {
    const e = refusal({ nodes: [SEED], tls });
    expect(e.option).toBe('tls');
    expect(e.accepted).toMatch(/true, false or Node TLS connection options/);
  });

  it.each([
    ['protocol', 4, /one of 2, 3/],
    ['readOnly', 'yes', /true or false/],
    ['clientName', 'has spaces', /without spaces/],
    ['addressMap', 'nat', /object|function/],
  ])('%s = %p: refused', (option, value, accepted) => {
    const e = refusal({ nodes: [SEED], [option]: value });
    expect(e.option).toBe(option);
    expect(e.accepted).toMatch(accepted);
  });

  // Redis refuses every byte outside '!'..'~' in CLIENT SETNAME: caught here, not at every handshake.
  it('clientName with a character CLIENT SETNAME refuses (non-ASCII): refused up front', () => {
    expect(refusal({ nodes: [SEED], clientName: 'café' }).option).toBe('clientName');
  });

  it('an invalid password is refused without echoing it', () => {
    const e = refusal({ nodes: [SEED], password: '' });
    expect(e.option).toBe('password');
    const secret = { toString: () => 'sekrit-value' };
    const e2 = refusal({ nodes: [SEED], password: secret });
    expect(e2.message).not.toContain('sekrit-value');
  });

  it('options that are not an object at all', () => {
    expect(refusal(undefined).option).toBe('options');
    expect(refusal('127.0.0.1:7000').option).toBe('options');
  });
});

describe('connect() with no reachable seed', () => {
  it('rejects with ClusterConnectError listing every address tried and why', async () => {
    const [a, b] = [await closedPort(), await closedPort()];
    const client = new RedisClusterClient({ nodes: [`127.0.0.1:${a}`, { host: '127.0.0.1', port: b }], dialTimeout: 2000 });
    try {
      const error = await client.connect().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ClusterConnectError);
      const e = error as ClusterConnectError;
      expect(e.code).toBe('ERR_CLUSTER_CONNECT');
      expect(e.addresses).toEqual([`127.0.0.1:${a}`, `127.0.0.1:${b}`]);
      expect(e.message).toContain(`127.0.0.1:${a}`);
      expect(e.message).toContain(`127.0.0.1:${b}`);
      for (const cause of e.causes) {
        expect(cause).toBeInstanceOf(ConnectionError);
        expect(cause.message).toMatch(/ECONNREFUSED/);
      }
      expect(client.status).toBe('idle');
      // Commands before a successful connect() are refused, not queued forever.
      await expect(client.get('k')).rejects.toMatchObject({ code: 'ERR_CLOSED' });
    } finally {
      await client.close();
    }
  });
});
