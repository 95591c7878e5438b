import type { Attributes, Counter, Histogram, Meter, ObservableResult } from '@opentelemetry/api';
import { ValueType } from '@opentelemetry/api';
import type { ObservedClients } from './observed-clients';
import {
  ATTR_DB_CLIENT_CONNECTION_POOL_NAME,
  ATTR_DB_CLIENT_CONNECTION_STATE,
  ATTR_DB_SYSTEM_NAME,
  ATTR_NODE_ROLE,
  DB_SYSTEM_REDIS,
  DURATION_BUCKETS,
  METRIC_DB_CLIENT_CONNECTION_COUNT,
  METRIC_DB_CLIENT_OPERATION_DURATION,
  METRIC_HEARTBEAT_LATENCY,
  METRIC_REDIRECTS,
  METRIC_RETRIES,
} from './semconv';
import { serverAttributes } from './server-attributes';

/** The instruments recorded per command; the observable ones read the clients at each collection. */
export interface CommandInstruments {
  duration: Histogram;
  retries: Counter;
  redirects: Counter;
}

/**
 * Creates every instrument on `meter`. Observations read `clients()` lazily: the instrumentation
 * base class creates instruments before the subclass's own fields exist. A callback never throws
 * (an SDK would log it as a failed collection): a client closing mid-read is simply skipped.
 */
export function createInstruments(meter: Meter, clients: () => ObservedClients): CommandInstruments {
  const duration = meter.createHistogram(METRIC_DB_CLIENT_OPERATION_DURATION, {
    description: 'Duration of database client operations (a command, after its redirects and retries; a pipeline or transaction).',
    unit: 's',
    valueType: ValueType.DOUBLE,
    advice: { explicitBucketBoundaries: DURATION_BUCKETS },
  });
  const retries = meter.createCounter(METRIC_RETRIES, {
    description: 'Attempts a command made again after a retryable failure (TRYAGAIN, CLUSTERDOWN, LOADING, connection loss ...).',
    unit: '{retry}',
    valueType: ValueType.INT,
  });
  const redirects = meter.createCounter(METRIC_REDIRECTS, {
    description: 'MOVED and ASK redirects followed.',
    unit: '{redirect}',
    valueType: ValueType.INT,
  });
  const connections = meter.createObservableUpDownCounter(METRIC_DB_CLIENT_CONNECTION_COUNT, {
    description: 'Pool connections per node, by state (idle: nothing in flight; used: commands in flight or checked out).',
    unit: '{connection}',
    valueType: ValueType.INT,
  });
  connections.addCallback((result) => observeConnections(result, clients()));
  const latency = meter.createObservableGauge(METRIC_HEARTBEAT_LATENCY, {
    description: "Smoothed PING round trip of each node's heartbeat.",
    unit: 's',
    valueType: ValueType.DOUBLE,
  });
  latency.addCallback((result) => observeLatency(result, clients()));
  return { duration, retries, redirects };
}

/** Summed over clients: two clients of one cluster share the nodes, and the pool name is the node. */
function observeConnections(result: ObservableResult, clients: ObservedClients): void {
  const byNode = new Map<string, { total: number; idle: number }>();
  for (const client of clients) {
    try {
      for (const [address, stats] of Object.entries(client.nodePoolStats())) {
        const sum = byNode.get(address) ?? { total: 0, idle: 0 };
        sum.total += stats.totalConns;
        sum.idle += stats.idleConns;
        byNode.set(address, sum);
      }
    } catch {
      // A client closing while it is read: its pools are gone, nothing to count.
    }
  }
  for (const [address, { total, idle }] of byNode) {
    const attributes: Attributes = { [ATTR_DB_SYSTEM_NAME]: DB_SYSTEM_REDIS, [ATTR_DB_CLIENT_CONNECTION_POOL_NAME]: address };
    result.observe(idle, { ...attributes, [ATTR_DB_CLIENT_CONNECTION_STATE]: 'idle' });
    result.observe(total - idle, { ...attributes, [ATTR_DB_CLIENT_CONNECTION_STATE]: 'used' });
  }
}

function observeLatency(result: ObservableResult, clients: ObservedClients): void {
  for (const client of clients) {
    try {
      for (const node of client.health().nodes) {
        if (node.latencyMs === null) continue;
        const attributes = serverAttributes(node.address, { [ATTR_DB_SYSTEM_NAME]: DB_SYSTEM_REDIS, [ATTR_NODE_ROLE]: node.role });
        result.observe(node.latencyMs / 1000, attributes);
      }
    } catch {
      // As above: a closing client has no heartbeat to report.
    }
  }
}
