import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SampleModule } from './sample.module';
import { startTelemetry } from './telemetry';

async function bootstrap(): Promise<void> {
  // OTEL_ENABLED=1: spans and metrics on the console. Started first, so the client's first commands are traced too.
  if (await startTelemetry()) Logger.log('OpenTelemetry on: spans and metrics to the console', 'Bootstrap');
  // abortOnError: false, so a bad option or an unreachable cluster ends in the catch below
  // with its message, instead of process.abort().
  const app = await NestFactory.create(SampleModule, { abortOnError: false });
  // SIGTERM/SIGINT run the shutdown hooks: the HTTP server stops, then the cluster client drains.
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1');
  Logger.log(`listening on ${await app.getUrl()} (try GET /health)`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  Logger.error(error instanceof Error ? error.message : String(error), 'Bootstrap');
  process.exitCode = 1;
});
