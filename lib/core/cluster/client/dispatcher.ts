import type { SendOptions } from '../../commands/command-methods';
import type { CommandRegistry } from '../../commands/command-registry';
import type { RespArg, RespValue } from '../../resp/types';
import type { RouteRequest } from '../routing/route-request';

/**
 * What the client's features (transactions, scan, node handles, pipelines, scripts) are given:
 * a way to send, a way to route one command, and the lifecycle's say on whether they may.
 */
export interface Dispatcher {
  readonly registry: CommandRegistry;
  /** A command routed by its keys, as `client.call()` sends it (pipelines, scripts). */
  send<V = RespValue>(args: RespArg[], options?: SendOptions<V>): Promise<V>;
  /** One routed command as a promise: the client's one callback-to-promise adapter. */
  request(request: RouteRequest): Promise<RespValue>;
  /** Resolves once requests may go out (after connect() when connecting); rejects before connect() and once closing. */
  whenUsable(): Promise<void>;
  /** Why nothing may be sent now (not connected, closed); undefined when it may. */
  refusal(): Error | undefined;
}
