// slotline/otel's typings as a CommonJS TypeScript user resolves them (module nodenext, .cts).
import { RedisClusterInstrumentation } from 'slotline/otel';
import { CHANNEL_NAMES } from 'slotline/client';

export const instrumentation = new RedisClusterInstrumentation({ requireParentSpan: false });
export const command: string = CHANNEL_NAMES.command;
