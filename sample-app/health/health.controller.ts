import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { RedisClusterHealthIndicator } from '../../lib';

/**
 * GET /health: 200 while every slot is served by a live master, 503 naming what is down.
 * Both checks read the client's heartbeat snapshot, so polling this costs Redis nothing.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly redis: RedisClusterHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.redis.isHealthy('redis'), () => this.redis.checkNodes('redis_nodes', { maxLatencyMs: 250 })]);
  }
}
