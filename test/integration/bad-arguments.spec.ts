/**
 * Bad arguments and connection-state commands against the shared plain cluster, through ONE client
 * whose sockets every caller shares. A bad argument must fail its own caller's promise and nothing
 * else: every good command in the same ticks still gets its own reply, and the process sees no
 * uncaught exception and no unhandled rejection. A refused command (MULTI, CLIENT REPLY SKIP, ...)
 * must never reach a shared socket, so concurrent GETs keep getting their own values.
 */
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import type { PipelineResult } from '../../lib/core/cluster/batch/command-queue';
import type { RedisKey } from '../../lib/core/commands/command-methods';
import { InvalidArgumentError } from '../../lib/core/errors/invalid-argument-error';
import { UnsupportedCommandError } from '../../lib/core/errors/unsupported-command-error';
import type { RespArg } from '../../lib/core/resp/types';
import { plainCluster } from '../helpers/cluster-env';
import { uniquePrefix } from '../helpers/node-probe';

const CALLERS = 100;
const OPS_PER_CALLER = 100;
const prefix = uniquePrefix('bad-args');

let client: RedisClusterClient;
const written = new Set<string>();

beforeAll(async () => {
  client = new RedisClusterClient({ nodes: plainCluster().nodes, clientName: 'bad-arguments-spec' });
  await client.connect();
});

afterAll(async () => {
  const keys = [...written];
  for (let i = 0; i < keys.length; i += 500) await client?.del(keys.slice(i, i + 500));
  await client?.close();
});

/**
 * Jest hands each test file a copy of `process` whose listeners never hear the host's events (a
 * probe showed it). The host realm's Function, reached through Buffer (injected from the host),
 * evaluates `process` there: listeners on it see every real uncaught exception and unhandled rejection.
 */
function watchHostProcess(): { faults: string[]; stop(): void } {
  const host = (Buffer.from.constructor as FunctionConstructor)('return process')() as NodeJS.Process;
  const faults: string[] = [];
  const onUncaught = (error: Error): void => void faults.push(`uncaughtException: ${error.stack ?? String(error)}`);
  const onUnhandled = (reason: unknown): void =>
    void faults.push(`unhandledRejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
  host.on('uncaughtException', onUncaught);
  host.on('unhandledRejection', onUnhandled);
  return {
    faults,
    stop: () => {
      host.off('uncaughtException', onUncaught);
      host.off('unhandledRejection', onUnhandled);
    },
  };
}

const BAD_VALUES: Array<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
  ['an object', { tag: 'x' }],
  ['a Symbol', Symbol('tag')],
  ['a function', () => 'tag'],
  ['a boolean (true)', true],
  ['a boolean (false)', false],
  ['an array', [1]],
];

/** What one operation came to: a list of problems, empty when it got exactly what it should. */
type Check = Promise<string[]>;

function expectInvalid(promise: Promise<unknown>, command: string, position: number, described: string): Check {
  return promise.then(
    (value) => [`${command}: resolved ${String(value)} instead of an InvalidArgumentError`],
    (error: unknown) => {
      if (!(error instanceof InvalidArgumentError)) return [`${command}: rejected with ${String(error)}`];
      const expected = `${command} argument ${position} is ${described};`;
      return error.message.startsWith(expected) && error.position === position
        ? []
        : [`${command}: "${error.message}", expected "${expected}"`];
    },
  );
}

function expectValue(promise: Promise<unknown>, what: string, expected: unknown): Check {
  return promise.then(
    (value) =>
      value === expected || (Buffer.isBuffer(value) && value.equals(Buffer.from(String(expected))))
        ? []
        : [`${what}: got ${String(value)}, expected ${String(expected)}`],
    (error: unknown) => [`${what}: rejected with ${String(error)}`],
  );
}

function keyOf(caller: number, op: number, suffix = ''): string {
  const key = `${prefix}${caller}:${op}${suffix}`;
  written.add(key);
  return key;
}

/** One operation of one caller: its kind rotates so bad and good ones share every tick and socket. */
function operation(caller: number, op: number): Check {
  const key = keyOf(caller, op);
  const tag = `v:${key}`;
  const [described, bad] = BAD_VALUES[(caller + op) % BAD_VALUES.length];
  const badArg = bad as RespArg;
  switch ((caller + op) % 10) {
    case 0:
      return expectInvalid(client.call('SET', key, badArg), 'SET', 2, described);
    case 1:
      return typedBad(op, key, badArg, described);
    case 2:
      return pipelineWithBadEntry(key, tag, badArg, described);
    case 3:
      return expectValue(client.echo(tag), `ECHO ${tag}`, tag);
    case 4:
      return expectValue(
        client.call('SET', key, tag).then(() => client.callBuffer('GET', key)),
        `callBuffer GET ${key}`,
        tag,
      );
    default:
      return expectValue(
        client.set(key, tag).then(() => client.get(key)),
        `GET ${key}`,
        tag,
      );
  }
}

function typedBad(op: number, key: string, bad: RespArg, described: string): Check {
  switch (op % 6) {
    case 0:
      return expectInvalid(client.set(key, bad), 'SET', 2, described);
    case 1:
      return expectInvalid(client.set(key, 'x', { EX: NaN }), 'SET', 4, 'NaN');
    case 2:
      // The key itself is bad: it must be refused before anything hashes it.
      return expectInvalid(client.get(bad as RedisKey), 'GET', 1, described);
    case 3:
      return expectInvalid(client.hset(key, 'f', bad), 'HSET', 3, described);
    case 4:
      // Multi-key: refused before the keys are split over slots.
      return expectInvalid(client.mget([key, bad as RedisKey]), 'MGET', 2, described);
    default:
      return expectInvalid(client.incrby(key, bad as number), 'INCRBY', 2, described);
  }
}

function pipelineWithBadEntry(key: string, tag: string, bad: RespArg, described: string): Check {
  const other = `${key}:p`;
  written.add(other);
  return client
    .pipeline()
    .set(key, tag)
    .call('SET', other, bad)
    .get(key)
    .set(other, tag)
    .exec()
    .then(async (results: PipelineResult[]) => {
      const problems: string[] = [];
      if (results.length !== 4) return [`pipeline: ${results.length} results`];
      const [set, badEntry, get, setOther] = results;
      if (set[0] !== null || set[1] !== 'OK') problems.push(`pipeline SET: ${String(set[0] ?? set[1])}`);
      problems.push(
        ...(await expectInvalid(badEntry[0] === null ? Promise.resolve(badEntry[1]) : Promise.reject(badEntry[0]), 'SET', 2, described)),
      );
      if (badEntry[1] !== null) problems.push(`pipeline bad entry has a reply: ${String(badEntry[1])}`);
      if (get[0] !== null || get[1] !== tag) problems.push(`pipeline GET: ${String(get[0] ?? get[1])}, expected ${tag}`);
      if (setOther[0] !== null || setOther[1] !== 'OK')
        problems.push(`pipeline SET after the bad entry: ${String(setOther[0] ?? setOther[1])}`);
      return problems;
    });
}

describe('bad arguments', () => {
  it(`${CALLERS * OPS_PER_CALLER} concurrent tagged operations: every good one gets its own reply, every bad one an InvalidArgumentError`, async () => {
    const watch = watchHostProcess();
    let outcomes: string[][];
    try {
      const checks: Check[] = [];
      // All issued in one tick, callers interleaved op by op, so bad ones sit between good ones in every batch.
      for (let op = 0; op < OPS_PER_CALLER; op++) {
        for (let caller = 0; caller < CALLERS; caller++) checks.push(operation(caller, op));
      }
      outcomes = await Promise.all(checks);
      // The client is still whole afterwards: the same sockets answer in order.
      const after = await Promise.all(Array.from({ length: 200 }, (_, i) => client.echo(`after:${i}`)));
      expect(after).toEqual(Array.from({ length: 200 }, (_, i) => `after:${i}`));
    } finally {
      watch.stop();
    }
    const problems = outcomes.flat();
    expect(problems.slice(0, 20)).toEqual([]);
    expect(problems.length).toBe(0);
    expect(outcomes.length).toBe(CALLERS * OPS_PER_CALLER);
    expect(watch.faults).toEqual([]);
  }, 120_000);

  it('a transaction with one bad entry is rejected whole, before anything is sent', async () => {
    const key = `{${prefix}tx}a`;
    written.add(key);
    await client.set(key, 'before');
    const error = await client
      .multi()
      .set(key, 'after')
      .call('SET', key, undefined as unknown as RespArg)
      .exec()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toContain('SET argument 2 is undefined');
    expect(await client.get(key)).toBe('before');
  });

  it('a command pinned to one node (nodes()[i].call) with a bad argument fails alone', async () => {
    const [node] = client.nodes();
    const [bad, good] = await Promise.allSettled([node.call('ECHO', NaN), node.call('ECHO', 'pinned')]);
    expect(bad.status === 'rejected' && bad.reason instanceof InvalidArgumentError).toBe(true);
    expect(good).toEqual({ status: 'fulfilled', value: 'pinned' });
  });
});

describe('connection-state commands', () => {
  const KEYS = 600;

  it('are refused on every way in while concurrent GETs of other callers all get their own values', async () => {
    const keys = Array.from({ length: KEYS }, (_, i) => keyOf(-1, i));
    await Promise.all(keys.map((key) => client.set(key, `own:${key}`)));
    const refused: Array<[string, () => Promise<unknown>]> = [
      ['CLIENT REPLY', () => client.call('CLIENT', 'REPLY', 'SKIP')],
      ['MULTI', () => client.call('MULTI')],
      ['SELECT', () => client.call('SELECT', 1)],
      ['SUBSCRIBE', () => client.call('SUBSCRIBE', 'x')],
      ['HELLO', () => client.call('HELLO', '2')],
      ['CLIENT TRACKING', () => client.callBuffer('client', 'tracking', 'on')],
      ['WATCH', () => client.call('WATCH', keys[0])],
      ['MULTI', () => client.nodes()[0].call('MULTI')],
      ['CLIENT REPLY', () => client.nodes()[0].call('CLIENT', 'REPLY', 'OFF')],
      [
        'HELLO',
        () =>
          client
            .pipeline()
            .get(keys[0])
            .call('HELLO', '3')
            .exec()
            .then((results) => Promise.reject(results[1][0])),
      ],
    ];
    const watch = watchHostProcess();
    const gets: Check[] = [];
    const refusals: Check[] = [];
    try {
      keys.forEach((key, i) => {
        gets.push(expectValue(client.get(key), `GET ${key}`, `own:${key}`));
        const [command, attempt] = refused[i % refused.length];
        refusals.push(
          attempt().then(
            (value) => [`${command}: resolved ${String(value)}`],
            (error: unknown) =>
              error instanceof UnsupportedCommandError && error.command === command ? [] : [`${command}: rejected with ${String(error)}`],
          ),
        );
      });
      expect((await Promise.all(refusals)).flat()).toEqual([]);
      expect((await Promise.all(gets)).flat()).toEqual([]);
      // And later: no socket was left in another state (skipping replies, queuing, RESP2/3, subscribed).
      const again = await Promise.all(keys.map((key) => expectValue(client.get(key), `GET ${key} again`, `own:${key}`)));
      expect(again.flat()).toEqual([]);
    } finally {
      watch.stop();
    }
    expect(watch.faults).toEqual([]);
  });

  it('names the API to use instead', async () => {
    await expect(client.call('MULTI')).rejects.toThrow('client.multi()');
    await expect(client.call('SUBSCRIBE', 'x')).rejects.toThrow('client.subscribe()');
    await expect(client.call('HELLO', '2')).rejects.toThrow('`protocol`');
    await expect(client.call('SELECT', 1)).rejects.toThrow('not supported on a cluster client');
    await expect(client.call('CLIENT', 'SETNAME', 'x')).rejects.toThrow('`clientName`');
  });

  it('still allows blocking commands, which get a connection of their own', async () => {
    const list = keyOf(-2, 0);
    await client.call('RPUSH', list, 'item');
    await expect(client.call('BLPOP', list, 1)).resolves.toEqual([list, 'item']);
  });
});
