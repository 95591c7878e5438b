// Plain Node, CommonJS: slotline/client with no @nestjs/*, rxjs or reflect-metadata installed.
'use strict';
const { ClientClosedError, RedisClusterClient, RedisClusterError } = require('slotline/client');

async function main() {
  const absent = ['@nestjs/common', '@nestjs/core', 'rxjs', 'reflect-metadata', '@opentelemetry/api'].filter((name) => {
    try {
      require.resolve(name);
      return false;
    } catch {
      return true;
    }
  });
  const client = new RedisClusterClient({ nodes: (process.env.REDIS_CLUSTER_NODES || '').split(',') });
  await client.connect();
  await client.set('pack:plain-cjs', 'works');
  const value = await client.get('pack:plain-cjs');
  await client.close();
  const closed = await client.get('pack:plain-cjs').then(
    () => 'resolved',
    (error) => (error instanceof ClientClosedError && error instanceof RedisClusterError ? 'ClientClosedError' : String(error)),
  );

  console.log(`plain CJS: ${absent.length}/5 of Nest, rxjs, reflect-metadata, OpenTelemetry absent, GET ${value}, after close ${closed}`);
  if (absent.length !== 5 || value !== 'works' || closed !== 'ClientClosedError') {
    console.error('plain CJS script FAILED');
    process.exit(1);
  }
}

main().catch((error) => {
  console.error('plain CJS script FAILED:', error);
  process.exit(1);
});
