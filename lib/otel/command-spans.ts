import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type { AsyncLocalStorage } from 'node:async_hooks';
import type { BatchTraceContext, CommandTraceContext } from '../client';
import { errorType, responseStatusCode } from './errors';
import type { CommandInstruments } from './metrics';
import * as sc from './semconv';
import { serverAttributes } from './server-attributes';

interface Started {
  span: Span | undefined;
  /** performance.now() at start: the histogram's duration, whether or not a span was made. */
  at: number;
}

/** Read at each use: providers, config and instruments may change while enabled. */
export interface SpanSettings {
  tracer(): Tracer;
  instruments(): CommandInstruments;
  requireParentSpan(): boolean;
  /** Holds the batch being sent, so its commands' spans become its children. */
  readonly batchStore: AsyncLocalStorage<BatchTraceContext>;
}

/**
 * Spans and measurements from the channels' contexts: started at `start` (in the caller's async
 * context, so the active span there is the parent), ended at `asyncEnd`. Keyed by the context
 * objects, weakly: a context nobody ends (a subscriber added mid-command) is simply collected.
 * Per command this builds each attribute set once, as one literal: the SDK copies and hashes them.
 */
export class CommandSpans {
  private readonly commands = new WeakMap<CommandTraceContext, Started>();
  private readonly batches = new WeakMap<BatchTraceContext, Started>();
  /** `host:port` -> its server.address / server.port, parsed once per node. */
  private readonly servers = new Map<string, Server>();

  constructor(private readonly settings: SpanSettings) {}

  startCommand(ctx: CommandTraceContext): void {
    const batch = this.settings.batchStore.getStore();
    const batchSpan = batch === undefined ? undefined : this.batches.get(batch)?.span;
    const parent = batchSpan === undefined ? context.active() : trace.setSpan(context.active(), batchSpan);
    const span = this.startSpan(ctx.command, parent, {
      [sc.ATTR_DB_SYSTEM_NAME]: sc.DB_SYSTEM_REDIS,
      [sc.ATTR_DB_NAMESPACE]: sc.DB_NAMESPACE_CLUSTER,
      [sc.ATTR_DB_OPERATION_NAME]: ctx.command,
      [sc.ATTR_KEY_COUNT]: ctx.keyCount,
    });
    this.commands.set(ctx, { span, at: performance.now() });
  }

  endCommand(ctx: CommandTraceContext): void {
    const started = this.commands.get(ctx);
    if (started === undefined) return;
    this.commands.delete(ctx);
    const instruments = this.settings.instruments();
    const server = this.server(ctx.address);
    const attributes: Attributes = {
      [sc.ATTR_DB_SYSTEM_NAME]: sc.DB_SYSTEM_REDIS,
      [sc.ATTR_DB_NAMESPACE]: sc.DB_NAMESPACE_CLUSTER,
      [sc.ATTR_DB_OPERATION_NAME]: ctx.command,
      [sc.ATTR_SERVER_ADDRESS]: server.address,
      [sc.ATTR_SERVER_PORT]: server.port,
    };
    if (ctx.error !== undefined) addErrorAttributes(attributes, ctx.error);
    instruments.duration.record((performance.now() - started.at) / 1000, attributes);
    for (const failure of ctx.failures) {
      const counter = failure.outcome === 'redirect' ? instruments.redirects : instruments.retries;
      counter.add(1, serverAttributes(failure.address, { ...operationAttributes(ctx.command), [sc.ATTR_REASON]: failure.reason }));
    }
    const span = started.span;
    if (span === undefined) return;
    attributes[sc.ATTR_SLOT] = ctx.slot;
    attributes[sc.ATTR_ATTEMPT] = ctx.attempt;
    attributes[sc.ATTR_REDIRECTS] = ctx.redirects;
    if (ctx.role !== undefined) attributes[sc.ATTR_NODE_ROLE] = ctx.role;
    if (ctx.args !== undefined) attributes[sc.ATTR_DB_QUERY_TEXT] = ctx.args.join(' ');
    span.setAttributes(attributes);
    for (const failure of ctx.failures) {
      span.addEvent(failure.outcome, serverAttributes(failure.address, { [sc.ATTR_REASON]: failure.reason }));
    }
    endSpan(span, ctx.error);
  }

  startBatch(ctx: BatchTraceContext): void {
    const name = ctx.kind === 'pipeline' ? 'PIPELINE' : 'MULTI';
    const span = this.startSpan(name, context.active(), { ...operationAttributes(name), [sc.ATTR_DB_OPERATION_BATCH_SIZE]: ctx.size });
    this.batches.set(ctx, { span, at: performance.now() });
  }

  endBatch(ctx: BatchTraceContext): void {
    const started = this.batches.get(ctx);
    if (started === undefined) return;
    this.batches.delete(ctx);
    const attributes = operationAttributes(ctx.kind === 'pipeline' ? 'PIPELINE' : 'MULTI');
    if (ctx.error !== undefined) addErrorAttributes(attributes, ctx.error);
    this.settings.instruments().duration.record((performance.now() - started.at) / 1000, attributes);
    if (started.span !== undefined) endSpan(started.span, ctx.error);
  }

  /** Undefined when `requireParentSpan` and the caller has no span: measured, not traced. */
  private startSpan(name: string, parent: Context, attributes: Attributes): Span | undefined {
    if (this.settings.requireParentSpan() && trace.getSpan(parent) === undefined) return undefined;
    return this.settings.tracer().startSpan(name, { kind: SpanKind.CLIENT, attributes }, parent);
  }

  private server(address: string): Server {
    let server = this.servers.get(address);
    if (server === undefined) {
      const parsed = serverAttributes(address);
      server = { address: parsed[sc.ATTR_SERVER_ADDRESS] as string | undefined, port: parsed[sc.ATTR_SERVER_PORT] as number | undefined };
      // Bounded by the nodes a cluster has ever had; an empty address (never sent) is not kept.
      if (address !== '') this.servers.set(address, server);
    }
    return server;
  }
}

interface Server {
  address: string | undefined;
  port: number | undefined;
}

function operationAttributes(operation: string): Attributes {
  return {
    [sc.ATTR_DB_SYSTEM_NAME]: sc.DB_SYSTEM_REDIS,
    [sc.ATTR_DB_NAMESPACE]: sc.DB_NAMESPACE_CLUSTER,
    [sc.ATTR_DB_OPERATION_NAME]: operation,
  };
}

function addErrorAttributes(attributes: Attributes, error: Error): void {
  attributes[sc.ATTR_ERROR_TYPE] = errorType(error);
  const status = responseStatusCode(error);
  if (status !== undefined) attributes[sc.ATTR_DB_RESPONSE_STATUS_CODE] = status;
}

function endSpan(span: Span, error: Error | undefined): void {
  if (error !== undefined) {
    span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
  }
  span.end();
}
