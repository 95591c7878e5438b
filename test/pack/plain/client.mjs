// Plain Node, ES modules: slotline/client with no @nestjs/*, rxjs or reflect-metadata installed.
import { createRequire } from 'node:module';
import { ClientClosedError, RedisClusterClient, RedisClusterError } from 'slotline/client';

const absent = ['@nestjs/common', '@nestjs/core', 'rxjs', 'reflect-metadata', '@opentelemetry/api'].filter((name) => {
  try {
    createRequire(import.meta.url).resolve(name);
    return false;
  } catch {
    return true;
  }
});
const client = new RedisClusterClient({ nodes: (process.env.REDIS_CLUSTER_NODES ?? '').split(',') });
await client.connect();
await client.set('pack:plain-esm', 'works');
const value = await client.get('pack:plain-esm');
await client.close();
const closed = await client.get('pack:plain-esm').then(
  () => 'resolved',
  (error) => (error instanceof ClientClosedError && error instanceof RedisClusterError ? 'ClientClosedError' : String(error)),
);

console.log(`plain ESM: ${absent.length}/5 of Nest, rxjs, reflect-metadata, OpenTelemetry absent, GET ${value}, after close ${closed}`);
if (absent.length !== 5 || value !== 'works' || closed !== 'ClientClosedError') {
  console.error('plain ESM script FAILED');
  process.exit(1);
}
