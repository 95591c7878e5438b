/**
 * One client's 100k-in-flight check in a process of its own (spawned by run.ts), so its RSS
 * growth is not blurred by memory the other clients left behind. Prints one JSON line.
 *
 *   node --expose-gc dist-bench/bench/memory-child.js <client id> <host:port,...>
 */
import { ADAPTERS } from './adapters';
import { buildKeyspace } from './keyspace';
import { parseSeeds } from './local-cluster';
import { memoryCheck } from './memory-check';
import { seededRandom } from './stats';

async function main(): Promise<void> {
  const [id, seedList] = process.argv.slice(2);
  const adapter = ADAPTERS.find((a) => a.id === id);
  if (adapter === undefined || seedList === undefined) throw new Error('usage: memory-child <client id> <host:port,...>');
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('needs node --expose-gc');
  const ks = buildKeyspace(seededRandom(0x5eed));
  const client = await adapter.connect(parseSeeds(seedList), 'master');
  // A warm-up SET per key first (500 at a time, under every client's limits): connections
  // dialled and code paths compiled before the baseline is taken.
  for (let i = 0; i < ks.keys.length; i += 500) {
    await Promise.all(ks.keys.slice(i, i + 500).map((k, j) => client.set(k, ks.values[i + j])));
  }
  const result = await memoryCheck(client, ks, gc);
  await client.close().catch(() => undefined);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
