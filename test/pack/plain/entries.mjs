// Plain Node, ESM: the integration entries load and work with none of their optional peers installed
// (keyv, @nestjs/throttler): the store and the storage need only the client at run time.
import { RedisClusterClient } from 'slotline/client';
import { RedisClusterKeyvStore } from 'slotline/keyv';
import { RedisClusterThrottlerStorage } from 'slotline/throttler';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const absent = ['keyv', '@nestjs/throttler', '@nestjs/common'].filter((name) => {
  try {
    require.resolve(name);
    return false;
  } catch {
    return true;
  }
});
const client = new RedisClusterClient({ nodes: (process.env.REDIS_CLUSTER_NODES || '').split(',') });
try {
  await client.connect();
  const store = new RedisClusterKeyvStore(client, { keyPrefix: 'pack:esm:' });
  await store.set('k', 'v', 60_000);
  const cached = await store.get('k');
  const storage = new RedisClusterThrottlerStorage(client, { prefix: 'pack:esm:throttle:' });
  const first = await storage.increment(`run-${process.pid}`, 60_000, 5, 0, 'default');
  const second = await storage.increment(`run-${process.pid}`, 60_000, 5, 0, 'default');
  console.log(
    `plain ESM entries: ${absent.length}/3 peers absent, keyv store get ${cached}, throttler hits ${first.totalHits} then ${second.totalHits}`,
  );
  if (absent.length !== 3 || cached !== 'v' || first.totalHits !== 1 || second.totalHits !== 2) throw new Error('unexpected results');
} catch (error) {
  console.error('plain ESM entries FAILED:', error);
  process.exitCode = 1;
} finally {
  await client.close();
}
