/**
 * One lifecycle against a real plain cluster of this spec's own (it pauses every node and counts
 * every socket, which a shared cluster used by other spec files in parallel would not allow):
 * close() during connect() ends the attempt and
 * leaves no socket or timer; after close() every entry point refuses and opens no socket.
 * CLIENT PAUSE holds a phase of connect() open on demand: every node paused stalls the topology
 * load; every node but the seed paused stalls the pools' first sockets (minIdleConns) or the first
 * heartbeat round, since the load itself is answered by the seed alone.
 */
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { Connection } from '../../lib/core/connection/connection';
import { ClientClosedError } from '../../lib/core/errors/client-closed-error';
import type { RedisClusterOptions } from '../../lib/core/options/client-options';
import { allConnections, expectSoon, namedConnections } from '../helpers/client-sockets';
import type { NodeAddress } from '../../lib/core/options/client-options';
import { startPrivateCluster, type PrivateCluster } from '../helpers/cluster-env';
import { NodeProbes, shardMasters, sleep } from '../helpers/node-probe';
import { rejection } from '../helpers/rejection';
import { TimerTracker } from '../helpers/timer-tracker';

/** Longer than the longest close delay, so every close lands while connect() is still stalled. */
const PAUSE_MS = 600;
const DELAYS_MS = [0, 5, 20, 50, 100, 250];

type Phase = 'topology load' | 'pools start' | 'first heartbeat round';

let cluster: PrivateCluster;
let nodes: NodeAddress[];
let ports: number[];
let probes: NodeProbes;
let seedPort: number;

beforeAll(async () => {
  cluster = await startPrivateCluster('lifecycle');
  ({ nodes, ports } = cluster);
  probes = await NodeProbes.open(ports);
  seedPort = (await shardMasters(probes.get(ports[0])))[0].port;
}, 60_000);
afterAll(async () => {
  await probes?.close();
  await cluster?.stop();
});

function uniqueName(tag: string): string {
  return `life-${tag}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The options that make `phase` the one connect() is stuck in while the nodes are paused. */
function optionsFor(phase: Phase, clientName: string): RedisClusterOptions {
  const seed = [{ host: '127.0.0.1', port: seedPort }];
  if (phase === 'topology load') return { nodes, clientName };
  if (phase === 'pools start') return { nodes: seed, clientName, minIdleConns: 2 };
  return { nodes: seed, clientName, heartbeatInterval: 5000 };
}

async function pause(phase: Phase): Promise<void> {
  const paused = phase === 'topology load' ? ports : ports.filter((p) => p !== seedPort);
  await Promise.all(paused.map((port) => probes.request(port, 'CLIENT', 'PAUSE', PAUSE_MS, 'ALL')));
}

/** No socket of `name` on any node, and every node back to the connection count it had before. */
async function expectNoSocketsLeft(name: string, baseline: number[]): Promise<void> {
  await expectSoon(
    `sockets named ${name}`,
    () => namedConnections(probes, ports, name),
    ports.map(() => 0),
    PAUSE_MS + 5000,
  );
  await expectSoon('connections per node', () => allConnections(probes, ports), baseline, PAUSE_MS + 5000);
}

describe.each<Phase>(['topology load', 'pools start', 'first heartbeat round'])('close() during connect(), stalled in the %s', (phase) => {
  it.each(DELAYS_MS)('at %i ms: connect() rejects ClientClosedError, status closed, no socket or timer left', async (delayMs) => {
    const name = uniqueName(`${phase.split(' ')[0]}-${delayMs}`);
    const baseline = await allConnections(probes, ports);
    await pause(phase);
    const timers = new TimerTracker().start();
    try {
      const client = new RedisClusterClient(optionsFor(phase, name));
      const connecting = rejection(client.connect());
      if (delayMs > 0) await sleep(delayMs); // the moment of the close() under test, not a wait for a condition
      expect(client.status).toBe('connecting');
      await client.close();
      expect(client.status).toBe('closed');
      const error = await connecting;
      expect(error).toBeInstanceOf(ClientClosedError);
      expect(client.status).toBe('closed');
      // Nothing of the attempt may be pending once close() has resolved.
      expect(timers.pending()).toEqual([]);
      await expectNoSocketsLeft(name, baseline);
      // Closed is final.
      expect(await rejection(client.connect())).toBeInstanceOf(ClientClosedError);
    } finally {
      timers.stop();
    }
  });
});

describe('after close()', () => {
  it('every entry point rejects ClientClosedError and opens no socket', async () => {
    const name = uniqueName('after');
    const client = new RedisClusterClient({ nodes, clientName: name });
    await client.connect();
    const key = `${name}:k`;
    await client.set(key, 'v');
    const staleHandles = client.nodes('all');
    const baseline = await allConnections(probes, ports);
    expect((await namedConnections(probes, ports, name)).reduce((a, b) => a + b)).toBeGreaterThan(0);
    await client.close();
    await expectSoon(
      `sockets named ${name}`,
      () => namedConnections(probes, ports, name),
      ports.map(() => 0),
    );
    const afterClose = await allConnections(probes, ports);
    expect(afterClose.reduce((a, b) => a + b)).toBeLessThan(baseline.reduce((a, b) => a + b));

    const opens = jest.spyOn(Connection, 'open');
    try {
      const attempts: Record<string, () => Promise<unknown>> = {
        get: () => client.get(key),
        call: () => client.call('PING'),
        'pipeline().exec()': () => client.pipeline().set(key, 'x').get(key).exec(),
        'multi().exec()': () => client.multi().set(key, 'x').exec(),
        'watch()': () => client.watch(key, async () => 'ran'),
        'nodes() handle call, taken before close()': () => staleHandles[0].call('PING'),
        'nodes() handle call, taken after close()': () => client.nodes()[0].call('PING'),
        'subscribe()': () => client.subscribe('ch', () => undefined),
        'psubscribe()': () => client.psubscribe('ch*', () => undefined),
        'ssubscribe()': () => client.ssubscribe('ch', () => undefined),
        'scanIterator().next()': () => client.scanIterator().next(),
        'createScript().run()': () => client.createScript('return 1').run(),
        'connect()': () => client.connect(),
      };
      for (const [entry, attempt] of Object.entries(attempts)) {
        const error = await rejection(attempt());
        expect([entry, error]).toEqual([entry, expect.any(ClientClosedError)]);
        expect([entry, error.message]).toEqual([entry, 'the client is closed']);
      }
      expect(opens).not.toHaveBeenCalled();
      // Unsubscribing after close() is harmless: there is nothing left to end.
      await expect(client.unsubscribe('ch')).resolves.toBeUndefined();
      expect(await namedConnections(probes, ports, name)).toEqual(ports.map(() => 0));
      expect(await allConnections(probes, ports)).toEqual(afterClose);
      expect(opens).not.toHaveBeenCalled();
    } finally {
      opens.mockRestore();
    }
  });

  it('before connect() every entry point says "call connect() first" and opens no socket', async () => {
    const client = new RedisClusterClient({ nodes, clientName: uniqueName('idle') });
    const opens = jest.spyOn(Connection, 'open');
    try {
      const attempts: Record<string, () => Promise<unknown>> = {
        get: () => client.get('k'),
        'pipeline().exec()': () => client.pipeline().get('k').exec(),
        'multi().exec()': () => client.multi().set('k', 'x').exec(),
        'watch()': () => client.watch('k', async () => 'ran'),
        'subscribe()': () => client.subscribe('ch', () => undefined),
        'scanIterator().next()': () => client.scanIterator().next(),
        'createScript().run()': () => client.createScript('return 1').run(),
      };
      for (const [entry, attempt] of Object.entries(attempts)) {
        const error = await rejection(attempt());
        expect([entry, error]).toEqual([entry, expect.any(ClientClosedError)]);
        expect([entry, error.message]).toEqual([entry, expect.stringMatching(/call connect\(\) first/)]);
      }
      expect(opens).not.toHaveBeenCalled();
    } finally {
      opens.mockRestore();
      await client.close();
    }
  });

  it('a failed connect() leaves nothing open and may be retried; close() then ends it for good', async () => {
    const name = uniqueName('retry');
    const timers = new TimerTracker().start();
    try {
      const client = new RedisClusterClient({ nodes: [{ host: '127.0.0.1', port: 1 }], clientName: name, dialTimeout: 500 });
      expect(await rejection(client.connect())).not.toBeInstanceOf(ClientClosedError);
      expect(client.status).toBe('idle');
      expect(timers.pending()).toEqual([]);
      expect(await rejection(client.connect())).not.toBeInstanceOf(ClientClosedError);
      expect(client.status).toBe('idle');
      await client.close();
      expect(client.status).toBe('closed');
      expect(await rejection(client.connect())).toBeInstanceOf(ClientClosedError);
      expect(timers.pending()).toEqual([]);
    } finally {
      timers.stop();
    }
  });

  it('while closing, new requests are refused at once and in-flight ones still finish', async () => {
    const name = uniqueName('closing');
    const client = new RedisClusterClient({ nodes, clientName: name });
    await client.connect();
    const key = `${name}:k`;
    const inFlight = client.set(key, 'v');
    const closing = client.close();
    expect(client.status).toBe('closing');
    const opens = jest.spyOn(Connection, 'open');
    try {
      const refused = await Promise.all([
        rejection(client.get(key)),
        rejection(client.pipeline().get(key).exec()),
        rejection(client.multi().get(key).exec()),
        rejection(client.subscribe('ch', () => undefined)),
        rejection(client.nodes()[0].call('PING')),
        rejection(client.connect()),
      ]);
      for (const error of refused) expect(error).toBeInstanceOf(ClientClosedError);
      await expect(inFlight).resolves.toBe('OK');
      await closing;
      expect(opens).not.toHaveBeenCalled();
    } finally {
      opens.mockRestore();
    }
    await expectSoon(
      `sockets named ${name}`,
      () => namedConnections(probes, ports, name),
      ports.map(() => 0),
    );
  });

  it('concurrent close() calls share one closing', async () => {
    const client = new RedisClusterClient({ nodes, clientName: uniqueName('twice') });
    await client.connect();
    let closes = 0;
    client.on('close', () => closes++);
    const [first, second] = [client.close(), client.close()];
    expect(client.status).toBe('closing');
    await Promise.all([first, second]);
    await client.close();
    expect(closes).toBe(1);
    expect(client.status).toBe('closed');
  });
});
