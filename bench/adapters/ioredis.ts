import { Cluster } from 'ioredis';
import type { BenchClient, ClientAdapter, ReadFrom, SeedAddress } from './types';

/** ioredis's cluster client, with and without auto-pipelining (the reference of issue #6's figures). */
function ioredisAdapter(autoPipelining: boolean): ClientAdapter {
  const base = autoPipelining ? '`enableAutoPipelining: true`' : 'defaults';
  return {
    id: autoPipelining ? 'ioredis-auto' : 'ioredis',
    label: autoPipelining ? 'ioredis (auto-pipelining)' : 'ioredis',
    settings: { master: base, replica: `${base}, \`scaleReads: 'slave'\`` },
    async connect(seeds: readonly SeedAddress[], readFrom: ReadFrom): Promise<BenchClient> {
      const cluster = new Cluster([...seeds], {
        enableAutoPipelining: autoPipelining,
        scaleReads: readFrom === 'replica' ? 'slave' : 'master',
        lazyConnect: true,
      });
      // An unhandled 'error' event would end the process; failures surface through the commands.
      cluster.on('error', () => undefined);
      await cluster.connect();
      return {
        get: (key) => cluster.get(key),
        set: (key, value) => cluster.set(key, value),
        mget: (keys) => cluster.mget(keys),
        close: async () => void (await cluster.quit()),
      };
    },
  };
}

export const ioredisAutoAdapter = ioredisAdapter(true);
export const ioredisPlainAdapter = ioredisAdapter(false);
