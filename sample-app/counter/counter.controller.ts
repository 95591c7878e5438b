import { BadRequestException, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { RedisClusterClient } from '../../lib';

/** Counters spread over the whole cluster: each name hashes to its own slot, so its own master. */
@Controller('counters')
export class CounterController {
  constructor(private readonly redis: RedisClusterClient) {}

  @Post(':name/incr')
  @HttpCode(200)
  async incr(@Param('name') name: string, @Query('by') by?: string) {
    const value = by === undefined ? await this.redis.incr(key(name)) : await this.redis.incrby(key(name), int(by));
    return { name, value };
  }

  /** GET /counters?names=a,b,c: one MGET although the keys live on different masters. */
  @Get()
  async read(@Query('names') names = '') {
    const list = names.split(',').filter(Boolean);
    if (list.length === 0) throw new BadRequestException('give ?names=a,b,c');
    const values = await this.redis.mget(list.map(key));
    return Object.fromEntries(list.map((name, i) => [name, Number(values[i] ?? 0)]));
  }
}

function key(name: string): string {
  return `sample:counter:${name}`;
}

function int(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new BadRequestException('"by" must be an integer');
  return n;
}
