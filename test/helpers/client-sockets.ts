/**
 * What the servers say about a client's sockets: CLIENT LIST per node, read through probes that
 * are not part of any client. A pool socket carries `clientName`, the heartbeat's `clientName:heartbeat`.
 */
import { clientList, sleep, type NodeProbes } from './node-probe';

/** Sockets named `name` (or `name:<role>`) on each of `ports`, in order. */
export async function namedConnections(probes: NodeProbes, ports: readonly number[], name: string): Promise<number[]> {
  return Promise.all(
    ports.map(async (port) => (await clientList(probes.get(port))).filter((c) => c.name === name || c.name?.startsWith(`${name}:`)).length),
  );
}

/** Every client connection on each of `ports` (a socket not yet through its handshake has no name yet). */
export async function allConnections(probes: NodeProbes, ports: readonly number[]): Promise<number[]> {
  return Promise.all(ports.map(async (port) => (await clientList(probes.get(port))).length));
}

/**
 * Polls every 25 ms until `read` equals `expected`; throws, with the last reading, when `timeoutMs`
 * passes first, so a missed condition fails where it happens.
 */
export async function expectSoon<T>(what: string, read: () => Promise<T>, expected: T, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (JSON.stringify(value) === JSON.stringify(expected)) return;
    if (Date.now() > deadline) {
      throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms, expected ${JSON.stringify(expected)}`);
    }
    await sleep(25);
  }
}
