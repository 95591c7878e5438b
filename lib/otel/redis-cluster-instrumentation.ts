import { InstrumentationBase } from '@opentelemetry/instrumentation';
import { AsyncLocalStorage } from 'node:async_hooks';
import { channel, tracingChannel, type Channel } from 'node:diagnostics_channel';
import { CHANNEL_NAMES, type BatchTraceContext, type ClusterEventMessage, type CommandTraceContext } from '../client';
import { CommandSpans } from './command-spans';
import type { RedisClusterInstrumentationConfig } from './instrumentation-config';
import { createInstruments, type CommandInstruments } from './metrics';
import { ObservedClients } from './observed-clients';
import { INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION } from './version';

type Listener = (message: unknown) => void;

/**
 * OpenTelemetry for every RedisClusterClient in the process, from its diagnostics channels (no
 * patching: `init()` names no module): a CLIENT span per command and per pipeline/transaction,
 * `db.client.operation.duration`, connection counts per node and state, heartbeat latency per
 * node, retries and redirects. Use it in `NodeSDK({ instrumentations: [...] })`, with
 * `registerInstrumentations`, or by hand (`setTracerProvider`, `setMeterProvider`, `enable`).
 *
 * Fields are `declare`d and made lazily: the base constructor calls `enable()` and
 * `_updateMetricInstruments()` before a subclass's field initializers would run (and reset them).
 */
export class RedisClusterInstrumentation extends InstrumentationBase<RedisClusterInstrumentationConfig> {
  declare private instruments: CommandInstruments | undefined;
  declare private observedClients: ObservedClients | undefined;
  declare private spanHandler: CommandSpans | undefined;
  declare private batchStore: AsyncLocalStorage<BatchTraceContext> | undefined;
  /** The listeners subscribed while enabled, to unsubscribe the same functions. */
  declare private subscribed: Array<[Channel, Listener]> | undefined;

  constructor(config: RedisClusterInstrumentationConfig = {}) {
    super(INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION, config);
  }

  /** Nothing to patch: the client publishes what this needs. */
  protected init(): void {}

  protected override _updateMetricInstruments(): void {
    this.instruments = createInstruments(this.meter, () => this.clients);
  }

  override enable(): void {
    if (this.subscribed !== undefined) return;
    const spans = (this.spanHandler ??= new CommandSpans({
      tracer: () => this.tracer,
      instruments: () => (this.instruments ??= createInstruments(this.meter, () => this.clients)),
      requireParentSpan: () => this.getConfig().requireParentSpan ?? false,
      batchStore: this.store,
    }));
    const command = tracingChannel(CHANNEL_NAMES.command);
    const batch = tracingChannel(CHANNEL_NAMES.batch);
    const seen = (message: unknown): void => this.clients.add((message as ClusterEventMessage).client);
    this.subscribed = [
      [command.start, this.guard((m) => (seen(m), spans.startCommand(m as CommandTraceContext)))],
      [command.asyncEnd, this.guard((m) => spans.endCommand(m as CommandTraceContext))],
      [batch.start, this.guard((m) => spans.startBatch(m as BatchTraceContext))],
      [batch.asyncEnd, this.guard((m) => spans.endBatch(m as BatchTraceContext))],
      [channel(CHANNEL_NAMES.nodeState), this.guard(seen)],
      [channel(CHANNEL_NAMES.topology), this.guard(seen)],
    ];
    // The batch's context is held while its commands are created: they become its span's children.
    batch.start.bindStore(this.store as AsyncLocalStorage<unknown>, (ctx) => ctx);
    for (const [ch, listener] of this.subscribed) ch.subscribe(listener);
  }

  override disable(): void {
    if (this.subscribed === undefined) return;
    for (const [ch, listener] of this.subscribed) ch.unsubscribe(listener);
    tracingChannel(CHANNEL_NAMES.batch).start.unbindStore(this.store as AsyncLocalStorage<unknown>);
    this.subscribed = undefined;
  }

  private get clients(): ObservedClients {
    return (this.observedClients ??= new ObservedClients());
  }

  private get store(): AsyncLocalStorage<BatchTraceContext> {
    return (this.batchStore ??= new AsyncLocalStorage());
  }

  /** A subscriber that throws would surface as an uncaught exception in the command's caller: log instead. */
  private guard(listener: Listener): Listener {
    return (message) => {
      try {
        listener(message);
      } catch (error) {
        this._diag.error('slotline instrumentation failed on a channel message', error);
      }
    };
  }
}
