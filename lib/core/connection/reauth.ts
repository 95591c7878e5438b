import type { CredentialsProvider } from '../credentials/credentials';
import { fetchCredentials, type ResolvedCredentials } from '../credentials/fetch-credentials';
import { AuthError } from '../errors/auth-error';
import { ReplyError } from '../errors/reply-error';
import type { Connection } from './connection';

/** A live socket to re-authenticate, and how to take it out of use when the node refuses the new credentials. */
export interface ReauthTarget {
  connection: Connection;
  /** RESP2 subscriber mode refuses AUTH: such a socket is retired (and its subscriptions moved) instead. */
  subscriber?: boolean;
  /** Out of rotation at once, closed once drained; what is in flight is answered or re-routed by the usual rules. */
  retire(): void;
}

export interface ReauthOptions {
  reauthInterval: number;
  credentialsProvider: CredentialsProvider | undefined;
  /** Bounds each provider call, as for a dial. */
  dialTimeout: number;
}

/**
 * One timer per client: every `reauthInterval` the provider is asked once and every open socket
 * gets `AUTH user pass` queued between its commands (one round trip, pipelined, nothing fails by
 * it). A round still running when the next tick comes is not doubled. A provider failure is
 * reported and the sockets stay as they are (the old credentials usually still work); a socket
 * whose AUTH the node refuses is reported and retired gracefully. Nothing here throws from the timer.
 */
export class Reauth {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;

  constructor(
    private readonly options: ReauthOptions,
    private readonly targets: () => ReauthTarget[],
    private readonly onError: (error: Error) => void,
  ) {}

  start(): void {
    if (this.timer !== undefined || this.options.reauthInterval === 0 || this.options.credentialsProvider === undefined) return;
    this.timer = setInterval(this.tick, this.options.reauthInterval);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One round now (also what each tick runs); resolves when every AUTH of it has been answered. */
  runOnce(): Promise<void> {
    if (this.round === undefined) {
      this.round = this.authenticateAll()
        .catch((error: unknown) => this.onError(error instanceof Error ? error : new Error(String(error))))
        .finally(() => (this.round = undefined));
    }
    return this.round;
  }

  private readonly tick = (): void => void this.runOnce();

  private async authenticateAll(): Promise<void> {
    const provider = this.options.credentialsProvider;
    if (provider === undefined) return;
    const targets = this.targets().filter((t) => t.connection.isOpen && !t.connection.retiring);
    if (targets.length === 0) return; // not connected yet, or closed: no provider call for nothing
    let credentials: ResolvedCredentials;
    try {
      credentials = await fetchCredentials(provider, 'live connections (reauthInterval)', this.options.dialTimeout);
    } catch (error) {
      this.onError(error as Error);
      return;
    }
    await Promise.all(targets.map((target) => this.authenticate(target, credentials)));
  }

  private async authenticate(target: ReauthTarget, credentials: ResolvedCredentials): Promise<void> {
    const { connection } = target;
    if (!connection.isOpen) return;
    if (target.subscriber && connection.protocol === 2) {
      target.retire();
      return;
    }
    try {
      await connection.reauthenticate(credentials);
    } catch (error) {
      // A socket that broke meanwhile is already handled by its owner; only a refusal is ours to act on.
      if (!(error instanceof ReplyError) || !connection.isOpen) return;
      this.onError(new AuthError(`re-authentication to ${connection.address} failed: ${error.message}`, connection.address, error));
      target.retire();
    }
  }
}
