/**
 * After an unknown outcome (the node took the command, then the connection broke or the reply timed
 * out), the router repeats exactly what lib/core/commands/repeat-safety.ts allows: one command per
 * class against scripted mock nodes that drop the connection before replying to the first attempt.
 */
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { ConnectionError } from '../../lib/core/errors/connection-error';
import { TimeoutError } from '../../lib/core/errors/timeout-error';
import { UnknownOutcomeError } from '../../lib/core/errors/unknown-outcome-error';
import type { RedisClusterOptions } from '../../lib/core/options/client-options';
import type { RespValue } from '../../lib/core/resp/types';
import { MockCluster } from '../helpers/mock-cluster';
import { bulk, dropBeforeReplying, int, ok, STALL, type Reply } from '../helpers/mock-node';
import { rejection } from '../helpers/rejection';

let mock: MockCluster | undefined;
let client: RedisClusterClient | undefined;

/** Fast retries and no background traffic, so the log holds what the test caused. */
const QUIET: Omit<RedisClusterOptions, 'nodes'> = {
  topologyRefreshInterval: 0,
  heartbeatInterval: 60_000,
  minRetryBackoff: 1,
  maxRetryBackoff: 10,
};

async function start(options: Omit<RedisClusterOptions, 'nodes'> = {}): Promise<{ m: MockCluster; c: RedisClusterClient }> {
  const m = await MockCluster.start({ masters: 3 });
  const c = new RedisClusterClient({ nodes: [m.seeds[0]], ...QUIET, ...options });
  mock = m;
  client = c;
  await c.connect();
  return { m, c };
}

afterEach(async () => {
  await client?.close();
  await mock?.stop();
  client = undefined;
  mock = undefined;
});

type Argv = [string, ...string[]];

/** Every time a node received exactly `argv`, as `address#connection` (connection ids count per node). */
function received(m: MockCluster, argv: Argv): string[] {
  const wanted = [argv[0].toUpperCase(), ...argv.slice(1)].join('\u0000');
  return m.log.filter((l) => l.cmd.join('\u0000') === wanted).map((l) => `${l.node.address}#${l.conn}`);
}

/** The first `argv` any node receives is taken and then the connection drops; later ones get `reply`. */
function dropFirst(m: MockCluster, argv: Argv, reply: Reply, firstAttempt: 'drop' | 'stall' = 'drop'): void {
  let seen = 0;
  const wanted = [argv[0].toUpperCase(), ...argv.slice(1)].join('\u0000');
  m.script = (_node, cmd, ctx) => {
    if (cmd.join('\u0000') !== wanted) return undefined;
    if (seen++ > 0) return reply;
    return firstAttempt === 'drop' ? dropBeforeReplying(ctx) : STALL;
  };
}

// One command per class (and per verdict-flipping option): [class, argv].
const NOT_REPEATED: Array<[string, Argv]> = [
  ['conditional writes', ['HSETNX', '{t}h', 'f', 'v']],
  ['conditional writes (SET with NX)', ['SET', '{t}lock', 'me', 'NX', 'PX', '30000']],
  ['expiry', ['EXPIRE', '{t}k', '10']],
  ['destructive reads', ['GETDEL', '{t}k']],
  ['counting writes', ['DEL', '{t}k']],
  ['accumulating writes', ['LPUSH', '{t}q', 'x']],
  ['ranges relative to current content', ['LTRIM', '{t}q', '2', '-1']],
  ['move/rename', ['RENAME', '{t}a', '{t}b']],
  ['stores from sources (destination among them)', ['BITOP', 'NOT', '{t}d', '{t}d']],
  ['scripts and functions', ['EVAL', 'return 1', '0']],
  ['server-side effects', ['XADD', '{t}s', '*', 'f', 'v']],
  // Connection-state commands (CLIENT SETNAME, MULTI ...) are refused before sending (UnsupportedCommandError):
  // their class is held by the unit table test only.
  ['administration', ['CLUSTER', 'FORGET', 'f'.repeat(40)]],
];

const REPEATED: Array<[string, Argv, Reply, RespValue]> = [
  ['reads', ['GET', '{t}k'], bulk('v'), 'v'],
  ['server information', ['ECHO', 'hi'], bulk('hi'), 'hi'],
  ['overwrite with a constant reply', ['SET', '{t}k', 'v'], ok(), 'OK'],
  ['conditional writes made safe (RESTORE with REPLACE)', ['RESTORE', '{t}k', '0', 'payload', 'REPLACE'], ok(), 'OK'],
  ['stores from sources (destination not among them)', ['BITOP', 'AND', '{t}d', '{t}x', '{t}y'], int(1), 1],
];

describe('a connection that drops after the command was written', () => {
  it.each(NOT_REPEATED)('%s: %j fails with UnknownOutcomeError and is sent once', async (_cls, argv) => {
    const { m, c } = await start();
    dropFirst(m, argv, ok());
    const error = await rejection(c.call(...argv));
    expect(error).toBeInstanceOf(UnknownOutcomeError);
    expect((error as UnknownOutcomeError).code).toBe('ERR_UNKNOWN_OUTCOME');
    expect(error.message).toContain(argv[0].toUpperCase());
    expect(error.cause).toBeInstanceOf(ConnectionError);
    expect((error.cause as ConnectionError).written).toBe(true);
    expect(received(m, argv)).toHaveLength(1);
  });

  it.each(REPEATED)("%s: %j is repeated on a new connection and resolves to the repeat's reply", async (_cls, argv, reply, expected) => {
    const { m, c } = await start();
    dropFirst(m, argv, reply);
    expect(await c.call(...argv)).toEqual(expected);
    const conns = received(m, argv);
    expect(conns).toHaveLength(2);
    expect(conns[1]).not.toBe(conns[0]);
  });
});

describe('a reply that times out after the command was written', () => {
  const readTimeout = 200;

  it("a read is repeated and resolves to the repeat's reply", async () => {
    const { m, c } = await start({ readTimeout });
    const argv: Argv = ['GET', '{t}k'];
    dropFirst(m, argv, bulk('late'), 'stall');
    expect(await c.call(...argv)).toBe('late');
    expect(received(m, argv)).toHaveLength(2);
  });

  it('a counting write fails with UnknownOutcomeError caused by the read timeout, and is sent once', async () => {
    const { m, c } = await start({ readTimeout });
    const argv: Argv = ['DEL', '{t}k'];
    dropFirst(m, argv, int(1), 'stall');
    const error = await rejection(c.call(...argv));
    expect(error).toBeInstanceOf(UnknownOutcomeError);
    expect((error as UnknownOutcomeError).code).toBe('ERR_UNKNOWN_OUTCOME');
    expect(error.cause).toBeInstanceOf(TimeoutError);
    expect((error.cause as TimeoutError).kind).toBe('read');
    expect((error.cause as TimeoutError).written).toBe(true);
    expect(received(m, argv)).toHaveLength(1);
  });
});
