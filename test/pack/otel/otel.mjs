// slotline/otel from ES modules: a span per command and the duration histogram, in the SDK's in-memory exporters.
import { RedisClusterClient } from 'slotline/client';
import { RedisClusterInstrumentation } from 'slotline/otel';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

const spans = new InMemorySpanExporter();
const metrics = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({ exporter: metrics, exportIntervalMillis: 3_600_000 });
const instrumentation = new RedisClusterInstrumentation({ enabled: false });
instrumentation.setTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
instrumentation.setMeterProvider(new MeterProvider({ readers: [reader] }));
instrumentation.enable();

const client = new RedisClusterClient({ nodes: (process.env.REDIS_CLUSTER_NODES || '').split(',') });
try {
  await client.connect();
  await client.set('pack:otel:esm', 'v');
  await client.pipeline().get('pack:otel:esm').get('pack:otel:esm').exec();
  await reader.forceFlush();
  const names = spans.getFinishedSpans().map((s) => s.name);
  const system = spans.getFinishedSpans()[0]?.attributes['db.system.name'];
  const metricNames = metrics.getMetrics().flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics.map((m) => m.descriptor.name)));
  console.log(`otel ESM: spans ${names.join(', ')}; db.system.name ${system}; metrics ${metricNames.join(', ')}`);
  if (names.join() !== 'SET,GET,GET,PIPELINE' || system !== 'redis' || !metricNames.includes('db.client.operation.duration')) {
    throw new Error('unexpected telemetry');
  }
} catch (error) {
  console.error('otel ESM FAILED:', error);
  process.exitCode = 1;
} finally {
  instrumentation.disable();
  await client.close();
}
