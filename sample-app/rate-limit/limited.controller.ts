import { Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { RedisClusterClient } from '../../lib';

/** A counter behind the throttler: every app instance on the cluster shares one limit per client IP. */
@Controller('limited')
@UseGuards(ThrottlerGuard)
export class LimitedController {
  constructor(private readonly redis: RedisClusterClient) {}

  @Post(':name/incr')
  @HttpCode(200)
  async incr(@Param('name') name: string) {
    return { name, value: await this.redis.incr(`sample:limited:${name}`) };
  }
}
