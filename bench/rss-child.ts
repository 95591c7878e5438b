/**
 * One client's resident memory in a process of its own (spawned by rss-check.ts): fresh, after
 * importing the client's entry, and after connecting and running 1,000 GETs. Prints one JSON line.
 * Imports nothing of the bench at top level beyond types, node:fs/path and the adapter loader (which
 * loads no client until asked), so "fresh" is the same baseline for every client and the import
 * diff holds only what the entry loads.
 *
 *   node --expose-gc dist-bench/bench/rss-child.js <client id> <host:port,...|-> [builtin,builtin,...]
 *
 * `-` for the seeds measures the import only; a built-in list is loaded before the client (to tell
 * the MB of Node's own modules from the client's).
 */
import { statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { loadAdapter } from './adapters/load';
import type { BenchClient, SeedAddress } from './adapters/types';
import { type ImportBreakdown, RSS_GETS, RSS_GETS_IN_FLIGHT, type RssChildResult } from './rss-types';

/** dist-bench/lib: our compiled sources, grouped by folder in the breakdown. */
const OUR_LIB = join(__dirname, '..', 'lib');

/** Each client's entry; its adapter comes from adapters/load.ts, which loads nothing of the other peers. */
const ENTRIES: Record<string, string> = {
  ours: join(OUR_LIB, 'client.js'),
  'ioredis-auto': 'ioredis',
  ioredis: 'ioredis',
  'node-redis': 'redis',
  'node-redis6': 'redis6',
  glide: '@valkey/valkey-glide',
};

async function main(): Promise<void> {
  const [id, seedList, builtinList] = process.argv.slice(2);
  const entry = ENTRIES[id];
  if (entry === undefined || seedList === undefined)
    throw new Error(`usage: rss-child <${Object.keys(ENTRIES).join('|')}> <host:port,...|-> [builtins]`);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('needs node --expose-gc');
  const settle = (): number => {
    gc();
    gc();
    return process.memoryUsage.rss() / 2 ** 20;
  };

  const freshMb = settle();
  let afterBuiltinsMb: number | undefined;
  if (builtinList) {
    for (const name of builtinList.split(',')) await import(`node:${name}`);
    afterBuiltinsMb = settle();
  }
  const filesBefore = new Set(Object.keys(require.cache));
  const loadedBefore = new Set(moduleLoadList());
  const heapBefore = process.memoryUsage();
  await import(entry);
  const afterImportMb = settle();
  const breakdown = importBreakdown(id === 'ours' ? 'slotline/client' : entry, filesBefore, loadedBefore, heapBefore);

  let afterUseMb: number | undefined;
  if (seedList !== '-') {
    const bench = await (await loadAdapter(id)).connect(parseSeeds(seedList), 'master');
    await runGets(bench);
    afterUseMb = settle();
    await bench.close().catch(() => undefined);
  }
  const result: RssChildResult = { freshMb, afterBuiltinsMb, afterImportMb, afterUseMb, breakdown };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** 1,000 GETs of preloaded keys, 16 at a time; a reply that is not the stored string fails the child. */
async function runGets(client: BenchClient): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < RSS_GETS) {
      const key = `bench:key:${next++}`;
      const value = await client.get(key);
      if (typeof value !== 'string') throw new Error(`GET ${key} returned ${String(value)} (keys not preloaded?)`);
    }
  };
  await Promise.all(Array.from({ length: RSS_GETS_IN_FLIGHT }, worker));
}

function importBreakdown(
  entry: string,
  filesBefore: Set<string>,
  loadedBefore: Set<string>,
  heapBefore: NodeJS.MemoryUsage,
): ImportBreakdown {
  const files = Object.keys(require.cache).filter((f) => !filesBefore.has(f));
  const groups = new Map<string, { name: string; files: number; bytes: number }>();
  let fileBytes = 0;
  for (const file of files) {
    const bytes = sizeOf(file);
    fileBytes += bytes;
    const name = groupOf(file);
    const g = groups.get(name) ?? { name, files: 0, bytes: 0 };
    g.files++;
    g.bytes += bytes;
    groups.set(name, g);
  }
  // Entries read "NativeModule net", "NativeModule internal/...", "Internal Binding tcp_wrap".
  const loaded = moduleLoadList().filter((m) => !loadedBefore.has(m));
  const builtins = loaded.filter((m) => /^NativeModule (?!internal\/)/.test(m)).map((m) => m.slice('NativeModule '.length));
  gc();
  const heapAfter = process.memoryUsage();
  return {
    entry,
    files: files.length,
    fileBytes,
    groups: [...groups.values()].sort((a, b) => b.bytes - a.bytes),
    builtins,
    internals: loaded.length - builtins.length,
    heapBeforeMb: heapBefore.heapUsed / 2 ** 20,
    heapAfterMb: heapAfter.heapUsed / 2 ** 20,
    heapTotalBeforeMb: heapBefore.heapTotal / 2 ** 20,
    heapTotalAfterMb: heapAfter.heapTotal / 2 ** 20,
  };
}

/** An npm package (`@scope/name`), or for our own files their lib/ folder, three levels deep (lib/core/cluster/client/). */
function groupOf(file: string): string {
  const nm = file.lastIndexOf(`${sep}node_modules${sep}`);
  if (nm !== -1) {
    const parts = file.slice(nm + 14).split(sep);
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const rel = relative(OUR_LIB, file);
  if (rel.startsWith('..')) return 'other';
  const dirs = rel.split(sep).slice(0, -1).slice(0, 3);
  return `lib/${dirs.join('/')}${dirs.length > 0 ? '/' : ''}`;
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Node's list of the built-in modules and bindings loaded so far (undocumented, stable since Node 0.x). */
function moduleLoadList(): string[] {
  return (process as unknown as { moduleLoadList?: string[] }).moduleLoadList ?? [];
}

function parseSeeds(list: string): SeedAddress[] {
  return list.split(',').map((s) => {
    const at = s.lastIndexOf(':');
    return { host: s.slice(0, at), port: Number(s.slice(at + 1)) };
  });
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
