// Plain Node, CommonJS: the integration entries load and work with none of their optional peers installed.
'use strict';
const { RedisClusterClient } = require('slotline/client');
const { RedisClusterKeyvStore } = require('slotline/keyv');
const { RedisClusterThrottlerStorage } = require('slotline/throttler');

async function main() {
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
    const store = new RedisClusterKeyvStore(client, { keyPrefix: 'pack:cjs:' });
    await store.set('k', 'v', 60_000);
    const cached = await store.get('k');
    const storage = new RedisClusterThrottlerStorage(client, { prefix: 'pack:cjs:throttle:' });
    const first = await storage.increment(`run-${process.pid}`, 60_000, 5, 0, 'default');
    const second = await storage.increment(`run-${process.pid}`, 60_000, 5, 0, 'default');
    console.log(
      `plain CJS entries: ${absent.length}/3 peers absent, keyv store get ${cached}, throttler hits ${first.totalHits} then ${second.totalHits}`,
    );
    if (absent.length !== 3 || cached !== 'v' || first.totalHits !== 1 || second.totalHits !== 2) throw new Error('unexpected results');
  } finally {
    await client.close();
  }
}

main().catch((error) => {
  console.error('plain CJS entries FAILED:', error);
  process.exit(1);
});
