import { BasicTracerProvider, BatchSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { RedisClusterInstrumentation } from '../../lib/otel';
import type { BenchClient, ClientAdapter, ReadFrom, SeedAddress } from './types';

/** Exporters that drop what they get: the cost measured is the instrumentation and the SDK, not a collector. */
type ExportDone = (result: { code: 0 }) => void;
const dropSpans: SpanExporter = {
  export: (_spans: ReadableSpan[], done: ExportDone) => done({ code: 0 }),
  shutdown: () => Promise.resolve(),
};
const dropMetrics: PushMetricExporter = {
  export: (_metrics: ResourceMetrics, done: ExportDone) => done({ code: 0 }),
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

/**
 * This client with `slotline/otel` on, as an app with OpenTelemetry runs it: spans through a
 * BatchSpanProcessor and metrics through a periodic reader. The instrumentation subscribes to
 * process-wide channels (it would trace the plain `ours` client too), so it is enabled only
 * around this client's own cells.
 */
export const oursOtelAdapter: ClientAdapter = {
  id: 'ours-otel',
  label: 'slotline + OpenTelemetry',
  settings: { master: 'defaults, spans (BatchSpanProcessor) and metrics (10 s reader)', replica: '`readOnly: true`, the same' },
  async connect(seeds: readonly SeedAddress[], readFrom: ReadFrom): Promise<BenchClient> {
    const tracerProvider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(dropSpans)] });
    const meterProvider = new MeterProvider({
      readers: [new PeriodicExportingMetricReader({ exporter: dropMetrics, exportIntervalMillis: 10_000 })],
    });
    const instrumentation = new RedisClusterInstrumentation({ enabled: false });
    instrumentation.setTracerProvider(tracerProvider);
    instrumentation.setMeterProvider(meterProvider);
    const client = new RedisClusterClient({ nodes: [...seeds], readOnly: readFrom === 'replica' });
    await client.connect();
    return {
      get: (key) => client.get(key),
      set: (key, value) => client.set(key, value),
      mget: (keys) => client.mget(keys),
      activate: () => instrumentation.enable(),
      deactivate: () => instrumentation.disable(),
      close: async () => {
        await client.close();
        instrumentation.disable();
        await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
      },
    };
  },
};
