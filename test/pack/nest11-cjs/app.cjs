// A Nest 11 CommonJS application context on the installed tarball, without @nestjs/terminus (an
// optional peer): the module connects, the health indicator still answers, shutdown closes the client.
'use strict';
require('reflect-metadata');
const { Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { RedisClusterClient, RedisClusterHealthIndicator, RedisClusterModule } = require('slotline');

async function main() {
  let terminus = 'installed';
  try {
    require.resolve('@nestjs/terminus');
  } catch {
    terminus = 'absent';
  }
  class AppModule {}
  const nodes = (process.env.REDIS_CLUSTER_NODES || '').split(',');
  Module({ imports: [RedisClusterModule.forRoot({ nodes })] })(AppModule);

  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  const client = app.get(RedisClusterClient);
  await client.set('pack:nest11', 'works');
  const value = await client.get('pack:nest11');
  const health = await app.get(RedisClusterHealthIndicator).checkNodes('nodes');
  await app.close();

  const listed = health.nodes.nodes ? health.nodes.nodes.length : 0;
  console.log(
    `nest11-cjs app: terminus ${terminus}, GET ${value}, health ${health.nodes.status} (${listed} nodes), client ${client.status} after close`,
  );
  if (terminus !== 'absent' || value !== 'works' || health.nodes.status !== 'up' || listed !== 6 || client.status !== 'closed') {
    console.error('nest11-cjs app FAILED');
    process.exit(1);
  }
}

main().catch((error) => {
  console.error('nest11-cjs app FAILED:', error);
  process.exit(1);
});
