import type { BenchClient } from './adapters';
import type { Keyspace } from './keyspace';

/**
 * Answers from a Map, no I/O: run through the same worker, it shows what the harness itself
 * (PRNG, hrtime, histogram, checks, promise and await) costs per operation in every CPU figure.
 */
export function harnessClient(ks: Keyspace): BenchClient {
  const data = new Map<string, string>();
  for (let i = 0; i < ks.keys.length; i++) data.set(ks.keys[i], ks.values[i]);
  return {
    get: (key) => Promise.resolve(data.get(key) ?? null),
    set: (key, value) => (data.set(key, value), Promise.resolve('OK')),
    mget: (keys) => Promise.resolve(keys.map((k) => data.get(k) ?? null)),
    close: () => Promise.resolve(),
  };
}
