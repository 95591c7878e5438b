/**
 * Broken peers, against scripted mock nodes: malformed replies, a node that stops answering, one
 * that never finishes the handshake, one without HELLO. Each fails with a typed error, the bad
 * connection is replaced, and the client (and the process) carries on.
 */
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { AuthError } from '../../lib/core/errors/auth-error';
import { ClusterConnectError } from '../../lib/core/errors/cluster-connect-error';
import { ProtocolError } from '../../lib/core/errors/protocol-error';
import { TimeoutError } from '../../lib/core/errors/timeout-error';
import { UnknownOutcomeError } from '../../lib/core/errors/unknown-outcome-error';
import type { RedisClusterOptions } from '../../lib/core/options/client-options';
import { MockCluster } from '../helpers/mock-cluster';
import { rejection } from '../helpers/rejection';
import { clusterShardsReply, err, MockNode, ok, raw, STALL } from '../helpers/mock-node';

let mock: MockCluster | undefined;
let lone: MockNode | undefined;
let client: RedisClusterClient | undefined;

const QUIET: Omit<RedisClusterOptions, 'nodes'> = {
  topologyRefreshInterval: 0,
  heartbeatInterval: 60_000,
  minRetryBackoff: 1,
  maxRetryBackoff: 10,
};

afterEach(async () => {
  await client?.close();
  await mock?.stop();
  await lone?.stop();
  client = undefined;
  mock = undefined;
  lone = undefined;
});

async function cluster(options: Omit<RedisClusterOptions, 'nodes'> = {}): Promise<{ m: MockCluster; c: RedisClusterClient }> {
  const m = await MockCluster.start({ masters: 2 });
  const c = new RedisClusterClient({ nodes: [m.seeds[0]], ...QUIET, ...options });
  mock = m;
  client = c;
  await c.connect();
  return { m, c };
}

/** Connections of `node` that GET `key` went out on, in order. */
const getConns = (m: MockCluster, key: string): number[] => m.commands('GET', key).map((l) => l.conn);

describe.each([
  ['a bad type byte', '?what\r\n'],
  ['a bad length', '$12x\r\nhello\r\n'],
  ['a negative length other than -1', '*-7\r\n'],
  ['a huge declared bulk (over the 512 MiB limit)', '$999999999999\r\n'],
  ['a huge declared array', `*${2 ** 40}\r\n`],
])('a malformed reply: %s', (_, bytes) => {
  it('fails every command pending on that connection with ProtocolError, then a new connection serves', async () => {
    const { m, c } = await cluster();
    const [a] = m.nodes;
    const keys = [m.keyOn(a, 'x'), m.keyOn(a, 'y'), m.keyOn(a, 'z')];
    m.store(a).set(keys[2], 'fine');
    let poisoned = false;
    // The first GET gets garbage; the two behind it on the same socket never get an answer.
    m.script = (node, cmd) => {
      if (node !== a || cmd[0] !== 'GET' || poisoned) return undefined;
      poisoned = true;
      return raw(bytes);
    };
    const errors = await Promise.all(keys.map((k) => rejection(c.get(k))));
    for (const error of errors) {
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as ProtocolError).code).toBe('ERR_PROTOCOL');
    }
    // All three went out together on one socket, and none was repeated (ProtocolError is final).
    const sent = keys.map((k) => m.commands('GET', k));
    expect(sent.map((s) => s.length)).toEqual([1, 1, 1]);
    expect(new Set(sent.map((s) => s[0].conn)).size).toBe(1);

    // The broken socket is gone; the next command is served on a new one.
    expect(await c.get(keys[2])).toBe('fine');
    const conns = getConns(m, keys[2]);
    expect(conns[1]).not.toBe(conns[0]);
    expect(c.nodePoolStats()[a.address].totalConns).toBe(1);
  });
});

describe('a reply that never comes', () => {
  it('fails with TimeoutError ERR_READ_TIMEOUT after readTimeout, and the socket is replaced', async () => {
    const { m, c } = await cluster({ readTimeout: 300, maxRetries: 0 });
    const [a] = m.nodes;
    const key = m.keyOn(a);
    m.store(a).set(key, 'late');
    let stalled = false;
    m.script = (node, cmd) => {
      if (node !== a || cmd[0] !== 'GET' || stalled) return undefined;
      stalled = true;
      return STALL;
    };
    const started = Date.now();
    const error = await rejection(c.get(key));
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).code).toBe('ERR_READ_TIMEOUT');
    expect((error as TimeoutError).kind).toBe('read');
    expect((error as TimeoutError).address).toBe(a.address);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(300 + 1500);

    expect(await c.get(key)).toBe('late');
    const conns = getConns(m, key);
    expect(conns).toHaveLength(2);
    expect(conns[1]).not.toBe(conns[0]);
  });

  it('with retries: a GET is repeated on a fresh socket and succeeds; an INCR fails as UnknownOutcomeError', async () => {
    const { m, c } = await cluster({ readTimeout: 200 });
    const [a] = m.nodes;
    const key = m.keyOn(a);
    m.store(a).set(key, 'second-time');
    const stallOnce = new Set<string>();
    m.script = (node, cmd) => {
      if (node !== a || (cmd[0] !== 'GET' && cmd[0] !== 'INCR') || stallOnce.has(cmd[0])) return undefined;
      stallOnce.add(cmd[0]);
      return STALL;
    };
    expect(await c.get(key)).toBe('second-time');
    expect(getConns(m, key)).toHaveLength(2);

    const counter = m.keyOn(a, 'counter');
    const error = await rejection(c.incr(counter));
    expect(error).toBeInstanceOf(UnknownOutcomeError);
    expect(error.cause).toBeInstanceOf(TimeoutError);
    expect(m.commands('INCR', counter)).toHaveLength(1);
  });
});

describe('a node that accepts TCP but never answers the handshake', () => {
  it('connect() fails with the dial timeout (TimeoutError ERR_DIAL_TIMEOUT), naming the node', async () => {
    lone = await MockNode.start((cmd) => (cmd[0] === 'HELLO' ? STALL : undefined));
    const node = lone;
    // poolTimeout above dialTimeout: the dial's own deadline is what fails the first command.
    const c = new RedisClusterClient({ nodes: [node.address], dialTimeout: 300, poolTimeout: 3000, ...QUIET });
    client = c;
    const started = Date.now();
    const error = await rejection(c.connect());
    expect(Date.now() - started).toBeLessThan(300 + 1500);
    expect(error).toBeInstanceOf(ClusterConnectError);
    const cause = (error as ClusterConnectError).causes[0];
    expect(cause).toBeInstanceOf(TimeoutError);
    expect((cause as TimeoutError).code).toBe('ERR_DIAL_TIMEOUT');
    expect((cause as TimeoutError).address).toBe(node.address);
    expect(node.received.map((cmd) => cmd[0])).toEqual(['HELLO']);
  });
});

describe('a server without HELLO', () => {
  const PASSWORD = 'mock-secret-1';

  /** One node serving every slot, Redis 5 style: no HELLO, AUTH <password>, RESP2 only. */
  function oldServer(password: string): Promise<MockNode> {
    return MockNode.start((cmd, ctx) => {
      switch (cmd[0]) {
        case 'HELLO':
          return err(`ERR unknown command 'HELLO', with args beginning with: '${cmd[1]}' `);
        case 'AUTH':
          return cmd.length === 2 && cmd[1] === password ? ok() : err('WRONGPASS invalid username-password pair or user is disabled.');
        case 'CLUSTER':
          return cmd[1] === 'SHARDS' ? clusterShardsReply([{ start: 0, end: 16383, master: node() }]) : undefined;
        case 'GET':
          return ctx.protocol === 2 ? raw('$5\r\nresp2\r\n') : raw('$5\r\nresp3\r\n');
        default:
          return undefined;
      }
    });
    function node(): MockNode {
      return lone as MockNode;
    }
  }

  it('falls back to AUTH + CLIENT SETNAME on RESP2, and works', async () => {
    lone = await oldServer(PASSWORD);
    const c = new RedisClusterClient({ nodes: [lone.address], password: PASSWORD, clientName: 'old-school', ...QUIET });
    client = c;
    await c.connect();
    expect(await c.get('anything')).toBe('resp2');
    // Every socket (pool and heartbeat) did the same three steps before anything else.
    const first = lone.received.slice(0, 3);
    expect(first).toEqual([
      ['HELLO', '3', 'AUTH', 'default', PASSWORD, 'SETNAME', 'old-school'],
      ['AUTH', PASSWORD],
      ['CLIENT', 'SETNAME', 'old-school'],
    ]);
  });

  it('a wrong password there: AuthError, without the password in it', async () => {
    lone = await oldServer(PASSWORD);
    const wrong = 'not-the-mock-secret';
    const c = new RedisClusterClient({ nodes: [lone.address], password: wrong, ...QUIET });
    client = c;
    const error = await rejection(c.connect());
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe('ERR_AUTH');
    expect(error.message).not.toContain(wrong);
    expect(String(error.cause)).not.toContain(wrong);
    // One AUTH, no retry.
    expect(lone.received.filter((cmd) => cmd[0] === 'AUTH')).toHaveLength(1);
  });

  it('an older "invalid password" wording is an AuthError too', async () => {
    lone = await MockNode.start((cmd) => {
      if (cmd[0] === 'HELLO') return err("ERR unknown command 'HELLO'");
      if (cmd[0] === 'AUTH') return err('ERR invalid password');
      return undefined;
    });
    const c = new RedisClusterClient({ nodes: [lone.address], password: 'whatever-pw', ...QUIET });
    client = c;
    expect(await rejection(c.connect())).toBeInstanceOf(AuthError);
  });

  it('NOPROTO (HELLO 3 refused) also falls back to RESP2', async () => {
    lone = await MockNode.start((cmd) => {
      if (cmd[0] === 'HELLO') return err('NOPROTO sorry, this protocol version is not supported');
      if (cmd[0] === 'CLUSTER' && cmd[1] === 'SHARDS') return clusterShardsReply([{ start: 0, end: 16383, master: lone as MockNode }]);
      if (cmd[0] === 'GET') return raw('$2\r\nok\r\n');
      return undefined;
    });
    const c = new RedisClusterClient({ nodes: [lone.address], clientName: 'np', ...QUIET });
    client = c;
    await c.connect();
    expect(await c.get('k')).toBe('ok');
    expect(lone.received.slice(0, 2)).toEqual([
      ['HELLO', '3', 'SETNAME', 'np'],
      ['CLIENT', 'SETNAME', 'np'],
    ]);
  });
});
