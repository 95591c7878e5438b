import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

export interface RedisClusterInstrumentationConfig extends InstrumentationConfig {
  /**
   * Make spans only under an existing span (a request, a job), so background traffic makes no root
   * traces. Metrics are recorded either way. @default false
   */
  requireParentSpan?: boolean;
}
