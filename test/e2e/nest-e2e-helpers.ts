import * as net from 'node:net';
import { redisCli, type CliTarget } from '../helpers/cluster-env';

let sequence = 0;

/** A CLIENT SETNAME value no other spec or run uses, so CLIENT LIST counts only our sockets. */
export function uniqueClientName(prefix: string): string {
  return `${prefix}-${process.pid}-${++sequence}-${Date.now().toString(36)}`;
}

/** Sockets named `clientName` on each node, in the order of `targets`. */
export async function connectionsNamed(targets: CliTarget[], clientName: string): Promise<number[]> {
  const lists = await Promise.all(targets.map((t) => redisCli(t, 'CLIENT', 'LIST')));
  // The client's pool sockets carry its name; its heartbeat socket carries `<name>:heartbeat`.
  const named = (line: string) => line.includes(` name=${clientName} `) || line.includes(` name=${clientName}:heartbeat `);
  return lists.map((list) => list.split('\n').filter(named).length);
}

/** Polls until `check` passes (the server sees a closed socket a moment after the client closes it). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `INFO commandstats` of one node as { command: calls }. */
export async function commandCalls(target: CliTarget): Promise<Record<string, number>> {
  const info = await redisCli(target, 'INFO', 'commandstats');
  const calls: Record<string, number> = {};
  for (const match of info.matchAll(/^cmdstat_(\S+):calls=(\d+)/gm)) calls[match[1]] = Number(match[2]);
  return calls;
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
