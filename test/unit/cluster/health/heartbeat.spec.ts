import { Heartbeat } from '../../../../lib/core/cluster/health/heartbeat';
import type { NodeStateChange } from '../../../../lib/core/cluster/health/health-types';
import { NodeHealthTracker } from '../../../../lib/core/cluster/health/node-health';
import type { ClusterNode } from '../../../../lib/core/cluster/topology/topology';
import { ClientClosedError } from '../../../../lib/core/errors/client-closed-error';
import { CredentialsError } from '../../../../lib/core/errors/credentials-error';
import { ConnectionError } from '../../../../lib/core/errors/connection-error';
import { TimeoutError } from '../../../../lib/core/errors/timeout-error';
import { FakeDialer, fakeConfig } from '../../../helpers/fake-connection';

const INTERVAL = 100;
const FAILURES = 2;

function node(port: number): ClusterNode {
  return { id: `id-${port}`, host: '127.0.0.1', port, address: `127.0.0.1:${port}`, role: 'master', health: 'online' };
}

/** Lets promise callbacks queued so far run (a dial resolving, a PING answered). */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

jest.setTimeout(5000);

describe('Heartbeat (fake dial, fake timers)', () => {
  const a = node(7000);
  const b = node(7001);
  let dialer: FakeDialer;
  let changes: NodeStateChange[];
  let health: NodeHealthTracker;
  let heartbeat: Heartbeat;

  const pong = (args: unknown[]): string | undefined => (args[0] === 'PING' ? 'PONG' : undefined);

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'queueMicrotask'] });
    dialer = new FakeDialer();
    changes = [];
    health = new NodeHealthTracker(FAILURES, (change) => changes.push(change));
    health.sync([a, b]);
    heartbeat = new Heartbeat(INTERVAL, (n) => fakeConfig(n.port), health, dialer.open);
    heartbeat.sync([a, b]);
  });

  afterEach(async () => {
    // A manual dial left open would hold stop() until graceMs, a fake timer: run it.
    const stopping = heartbeat.stop(0);
    await jest.advanceTimersByTimeAsync(1);
    await stopping;
    jest.useRealTimers();
  });

  const states = (): string[] => [health.stateOf(a.address), health.stateOf(b.address)];

  it('probes every node on start, on a socket of its own per node, and records the answer', async () => {
    dialer.responder = pong;
    heartbeat.start();
    await turn();
    expect(dialer.connections.map((c) => c.address)).toEqual([a.address, b.address]);
    expect(dialer.connections.map((c) => c.sent.map((s) => s.name))).toEqual([['PING'], ['PING']]);
    expect(health.view(a.address)?.lastSeenAt).toBeDefined();
    expect(health.latency(a.address)).toBe(0);
    expect(changes).toEqual([]);
  });

  it('reuses its socket from one beat to the next', async () => {
    dialer.responder = pong;
    heartbeat.start();
    await turn();
    await jest.advanceTimersByTimeAsync(3 * INTERVAL);
    expect(dialer.calls).toBe(2);
    expect(dialer.connections[0].sent).toHaveLength(4);
  });

  it('a node that cannot be dialled goes suspect, then down after `failures` beats', async () => {
    dialer.mode = 'fail';
    heartbeat.start();
    await turn();
    expect(states()).toEqual(['suspect', 'suspect']);
    await jest.advanceTimersByTimeAsync(INTERVAL);
    expect(states()).toEqual(['down', 'down']);
    expect(changes.filter((c) => c.to === 'down').map((c) => c.error)).toEqual([dialer.failure.message, dialer.failure.message]);
  });

  it('a credentials provider that fails is not the node failing: no miss is counted', async () => {
    dialer.mode = 'fail';
    dialer.failure = new CredentialsError('credentials provider failed: token service unavailable', '127.0.0.1:7000');
    heartbeat.start();
    await jest.advanceTimersByTimeAsync(INTERVAL * (FAILURES + 2));
    expect(states()).toEqual(['up', 'up']);
    expect(changes).toEqual([]);
    // Dialled afresh every beat all the same, so the node is probed again once the provider answers.
    expect(dialer.calls).toBeGreaterThanOrEqual(2 * (FAILURES + 2));
  });

  it('a PING still unanswered at the next beat is a miss (a frozen node), and the answer brings it back up', async () => {
    heartbeat.start(); // no responder: the PINGs stall
    await turn();
    expect(states()).toEqual(['up', 'up']);
    await jest.advanceTimersByTimeAsync(INTERVAL);
    expect(states()).toEqual(['suspect', 'suspect']);
    expect(changes[0].error).toContain('read timeout after 100 ms'); // a TimeoutError per missed beat
    await jest.advanceTimersByTimeAsync(INTERVAL);
    expect(states()).toEqual(['down', 'down']);
    expect(dialer.connections[0].sent).toHaveLength(1); // no second PING queued behind a stalled one
    await jest.advanceTimersByTimeAsync(30);
    dialer.connections[0].reply('PONG');
    await turn();
    expect(states()).toEqual(['up', 'down']);
    expect(health.latency(a.address)).toBe(2 * INTERVAL + 30);
  });

  it('a PING that fails drops the socket and the next beat dials afresh', async () => {
    heartbeat.start();
    await turn();
    const [first] = dialer.connections;
    first.reply(new ConnectionError('reset', a.address, true));
    await turn();
    expect(first.isOpen).toBe(false);
    expect(health.stateOf(a.address)).toBe('suspect');
    await jest.advanceTimersByTimeAsync(INTERVAL);
    expect(dialer.connections.filter((c) => c.address === a.address)).toHaveLength(2);
  });

  it('a node leaving the topology has its probe socket closed and is probed no more', async () => {
    dialer.responder = pong;
    heartbeat.start();
    await turn();
    const probeB = dialer.connections[1];
    heartbeat.sync([a]);
    expect(probeB.isOpen).toBe(false);
    expect(probeB.destroyedWith?.message).toContain('left the cluster topology');
    await jest.advanceTimersByTimeAsync(3 * INTERVAL);
    expect(probeB.sent).toHaveLength(1);
    expect(dialer.connections.filter((c) => c.address === b.address)).toHaveLength(1);
  });

  it('a dial that completes after its node left is closed at once', async () => {
    dialer.mode = 'manual';
    heartbeat.start();
    heartbeat.sync([a]);
    const late = dialer.dials[1].succeed();
    await turn();
    expect(late.isOpen).toBe(false);
    expect(late.sent).toHaveLength(0);
  });

  it('stop() destroys the probe sockets, waits for probes under way and stops the beats', async () => {
    heartbeat.start(); // PINGs stall
    await turn();
    let stopped = false;
    const stopping = heartbeat.stop().then(() => (stopped = true));
    await stopping;
    expect(stopped).toBe(true);
    expect(dialer.connections.every((c) => c.destroyedWith instanceof ClientClosedError)).toBe(true);
    const calls = dialer.calls;
    await jest.advanceTimersByTimeAsync(5 * INTERVAL);
    expect(dialer.calls).toBe(calls);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('stop(graceMs) is bounded when a dial never ends', async () => {
    dialer.mode = 'manual';
    heartbeat.start();
    let stopped = false;
    const stopping = heartbeat.stop(50).then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(49);
    expect(stopped).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await stopping;
    expect(stopped).toBe(true);
  });

  it('probeAll() resolves once every node has answered once more', async () => {
    const probing = heartbeat.probeAll();
    await turn();
    let done = false;
    void probing.then(() => (done = true));
    dialer.connections[0].reply('PONG');
    await turn();
    expect(done).toBe(false);
    dialer.connections[1].reply('PONG');
    await probing;
    expect(health.view(b.address)?.lastSeenAt).toBeDefined();
  });

  it('records a stalled beat as a TimeoutError on the health tracker', async () => {
    const failures: Error[] = [];
    const spy = jest.spyOn(health, 'recordFailure').mockImplementation((_, error) => void failures.push(error));
    heartbeat.start();
    await turn();
    await jest.advanceTimersByTimeAsync(INTERVAL);
    expect(failures).toHaveLength(2);
    expect(failures[0]).toBeInstanceOf(TimeoutError);
    spy.mockRestore();
  });
});
