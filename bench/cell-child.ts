/**
 * One client in a process of its own for the whole run (spawned by client-process.ts): it connects,
 * warms up, then runs the cells run.ts asks for, one at a time, and answers each with its round.
 * Nothing of the other clients shares its heap, its JIT feedback or its CPU and RSS figures.
 *
 *   node --expose-gc dist-bench/bench/cell-child.js <client id> <host:port,...> <workload,...> [server pid,...]
 */
import { loadAdapter } from './adapters/load';
import type { BenchClient, ReadFrom } from './adapters/types';
import type { FromChild, ToChild } from './cell-protocol';
import { buildKeyspace, type Keyspace } from './keyspace';
import { parseSeeds } from './local-cluster';
import { serverCpuProbe } from './server-cpu';
import { seededRandom } from './stats';
import { describe, runCell, WORKLOADS, type Workload } from './workload';

async function main(): Promise<void> {
  const [id, seedList, workloadList, pidList = ''] = process.argv.slice(2);
  const serverCpu = serverCpuProbe(pidList.split(',').filter(Boolean).map(Number));
  const workloads = WORKLOADS.filter((w) => workloadList?.split(',').includes(w.id));
  if (id === undefined || seedList === undefined || process.send === undefined) {
    throw new Error('usage: cell-child <client id> <host:port,...> <workload,...> (spawned with an IPC channel)');
  }
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const ks = buildKeyspace(seededRandom(0x5eed));
  const clients: Partial<Record<ReadFrom, BenchClient>> = {};
  let mgetUnsupported: string | undefined;
  try {
    const adapter = await loadAdapter(id);
    for (const readFrom of ['master', ...workloads.map((w) => w.readFrom)] as ReadFrom[]) {
      clients[readFrom] ??= await adapter.connect(parseSeeds(seedList), readFrom);
    }
    mgetUnsupported = await crossSlotRefusal(clients.master!, ks);
    for (const workload of workloads) {
      if (workload.id !== 'mget' || mgetUnsupported === undefined) await warmUp(clients[workload.readFrom]!, workload, ks);
    }
  } catch (error) {
    await closeAll(clients);
    return send({ kind: 'skipped', reason: `cannot load or connect (${describe(error)})` });
  }
  send({ kind: 'ready', mgetUnsupported });
  // run.ts gone (a crash, Ctrl-C): the open sockets must not keep this process alive.
  process.on('disconnect', () => process.exit(0));

  process.on('message', (message: ToChild) => {
    if (message.kind === 'close') {
      void closeAll(clients).then(() => process.exit(0));
      return;
    }
    const workload = WORKLOADS.find((w) => w.id === message.workload)!;
    const client = clients[workload.readFrom]!;
    gc();
    client.activate?.();
    const { inFlight, warmupSeconds, seconds, seed } = message;
    void runCell(client, ks, { workload, inFlight, warmupSeconds, seconds, seed, serverCpu }).then((cell) => {
      client.deactivate?.();
      const round = cell.result(process.memoryUsage.rss(), undefined);
      send({ kind: 'cell', round: { ...round, histogram: round.histogram.snapshot() } });
    });
  });
}

/** MGET over 10 slots: a CROSSSLOT answer means this client cannot do it at all (not that it failed). */
async function crossSlotRefusal(client: BenchClient, ks: Keyspace): Promise<string | undefined> {
  try {
    await client.mget(ks.groups[0].keys);
  } catch (error) {
    if (/CROSSSLOT|same slot/i.test(describe(error))) return describe(error);
  }
  return undefined;
}

/** JIT warm-up of every code path the cells will take, so round 1 is not measuring compilation. */
async function warmUp(client: BenchClient, workload: Workload, ks: Keyspace): Promise<void> {
  client.activate?.();
  for (const inFlight of [1, 64]) await runCell(client, ks, { workload, inFlight, warmupSeconds: 0, seconds: 0.15, seed: 1 });
  client.deactivate?.();
}

async function closeAll(clients: Partial<Record<ReadFrom, BenchClient>>): Promise<void> {
  for (const client of Object.values(clients)) await client.close().catch(() => undefined);
}

function send(message: FromChild): void {
  process.send!(message);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
