// slotline/otel from CommonJS: a span per command and the duration histogram, in the SDK's in-memory exporters.
'use strict';
const { RedisClusterClient } = require('slotline/client');
const { RedisClusterInstrumentation } = require('slotline/otel');
const {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} = require('@opentelemetry/sdk-metrics');
const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');

async function main() {
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
    await client.set('pack:otel:cjs', 'v');
    await client.get('pack:otel:cjs');
    await reader.forceFlush();
    const names = spans.getFinishedSpans().map((s) => s.name);
    const metricNames = metrics.getMetrics().flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics.map((m) => m.descriptor.name)));
    console.log(`otel CJS: spans ${names.join(', ')}; metrics ${metricNames.join(', ')}`);
    if (names.join() !== 'SET,GET' || !metricNames.includes('db.client.operation.duration')) throw new Error('unexpected telemetry');
  } catch (error) {
    console.error('otel CJS FAILED:', error);
    process.exitCode = 1;
  } finally {
    instrumentation.disable();
    await client.close();
  }
}

void main();
