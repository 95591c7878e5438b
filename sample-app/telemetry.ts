/**
 * OpenTelemetry for the sample app, only with OTEL_ENABLED=1: spans of every Redis command and
 * batch, and the client's metrics, printed by the console exporters. Everything is loaded by
 * dynamic import here, so without the switch the app starts with no OpenTelemetry package at all.
 */
/** How often metrics are printed (OTEL_METRIC_EXPORT_INTERVAL, ms), shorter than the SDK's minute for a demo. */
const METRIC_INTERVAL_MS = Number(process.env.OTEL_METRIC_EXPORT_INTERVAL ?? 10_000);

/**
 * Spans go out as each one ends (SimpleSpanProcessor), so stopping the app loses at most the
 * metrics of the last interval: the SDK is not shut down with the app.
 */
export async function startTelemetry(): Promise<boolean> {
  if (process.env.OTEL_ENABLED !== '1') return false;
  const [{ NodeSDK }, { ConsoleSpanExporter, SimpleSpanProcessor }, { ConsoleMetricExporter, PeriodicExportingMetricReader }, otel] =
    await Promise.all([
      import('@opentelemetry/sdk-node'),
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/sdk-metrics'),
      import('../lib/otel'),
    ]);
  const sdk = new NodeSDK({
    serviceName: 'slotline-sample',
    spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())],
    metricReaders: [new PeriodicExportingMetricReader({ exporter: new ConsoleMetricExporter(), exportIntervalMillis: METRIC_INTERVAL_MS })],
    // Console only: no log exporter, so nothing is sent to an OTLP collector that is not there.
    logRecordProcessors: [],
    instrumentations: [new otel.RedisClusterInstrumentation()],
  });
  sdk.start();
  return true;
}
