import { inspect } from 'node:util';
import { InvalidOptionError } from '../../../lib/core/errors/invalid-option-error';
import type { RedisClusterOptions } from '../../../lib/core/options/client-options';
import { resolveOptions } from '../../../lib/core/options/resolve-options';
import { redactSeedUrl } from '../../../lib/core/options/seed-url';

const SECRET = 'pa55:w@rd/x';
const ENCODED = encodeURIComponent(SECRET);

function resolve(nodes: RedisClusterOptions['nodes'], rest: Partial<RedisClusterOptions> = {}) {
  return resolveOptions({ nodes, ...rest });
}

function refusal(nodes: RedisClusterOptions['nodes'], rest: Partial<RedisClusterOptions> = {}): InvalidOptionError {
  try {
    resolve(nodes, rest);
  } catch (error) {
    if (error instanceof InvalidOptionError) return error;
    throw error;
  }
  throw new Error('resolveOptions accepted the options');
}

/** Everything an error could show in a log line. */
const everything = (error: Error): string => `${error.message}\n${error.stack}\n${inspect(error, { showHidden: true, depth: Infinity })}`;

describe('URL seeds', () => {
  it('redis://:password@host:port gives the address and the password, not a host name', () => {
    const o = resolve(['redis://:secret@cache.internal:7000']);
    expect(o.nodes).toEqual([{ host: 'cache.internal', port: 7000 }]);
    expect(o.password?.reveal()).toBe('secret');
    expect(o.username).toBeUndefined();
    expect(o.tls).toBeUndefined();
  });

  it('percent-decodes user and password', () => {
    const o = resolve([`redis://app%2Fuser:${ENCODED}@127.0.0.21:7001`]);
    expect(o.username).toBe('app/user');
    expect(o.password?.reveal()).toBe(SECRET);
  });

  it('defaults the port to 6379, accepts /0 and a trailing slash', () => {
    expect(resolve(['redis://h', 'redis://h2/', 'redis://h3:7000/0']).nodes).toEqual([
      { host: 'h', port: 6379 },
      { host: 'h2', port: 6379 },
      { host: 'h3', port: 7000 },
    ]);
  });

  it('takes IPv6 in brackets', () => {
    expect(resolve(['redis://[::1]:7000', 'redis://u:p@[fd00::2]']).nodes).toEqual([
      { host: '::1', port: 7000 },
      { host: 'fd00::2', port: 6379 },
    ]);
  });

  it('rediss:// turns TLS on, and keeps TLS options given alongside', () => {
    expect(resolve(['rediss://h:7000']).tls).toEqual({});
    expect(resolve(['rediss://h:7000'], { tls: { servername: 'x' } }).tls).toEqual({ servername: 'x' });
    expect(refusal(['rediss://h:7000'], { tls: false }).option).toBe('tls');
  });

  it('mixes with host:port and { host, port } seeds', () => {
    const o = resolve(['127.0.0.1:7000', 'redis://:pw@127.0.0.1:7001', { host: '::1', port: 7002 }]);
    expect(o.nodes).toEqual([
      { host: '127.0.0.1', port: 7000 },
      { host: '127.0.0.1', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
    expect(o.password?.reveal()).toBe('pw');
  });

  it('URLs that agree (or say nothing) are fine; an equal password option too', () => {
    const o = resolve(['redis://u:pw@h1:1', 'redis://h2:2', 'redis://u:pw@h3:3'], { password: 'pw', username: 'u' });
    expect(o.password?.reveal()).toBe('pw');
    expect(o.username).toBe('u');
  });

  it('refuses URLs that disagree on the password, without showing either', () => {
    const e = refusal([`redis://:${ENCODED}@h1:1`, 'redis://:other-secret@h2:2']);
    expect(e.option).toBe('nodes');
    expect(everything(e)).not.toContain('other-secret');
    expect(everything(e)).not.toContain(SECRET);
    expect(everything(e)).not.toContain(ENCODED);
  });

  it('refuses a URL password that contradicts the password option, and a user that contradicts username', () => {
    expect(everything(refusal(['redis://:from-url@h:1'], { password: 'from-option' }))).not.toMatch(/from-url|from-option/);
    expect(refusal(['redis://alice:pw@h:1'], { username: 'bob' }).option).toBe('nodes');
  });

  it('refuses URLs that disagree on TLS', () => {
    expect(refusal(['redis://h1:1', 'rediss://h2:2']).message).toContain('TLS');
  });

  it.each([
    ['not a URL at all', 'redis://:secret@'],
    ['a port out of range', 'redis://:secret@h:70000'],
    ['another database', 'redis://:secret@h:6379/3'],
    ['a query string', 'redis://:secret@h:6379?db=1'],
    ['bad percent-encoding', 'redis://:secret%zz@h:6379'],
  ])('refuses %s, with the password replaced in the message', (_, url) => {
    const e = refusal([url]);
    expect(e.option).toBe('nodes');
    expect(everything(e)).not.toContain('secret');
    expect(e.message).toContain('[hidden]');
  });

  it('refuses a URL without its scheme, not taking it for a host name, and does not echo the password', () => {
    const e = refusal([':secret@h:6379']);
    expect(e.option).toBe('nodes');
    expect(everything(e)).not.toContain('secret');
    expect(everything(refusal(['user:secret@h:6379']))).not.toContain('secret');
  });

  it('the resolved options show no URL password', () => {
    const o = resolve([`redis://u:${ENCODED}@h:1`]);
    const text = `${inspect(o, { showHidden: true, depth: Infinity })}\n${JSON.stringify(o)}`;
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(ENCODED);
  });
});

describe('redactSeedUrl', () => {
  it.each([
    ['redis://:secret@h:1', 'redis://:[hidden]@h:1'],
    ['rediss://user:se@cr/et@h:1/0', 'rediss://user:[hidden]@h:1/0'],
    ['redis://user@h:1', 'redis://user@h:1'],
    ['redis://h:1', 'redis://h:1'],
  ])('%s -> %s', (url, shown) => {
    expect(redactSeedUrl(url)).toBe(shown);
  });
});
