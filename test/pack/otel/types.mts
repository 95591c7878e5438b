// slotline/otel's typings as an ESM TypeScript user resolves them (module nodenext).
import { RedisClusterInstrumentation, type RedisClusterInstrumentationConfig } from 'slotline/otel';
import type { CommandTraceContext } from 'slotline/client';

const config: RedisClusterInstrumentationConfig = { requireParentSpan: true, enabled: false };
export const instrumentation: RedisClusterInstrumentation = new RedisClusterInstrumentation(config);
export const attempt = (ctx: CommandTraceContext): number => ctx.attempt;
