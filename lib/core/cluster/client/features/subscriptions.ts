import type { ReauthTarget } from '../../../connection/reauth';
import { PubSub } from '../../../pubsub/pubsub';
import type { PubSubHost } from '../../../pubsub/pubsub-host';
import type { AnyMessageListener, SubscribeOptions, SubscriptionKind } from '../../../pubsub/subscription-kind';
import type { Dispatcher } from '../dispatcher';

/** The client's subscribe/unsubscribe family over PubSub, with the lifecycle's checks. */
export class Subscriptions {
  private readonly pubsub: PubSub;

  constructor(
    private readonly dispatcher: Dispatcher,
    host: PubSubHost,
    /** Whether close() has begun: it ends every subscription itself. */
    private readonly closed: () => boolean,
  ) {
    this.pubsub = new PubSub(host);
  }

  subscribe(kind: SubscriptionKind, names: string | string[], listener: AnyMessageListener, options?: SubscribeOptions): Promise<void> {
    return this.dispatcher.whenUsable().then(() => this.pubsub.subscribe(kind, list(names), listener, options));
  }

  unsubscribe(kind: SubscriptionKind, names: string | string[], listener?: AnyMessageListener): Promise<void> {
    // Nothing is subscribed any more once closing (close() ended every subscription): nothing to send.
    if (this.closed()) return Promise.resolve();
    return this.pubsub.unsubscribe(kind, list(names), listener);
  }

  onTopologyChange(): void {
    this.pubsub.onTopologyChange();
  }

  close(): Promise<void> {
    return this.pubsub.close();
  }

  /** Subscriber sockets, for reauthInterval. */
  reauthTargets(): ReauthTarget[] {
    return this.pubsub.reauthTargets();
  }
}

function list(names: string | string[]): string[] {
  return Array.isArray(names) ? names : [names];
}
