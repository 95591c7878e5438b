// A Nest 12 ESM app on the installed tarball: boots, answers GET /health with every node, round-trips a
// key, and closes the client on shutdown. REDIS_CLUSTER_NODES names the seeds (scripts/pack-check.sh).
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { RedisClusterClient, RedisClusterHealthIndicator, RedisClusterModule } from 'slotline';

// Plain JavaScript: decorators applied by hand, constructor types declared as TypeScript would emit them.
class HealthController {
  constructor(health, redis) {
    this.health = health;
    this.redis = redis;
  }
  check() {
    return this.health.check([() => this.redis.isHealthy('redis'), () => this.redis.checkNodes('nodes')]);
  }
}
Reflect.defineMetadata('design:paramtypes', [HealthCheckService, RedisClusterHealthIndicator], HealthController);
Controller('health')(HealthController);
Get()(HealthController.prototype, 'check', Object.getOwnPropertyDescriptor(HealthController.prototype, 'check'));

class AppModule {}
const nodes = (process.env.REDIS_CLUSTER_NODES ?? '').split(',');
Module({ imports: [TerminusModule, RedisClusterModule.forRoot({ nodes })], controllers: [HealthController] })(AppModule);

const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
await app.listen(0, '127.0.0.1');
const client = app.get(RedisClusterClient);
await client.set('pack:nest12', 'works');
const value = await client.get('pack:nest12');
const res = await fetch(`http://127.0.0.1:${app.getHttpServer().address().port}/health`);
const body = await res.json();
await app.close();

const listed = body.info?.nodes?.nodes?.length;
console.log(`nest12-esm app: GET ${value}, /health ${res.status} ${body.status} (${listed} nodes), client ${client.status} after close`);
if (value !== 'works' || res.status !== 200 || body.status !== 'ok' || listed !== 6 || client.status !== 'closed') {
  console.error('nest12-esm app FAILED:', JSON.stringify(body));
  process.exit(1);
}
