// Boots the built package under Nest 12 (ESM-only, loaded through require(esm)) against a real cluster.
// Run by scripts/check-nest12.sh; Jest cannot load Nest 12, so this runs in plain Node.
import 'reflect-metadata';
import { Module, Controller, Get, Injectable, Inject } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TerminusModule, HealthCheckService } from '@nestjs/terminus';
import { RedisClusterModule, RedisClusterClient, RedisClusterHealthIndicator } from 'nestjs-redis-cluster';

class HealthController {
  constructor(health, redis, client) { this.health = health; this.redis = redis; this.client = client; }
  async check() { return this.health.check([() => this.redis.isHealthy('redis'), () => this.redis.checkNodes('nodes')]); }
}
Reflect.defineMetadata('design:paramtypes', [HealthCheckService, RedisClusterHealthIndicator, RedisClusterClient], HealthController);
Controller('health')(HealthController);
Get()(HealthController.prototype, 'check', Object.getOwnPropertyDescriptor(HealthController.prototype, 'check'));

class AppModule {}
Module({ imports: [TerminusModule, RedisClusterModule.forRoot({ nodes: (process.env.REDIS_CLUSTER_NODES ?? '').split(',') })], controllers: [HealthController] })(AppModule);

const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
await app.listen(0, '127.0.0.1');
const port = app.getHttpServer().address().port;
const client = app.get(RedisClusterClient);
await client.set('nest12', 'works');
console.log('GET', await client.get('nest12'));
const res = await fetch(`http://127.0.0.1:${port}/health`);
const body = await res.json();
console.log('health', res.status, body.status, Object.keys(body.details), body.details.nodes?.nodes?.length ?? body.details);
await app.close();
console.log('closed', client.status);
if (res.status !== 200 || body.details.nodes?.nodes?.length !== 6 || client.status !== 'closed') {
  console.error('Nest 12 compatibility check FAILED');
  process.exit(1);
}
console.log('Nest 12 compatibility check passed');
