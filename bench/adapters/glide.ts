import type { BenchClient, ClientAdapter, ReadFrom, SeedAddress } from './types';

/**
 * Valkey GLIDE's cluster client (a Rust core behind a native addon). Loaded on first use, so a
 * platform without the native package skips this peer with the load error instead of failing the run.
 * `requestTimeout` is raised from GLIDE's 250 ms to our readTimeout (3 s): a loaded 2-core machine
 * must not fail a cell that other clients would merely report as slow.
 */
export const glideAdapter: ClientAdapter = {
  id: 'glide',
  label: 'valkey-glide',
  settings: { master: '`requestTimeout: 3000`', replica: "`requestTimeout: 3000`, `readFrom: 'preferReplica'`" },
  async connect(seeds: readonly SeedAddress[], readFrom: ReadFrom): Promise<BenchClient> {
    const { GlideClusterClient, Logger } = await import('@valkey/valkey-glide');
    // Its Rust core logs every rejected request to stderr; failures are counted and reported here instead.
    Logger.setLoggerConfig('off');
    const client = await GlideClusterClient.createClient({
      addresses: seeds.map(({ host, port }) => ({ host, port })),
      readFrom: readFrom === 'replica' ? 'preferReplica' : 'primary',
      requestTimeout: 3000,
    });
    return {
      // The default decoder gives strings; the casts only narrow GlideString (string | Buffer).
      get: (key) => client.get(key) as Promise<string | null>,
      set: (key, value) => client.set(key, value),
      mget: (keys) => client.mget(keys) as Promise<(string | null)[]>,
      close: async () => client.close(),
    };
  },
};
