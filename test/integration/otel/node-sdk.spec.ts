/**
 * The usual setup: `new NodeSDK({ instrumentations: [new RedisClusterInstrumentation()] })`, with
 * in-memory exporters. NodeSDK registers the global providers and context manager itself.
 */
import { trace } from '@opentelemetry/api';
import { AggregationTemporality, InMemoryMetricExporter, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { RedisClusterInstrumentation } from '../../../lib/otel';
import { plainCluster } from '../../helpers/cluster-env';

it('traces and measures commands once the SDK has started', async () => {
  // Only what this spec configures: no OTLP exporter of logs or metrics dialling a collector.
  process.env.OTEL_LOGS_EXPORTER = 'none';
  process.env.OTEL_METRICS_EXPORTER = 'none';
  process.env.OTEL_TRACES_EXPORTER = 'none';
  const spans = new InMemorySpanExporter();
  const metrics = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter: metrics, exportIntervalMillis: 3_600_000 });
  const instrumentation = new RedisClusterInstrumentation();
  const sdk = new NodeSDK({
    spanProcessors: [new SimpleSpanProcessor(spans)],
    metricReaders: [reader],
    instrumentations: [instrumentation],
  });
  sdk.start();
  const client = new RedisClusterClient({ nodes: plainCluster().nodes });
  try {
    await client.connect();
    await trace.getTracer('spec').startActiveSpan('job', async (job) => {
      await client.set('otel:sdk', 'v');
      job.end();
    });
    const set = spans.getFinishedSpans().find((s) => s.name === 'SET');
    const job = spans.getFinishedSpans().find((s) => s.name === 'job');
    expect(set?.attributes['db.system.name']).toBe('redis');
    expect(set?.parentSpanContext?.spanId).toBe(job?.spanContext().spanId);
    await reader.forceFlush();
    const names = metrics.getMetrics().flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics.map((m) => m.descriptor.name)));
    expect(names).toContain('db.client.operation.duration');
  } finally {
    await client.close();
    await sdk.shutdown();
    // NodeSDK's shutdown leaves instrumentations enabled, and channels are process-wide: spec files
    // sharing this worker would otherwise trace through this one.
    instrumentation.disable();
  }
});
