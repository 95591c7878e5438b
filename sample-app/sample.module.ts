import { Module } from '@nestjs/common';
import { AppModule } from './app.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';

/** What main.ts serves: the app, plus POST /limited/:name/incr rate-limited on the cluster. */
@Module({ imports: [AppModule, RateLimitModule] })
export class SampleModule {}
