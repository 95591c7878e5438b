// Entry `slotline/otel`: loads @opentelemetry/api and @opentelemetry/instrumentation (optional peers), nothing else.
export { RedisClusterInstrumentation } from './redis-cluster-instrumentation';
export type { RedisClusterInstrumentationConfig } from './instrumentation-config';
