/**
 * RedisClusterInstrumentation wired by hand (setTracerProvider, setMeterProvider, enable) against
 * the real cluster: spans and metrics arrive in the SDK's in-memory exporters with the database
 * semantic conventions' names.
 */
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { RedisClusterInstrumentation } from '../../../lib/otel';
import { plainCluster } from '../../helpers/cluster-env';
import { poll } from '../../helpers/poll';

const spans = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
const metrics = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
// Exported on forceFlush() only: the interval is longer than the spec.
const reader = new PeriodicExportingMetricReader({ exporter: metrics, exportIntervalMillis: 3_600_000 });
const meterProvider = new MeterProvider({ readers: [reader] });
const contextManager = new AsyncLocalStorageContextManager();
const instrumentation = new RedisClusterInstrumentation({ enabled: false });
let client: RedisClusterClient;

beforeAll(async () => {
  context.setGlobalContextManager(contextManager.enable());
  instrumentation.setTracerProvider(tracerProvider);
  instrumentation.setMeterProvider(meterProvider);
  instrumentation.enable();
  client = new RedisClusterClient({ nodes: plainCluster().nodes, heartbeatInterval: 100, clientName: 'otel-spec' });
  await client.connect();
});

afterAll(async () => {
  instrumentation.disable();
  await client.close();
  await meterProvider.shutdown();
  await tracerProvider.shutdown();
  context.disable();
});

beforeEach(() => spans.reset());

function only(name: string): ReadableSpan {
  const found = spans.getFinishedSpans().filter((s) => s.name === name);
  expect(found).toHaveLength(1);
  return found[0];
}

async function exported(): Promise<MetricData[]> {
  metrics.reset();
  await reader.forceFlush();
  return metrics.getMetrics().flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics));
}

function metric(all: MetricData[], name: string): MetricData {
  const found = all.find((m) => m.descriptor.name === name);
  if (found === undefined) throw new Error(`metric ${name} not exported; got ${all.map((m) => m.descriptor.name).join(', ')}`);
  return found;
}

it('makes a CLIENT span per command with the Redis conventions, child of the caller’s active span', async () => {
  const tracer = tracerProvider.getTracer('spec');
  await tracer.startActiveSpan('request', async (parent) => {
    await client.set('otel:{a}', 'v');
    expect(await client.get('otel:{a}')).toBe('v');
    parent.end();
  });
  const request = only('request');
  const set = only('SET');
  const get = only('GET');
  for (const span of [set, get]) {
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(span.spanContext().traceId).toBe(request.spanContext().traceId);
    expect(span.status.code).not.toBe(SpanStatusCode.ERROR);
  }
  const port = Number(String(get.attributes['server.port']));
  expect(plainCluster().ports).toContain(port);
  expect(get.attributes).toMatchObject({
    'db.system.name': 'redis',
    'db.operation.name': 'GET',
    'db.namespace': '0',
    'server.address': '127.0.0.1',
    'slotline.node.role': 'master',
    'slotline.attempt': 1,
    'slotline.redirects': 0,
    'slotline.key_count': 1,
  });
  // Arguments only with diagnosticArgs: 'sanitized'.
  expect(get.attributes['db.query.text']).toBeUndefined();
});

it('marks a failed command with error.type and db.response.status_code', async () => {
  await client.set('otel:string', 'v');
  await expect(client.call('HSET', 'otel:string', 'f', 'v')).rejects.toThrow('WRONGTYPE');
  const hset = only('HSET');
  expect(hset.status.code).toBe(SpanStatusCode.ERROR);
  expect(hset.attributes['error.type']).toBe('WRONGTYPE');
  expect(hset.attributes['db.response.status_code']).toBe('WRONGTYPE');
});

it('makes a PIPELINE span, parent of its commands, and a MULTI span for a transaction', async () => {
  await client.pipeline().set('otel:p1', '1').set('otel:p2', '2').exec();
  const pipeline = only('PIPELINE');
  expect(pipeline.attributes).toMatchObject({ 'db.system.name': 'redis', 'db.operation.name': 'PIPELINE', 'db.operation.batch.size': 2 });
  const children = spans.getFinishedSpans().filter((s) => s.name === 'SET');
  expect(children).toHaveLength(2);
  for (const child of children) expect(child.parentSpanContext?.spanId).toBe(pipeline.spanContext().spanId);

  await client.multi().incr('otel:{m}n').incr('otel:{m}n').exec();
  expect(only('MULTI').attributes).toMatchObject({ 'db.operation.name': 'MULTI', 'db.operation.batch.size': 2 });
});

it('sets db.query.text, values hidden, for a client with diagnosticArgs: sanitized', async () => {
  const sanitized = new RedisClusterClient({ nodes: plainCluster().nodes, diagnosticArgs: 'sanitized' });
  try {
    await sanitized.connect();
    await sanitized.set('otel:q', 'secret');
    expect(only('SET').attributes['db.query.text']).toBe('SET otel:q ?');
  } finally {
    await sanitized.close();
  }
});

it('records db.client.operation.duration in seconds, connection counts per node and state, heartbeat latency', async () => {
  await client.get('otel:{a}');
  const all = await poll(
    exported,
    (m) => m.some((x) => x.descriptor.name === 'slotline.heartbeat.latency' && x.dataPoints.length > 0),
    5000,
    100,
  );
  const duration = metric(all, 'db.client.operation.duration');
  expect(duration.descriptor.unit).toBe('s');
  const getPoint = duration.dataPoints.find((p) => p.attributes['db.operation.name'] === 'GET');
  expect(getPoint?.attributes).toMatchObject({ 'db.system.name': 'redis', 'server.address': '127.0.0.1' });
  expect((getPoint?.value as { count: number }).count).toBeGreaterThan(0);
  expect(duration.dataPoints.some((p) => p.attributes['error.type'] === 'WRONGTYPE')).toBe(true);

  const connections = metric(all, 'db.client.connection.count');
  const states = new Set(connections.dataPoints.map((p) => p.attributes['db.client.connection.state']));
  expect([...states].sort()).toEqual(['idle', 'used']);
  const opened = connections.dataPoints.reduce((sum, p) => sum + (p.value as number), 0);
  expect(opened).toBe(client.poolStats().totalConns);

  const latency = metric(all, 'slotline.heartbeat.latency');
  expect(latency.descriptor.unit).toBe('s');
  const ports = new Set(latency.dataPoints.map((p) => p.attributes['server.port']));
  expect(ports.size).toBe(plainCluster().ports.length);
});

it('stops tracing on disable() and starts again on enable()', async () => {
  instrumentation.disable();
  await client.get('otel:{a}');
  expect(spans.getFinishedSpans()).toEqual([]);
  instrumentation.enable();
  await client.get('otel:{a}');
  expect(spans.getFinishedSpans().map((s) => s.name)).toEqual(['GET']);
});

it('with no active span and requireParentSpan, measures but makes no span', async () => {
  instrumentation.setConfig({ requireParentSpan: true });
  try {
    await client.get('otel:{a}');
    expect(spans.getFinishedSpans()).toEqual([]);
    expect(trace.getActiveSpan()).toBeUndefined();
  } finally {
    instrumentation.setConfig({});
  }
});
