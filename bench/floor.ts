/**
 * What Node itself can do, with no client library, beside what the clients do in the same lean loop:
 * N workers each awaiting one GET of one key, in a loop, for a few seconds; nothing else per
 * operation (no latency histogram, no random key). `--client=raw` is one raw TCP socket to the master
 * that owns the key, one socket write per command and replies found by scanning for their ends: no
 * cluster client can do less work per GET on this machine, so it shows how much of a cell is the
 * client's and how much is the kernel's. `--client=ours|node-redis|...` runs a bench adapter instead;
 * with `--keys=N` (adapters only) the workers walk bench:key:0..N-1, spread over every master.
 *
 *   REDIS_CLUSTER_NODES=127.0.0.1:7000 node dist-bench/bench/floor.js [--client=raw] [--in-flight=1] [--seconds=3] [--keys=1] [--command=get|set]
 *
 * The key must exist (any `npm run bench` preloads bench:key:*). Prints ops/s, CPU µs per command
 * and read/write syscalls per command (from /proc/self/io, Linux), whole process.
 */
import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import { ADAPTERS, type SeedAddress } from './adapters';
import { parseSeeds } from './local-cluster';

const KEY = 'bench:key:0';

type Get = (key: string) => Promise<unknown>;

async function main(): Promise<void> {
  const opts = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
  const inFlight = Number(opts.get('in-flight') ?? 1);
  const seconds = Number(opts.get('seconds') ?? 3);
  const clientId = opts.get('client') ?? 'raw';
  const keyCount = Number(opts.get('keys') ?? 1);
  const command = opts.get('command') ?? 'get';
  if (command !== 'get' && command !== 'set') throw new Error(`--command=${command}: get or set`);
  if (clientId === 'raw' && (keyCount !== 1 || command !== 'get')) throw new Error('--client=raw GETs one key only');
  // A stride prime to the key count walks every key before repeating one.
  const keys = Array.from({ length: keyCount }, (_, i) => `bench:key:${(i * 7919) % keyCount}`);
  const seeds = parseSeeds(process.env.REDIS_CLUSTER_NODES ?? '127.0.0.1:7000');
  const { get, close } = clientId === 'raw' ? await rawSocket(seeds[0]) : await adapterClient(clientId, seeds, command);
  await get(KEY);
  const io0 = syscalls();
  const cpu0 = process.cpuUsage();
  const until = Date.now() + seconds * 1000;
  let ops = 0;
  const worker = async (): Promise<void> => {
    while (Date.now() < until) await get(keys[ops++ % keyCount]);
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const cpu = process.cpuUsage(cpu0);
  const io = syscalls();
  await close();
  const perOp = (n: number) => (n / ops).toFixed(3);
  console.log(
    `${clientId}, ${command.toUpperCase()} of ${keyCount === 1 ? 'one key' : `${keyCount} keys`}, ${inFlight} in flight, ${seconds} s: ${Math.round(ops / seconds)} ops/s, ` +
      `CPU ${((cpu.user + cpu.system) / ops).toFixed(2)} µs/op, reads/op ${perOp(io.reads - io0.reads)}, writes/op ${perOp(io.writes - io0.writes)}`,
  );
}

/** `get` runs GET, or with `command` 'set' a SET of the bench's 64-byte value. */
async function adapterClient(id: string, seeds: SeedAddress[], command: string): Promise<{ get: Get; close: () => Promise<void> }> {
  const adapter = ADAPTERS.find((a) => a.id === id);
  if (adapter === undefined) throw new Error(`unknown client '${id}' (raw, ${ADAPTERS.map((a) => a.id).join(', ')})`);
  const client = await adapter.connect(seeds, 'master');
  const value = 'v'.repeat(64);
  const get: Get = command === 'set' ? (key) => client.set(key, value) : (key) => client.get(key);
  return { get, close: () => client.close() };
}

async function rawSocket(seed: SeedAddress): Promise<{ get: Get; close: () => Promise<void> }> {
  const { host, port } = await ownerOf(seed.host, seed.port);
  const socket = net.connect({ host, port, noDelay: true });
  await new Promise((resolve) => socket.once('connect', resolve));
  const waiting: Array<() => void> = [];
  let bulkLeft = -1;
  socket.on('data', (chunk: Buffer) => {
    // Replies are `$N\r\n<N bytes>\r\n`; only their ends matter here.
    for (let i = 0; i < chunk.length;) {
      if (bulkLeft > 0) {
        const take = Math.min(bulkLeft, chunk.length - i);
        bulkLeft -= take;
        i += take;
        if (bulkLeft === 0) waiting.shift()?.();
        continue;
      }
      const lf = chunk.indexOf(10, i);
      bulkLeft = Number(chunk.toString('latin1', i + 1, lf - 1)) + 2;
      i = lf + 1;
    }
  });
  const request = Buffer.from(`*2\r\n$3\r\nGET\r\n$${KEY.length}\r\n${KEY}\r\n`);
  const get: Get = () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      socket.write(request);
    });
  return { get, close: async () => void socket.destroy() };
}

/** The master serving KEY: the seed answers the GET itself, or MOVED to the master that owns it. */
async function ownerOf(host: string, port: number): Promise<{ host: string; port: number }> {
  const socket = net.connect({ host, port });
  const reply = await new Promise<string>((resolve) => {
    socket.once('data', (chunk) => resolve(chunk.toString('latin1')));
    socket.write(`*2\r\n$3\r\nGET\r\n$${KEY.length}\r\n${KEY}\r\n`);
  });
  socket.destroy();
  const moved = /^-MOVED \d+ (.*):(\d+)\r\n/.exec(reply);
  if (moved !== null) return { host: moved[1] || host, port: Number(moved[2]) };
  if (!reply.startsWith('$') || reply.startsWith('$-1')) throw new Error(`${KEY} is missing: run npm run bench against this cluster once`);
  return { host, port };
}

function syscalls(): { reads: number; writes: number } {
  const text = readFileSync('/proc/self/io', 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}: (\\d+)`).exec(text)?.[1] ?? NaN);
  return { reads: field('syscr'), writes: field('syscw') };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
