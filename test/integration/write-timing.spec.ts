/**
 * The in-flight count behind write timing (connection/write-timing.ts) stays exact through replies,
 * errors and a connection destroyed with commands unanswered: afterwards a lone command is written
 * at the end of its tick again. A count that drifted up would cost every lone command a loop turn.
 */
import { Connection } from '../../lib/core/connection/connection';
import type { ConnectionConfig } from '../../lib/core/connection/connection-config';
import { writeTiming } from '../../lib/core/connection/write-timing';
import { hashSlot } from '../../lib/core/slots/hash-slot';
import { plainCluster } from '../helpers/cluster-env';
import { fakeConfig } from '../helpers/fake-connection';

function configFor(port: number): ConnectionConfig {
  return { ...fakeConfig(port), clientName: 'write-timing-spec', dialTimeout: 5000, readTimeout: 5000, writeTimeout: 5000 };
}

/** A master's connection, and a key in its first slot range: BLPOP on it blocks instead of a MOVED reply. */
async function masterWithKey(): Promise<{ port: number; key: string }> {
  for (const port of plainCluster().ports) {
    const probe = await Connection.open(configFor(port));
    const nodes = String(await probe.request(['CLUSTER', 'NODES']));
    probe.destroy(new Error('probed'));
    const mine = nodes.split('\n').find((line) => line.includes('myself,master'));
    const range = mine?.split(' ')[8];
    if (range === undefined) continue;
    const [from, to = from] = range.split('-').map(Number);
    for (let i = 0; ; i++) {
      const slot = hashSlot(`write-timing-spec:${i}`);
      if (slot >= from && slot <= to) return { port, key: `write-timing-spec:${i}` };
    }
  }
  throw new Error('no master found');
}

/** True when a command scheduled now would be written at the end of this tick (nothing in flight anywhere). */
function writesAtOnce(): Promise<boolean> {
  return new Promise((resolve) => {
    let immediateRan = false;
    setImmediate(() => (immediateRan = true));
    writeTiming.schedule(() => resolve(!immediateRan));
  });
}

it('the in-flight count returns to zero after replies, reply errors and a destroyed connection', async () => {
  const { port, key } = await masterWithKey();
  const a = await Connection.open(configFor(port));
  const b = await Connection.open(configFor(port));
  try {
    expect(await writesAtOnce()).toBe(true);
    const replies = Promise.allSettled([a.request(['PING']), a.request(['NO-SUCH-COMMAND']), b.request(['PING'])]);
    expect(await writesAtOnce()).toBe(false);
    await replies;
    expect(await writesAtOnce()).toBe(true);
    // Blocks until destroyed: both are counted, then drained unanswered.
    const blocked = Promise.allSettled([b.request(['BLPOP', key, '0']), b.request(['PING'])]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await writesAtOnce()).toBe(false);
    b.destroy(new Error('test'));
    await blocked;
    expect(await writesAtOnce()).toBe(true);
  } finally {
    a.destroy(new Error('done'));
    b.destroy(new Error('done'));
  }
});

/** The order of `b`'s next socket write and a setImmediate queued just before a PING is sent on it. */
async function writeOrder(b: Connection): Promise<string[]> {
  const events: string[] = [];
  const socket = (b as unknown as { socket: { write: (data: string | Buffer) => boolean } }).socket;
  const write = socket.write;
  socket.write = (data: string | Buffer) => {
    events.push('write');
    socket.write = write;
    return write.call(socket, data);
  };
  setImmediate(() => events.push('immediate'));
  await b.request(['PING']);
  return events;
}

it('an idle socket writes at once, unless a reply is due on any socket: then it waits for the loop turn', async () => {
  const { port, key } = await masterWithKey();
  const a = await Connection.open(configFor(port));
  const b = await Connection.open(configFor(port));
  try {
    expect(await writeOrder(b)).toEqual(['write', 'immediate']);
    const blocked = a.request(['BLPOP', key, '0']).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await writeOrder(b)).toEqual(['immediate', 'write']);
    a.destroy(new Error('test'));
    await blocked;
    expect(await writeOrder(b)).toEqual(['write', 'immediate']);
  } finally {
    a.destroy(new Error('done'));
    b.destroy(new Error('done'));
  }
});
