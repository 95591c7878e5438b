/** The one redirect/retry rule of the router and of transactions, as a table: error + attempt state -> next step. */
import {
  decideAttempt,
  type AttemptDecision,
  type AttemptLimits,
  type AttemptState,
} from '../../../../lib/core/cluster/routing/attempt-decision';
import { Topology } from '../../../../lib/core/cluster/topology/topology';
import type { RedirectContext } from '../../../../lib/core/cluster/topology/trusted-redirect';
import { AskError } from '../../../../lib/core/errors/ask-error';
import { AuthError } from '../../../../lib/core/errors/auth-error';
import { ClientClosedError } from '../../../../lib/core/errors/client-closed-error';
import { ConnectionError } from '../../../../lib/core/errors/connection-error';
import { MaxRedirectsError } from '../../../../lib/core/errors/max-redirects-error';
import { MovedError } from '../../../../lib/core/errors/moved-error';
import { PoolTimeoutError } from '../../../../lib/core/errors/pool-timeout-error';
import { ReplicationError } from '../../../../lib/core/errors/replication-error';
import { ReplyError } from '../../../../lib/core/errors/reply-error';
import { UnknownOutcomeError } from '../../../../lib/core/errors/unknown-outcome-error';

function node(port: number): { id: string; host: string; port: number; address: string; role: 'master'; health: string } {
  return { id: `id-${port}`, host: '127.0.0.21', port, address: `127.0.0.21:${port}`, role: 'master', health: 'online' };
}

const topology = new Topology([
  { master: node(7000), replicas: [], slots: [[0, 8191]] },
  { master: node(7001), replicas: [], slots: [[8192, 16383]] },
]);

const ctx: RedirectContext = {
  topology: () => topology,
  resolve: (a) => a,
  reload: () => Promise.reject(new Error('the decision never reloads')),
};

const limits: AttemptLimits = { maxRetries: 2, maxRedirects: 3, minRetryBackoff: 100, maxRetryBackoff: 1000 };

function state(over: Partial<AttemptState> = {}): AttemptState {
  return {
    name: 'SET',
    address: '127.0.0.21:7000',
    attempts: 0,
    redirects: 0,
    pinned: false,
    safeToRepeat: () => false,
    redirectLimit: 'max-redirects-error',
    ...over,
  };
}

const moved = (host: string, port: number): MovedError => new MovedError(`MOVED 9000 ${host}:${port}`, 9000, host, port);
const ask = (host: string, port: number): AskError => new AskError(`ASK 9000 ${host}:${port}`, 9000, host, port);
const written = new ConnectionError('socket closed', '127.0.0.21:7000', true);
const unwritten = new ConnectionError('socket closed', '127.0.0.21:7000', false);

/** What a decision says, without the jittered delay and the error object's identity. */
type Shape =
  | { kind: 'redirect'; address: string; known: boolean; asking: boolean }
  | { kind: 'retry'; reload: boolean }
  | { kind: 'fail'; error: string };

function shape(d: AttemptDecision): Shape {
  if (d.kind === 'redirect') return { kind: 'redirect', address: d.address, known: d.node !== undefined, asking: d.asking };
  if (d.kind === 'retry') return { kind: 'retry', reload: d.reload };
  return { kind: 'fail', error: d.error.name };
}

const table: Array<[string, Error, AttemptState, Shape]> = [
  [
    'MOVED to a listed node: redirect there',
    moved('127.0.0.21', 7001),
    state(),
    { kind: 'redirect', address: '127.0.0.21:7001', known: true, asking: false },
  ],
  [
    'ASK to a listed node: redirect with ASKING',
    ask('127.0.0.21', 7001),
    state(),
    { kind: 'redirect', address: '127.0.0.21:7001', known: true, asking: true },
  ],
  [
    'MOVED with an empty host: the node that answered',
    moved('', 7001),
    state(),
    { kind: 'redirect', address: '127.0.0.21:7001', known: true, asking: false },
  ],
  [
    'MOVED to an unlisted address: redirect only once a reload lists it',
    moved('127.9.9.9', 6379),
    state(),
    { kind: 'redirect', address: '127.9.9.9:6379', known: false, asking: false },
  ],
  [
    'MOVED on a pinned command: the caller gets it',
    moved('127.0.0.21', 7001),
    state({ pinned: true }),
    { kind: 'fail', error: 'MovedError' },
  ],
  ['MOVED past maxRedirects (router)', moved('127.0.0.21', 7001), state({ redirects: 3 }), { kind: 'fail', error: 'MaxRedirectsError' }],
  [
    'ASK past maxRedirects (transaction): the redirect itself',
    ask('127.0.0.21', 7001),
    state({ redirects: 3, redirectLimit: 'last-redirect' }),
    { kind: 'fail', error: 'AskError' },
  ],
  [
    'MOVED at maxRedirects exactly: still followed',
    moved('127.0.0.21', 7001),
    state({ redirects: 2 }),
    { kind: 'redirect', address: '127.0.0.21:7001', known: true, asking: false },
  ],
  [
    'TRYAGAIN: back off, same topology',
    new ReplyError('TRYAGAIN', 'TRYAGAIN multi-key in migration'),
    state(),
    { kind: 'retry', reload: false },
  ],
  ['LOADING: back off, same topology', new ReplyError('LOADING', 'LOADING dataset'), state(), { kind: 'retry', reload: false }],
  [
    'CLUSTERDOWN: reload, then retry',
    new ReplyError('CLUSTERDOWN', 'CLUSTERDOWN the cluster is down'),
    state(),
    { kind: 'retry', reload: true },
  ],
  ['MASTERDOWN: reload, then retry', new ReplyError('MASTERDOWN', 'MASTERDOWN link down'), state(), { kind: 'retry', reload: true }],
  [
    'READONLY (a demoted master): reload, then retry',
    new ReplyError('READONLY', "READONLY You can't write"),
    state(),
    { kind: 'retry', reload: true },
  ],
  ['an ordinary error reply: fail', new ReplyError('WRONGTYPE', 'WRONGTYPE wrong kind'), state(), { kind: 'fail', error: 'ReplyError' }],
  ['pool timeout: back off', new PoolTimeoutError('127.0.0.21:7000', 50), state(), { kind: 'retry', reload: false }],
  ['connection lost before the write: reload, then retry', unwritten, state(), { kind: 'retry', reload: true }],
  [
    'connection lost after the write, safe to repeat: reload, then retry',
    written,
    state({ safeToRepeat: () => true }),
    { kind: 'retry', reload: true },
  ],
  ['connection lost after the write, unsafe: unknown outcome', written, state(), { kind: 'fail', error: 'UnknownOutcomeError' }],
  [
    'retries exhausted: the last error',
    new ReplyError('TRYAGAIN', 'TRYAGAIN'),
    state({ attempts: 2 }),
    { kind: 'fail', error: 'ReplyError' },
  ],
  [
    'the last retry allowed: still retried',
    new ReplyError('TRYAGAIN', 'TRYAGAIN'),
    state({ attempts: 1 }),
    { kind: 'retry', reload: false },
  ],
  ['authentication refused: never retried', new AuthError('WRONGPASS', '127.0.0.21:7000'), state(), { kind: 'fail', error: 'AuthError' }],
  ['client closed: never retried', new ClientClosedError(), state(), { kind: 'fail', error: 'ClientClosedError' }],
  [
    'replicas not reached: never retried',
    new ReplicationError('127.0.0.21:7000', 1, 0),
    state({ safeToRepeat: () => true }),
    { kind: 'fail', error: 'ReplicationError' },
  ],
  ['anything else: fail', new TypeError('bug'), state(), { kind: 'fail', error: 'TypeError' }],
];

describe('decideAttempt', () => {
  it.each(table)('%s', (_name, error, attempt, expected) => {
    expect(shape(decideAttempt(error, attempt, ctx, limits))).toEqual(expected);
  });

  it('keeps the error messages the caller has always seen', () => {
    const tooMany = decideAttempt(moved('127.0.0.21', 7001), state({ name: 'GET', redirects: 3 }), ctx, limits);
    expect(tooMany.kind === 'fail' && tooMany.error).toBeInstanceOf(MaxRedirectsError);
    expect(tooMany.kind === 'fail' && tooMany.error.message).toBe('GET gave up after 4 attempts');
    const unknown = decideAttempt(written, state({ name: 'EXEC' }), ctx, limits);
    expect(unknown.kind === 'fail' && unknown.error).toBeInstanceOf(UnknownOutcomeError);
    expect(unknown.kind === 'fail' && unknown.error.message).toBe(
      'outcome of EXEC on 127.0.0.21:7000 is unknown: the connection broke after it was sent',
    );
  });

  it('gives the listed node itself, so nothing is dialled by address', () => {
    const d = decideAttempt(moved('127.0.0.21', 7001), state(), ctx, limits);
    expect(d.kind === 'redirect' && d.node).toBe(topology.members.get('127.0.0.21:7001'));
  });

  it('backs off exponentially with equal jitter, within [ceiling/2, ceiling]', () => {
    for (const [attempts, ceiling] of [
      [0, 100],
      [1, 200],
      [2, 400],
    ] as const) {
      const d = decideAttempt(new ReplyError('TRYAGAIN', 'TRYAGAIN'), state({ attempts }), ctx, { ...limits, maxRetries: 10 });
      if (d.kind !== 'retry') throw new Error(`expected a retry, got ${d.kind}`);
      expect(d.delayMs).toBeGreaterThanOrEqual(ceiling / 2);
      expect(d.delayMs).toBeLessThanOrEqual(ceiling);
    }
  });

  it('asks about repeat safety only when the outcome is unknown', () => {
    const safeToRepeat = jest.fn(() => true);
    decideAttempt(new ReplyError('TRYAGAIN', 'TRYAGAIN'), state({ safeToRepeat }), ctx, limits);
    decideAttempt(moved('127.0.0.21', 7001), state({ safeToRepeat }), ctx, limits);
    expect(safeToRepeat).not.toHaveBeenCalled();
    decideAttempt(written, state({ safeToRepeat }), ctx, limits);
    expect(safeToRepeat).toHaveBeenCalledTimes(1);
  });
});
