import type { Topology } from './topology';

/** What the holder needs around it: a fetch, and what to do with a topology that differs (or not). */
export interface TopologyHolderHooks {
  /** Fetches a topology; the loader makes concurrent calls share one fetch. */
  load(): Promise<Topology>;
  /** A fetched topology that differs from `previous` is now current (`previous` undefined on the first). */
  changed(previous: Topology | undefined, next: Topology): void;
  /** A fetched topology equal to the current one (kept: the snapshot's identity does not change). */
  unchanged(current: Topology): void;
  /** A background reload failed; the current topology stays. */
  error(error: Error): void;
  /** Whether a master of the current topology is down now (a failover in progress, seen by the heartbeat). */
  masterDown(): boolean;
}

/** Gap between two lazily requested reloads, so a burst of MOVED replies costs one fetch. */
const RELOAD_GAP_MS = 100;
/** While a failover may be under way: one fetch per this long, so a promotion is seen within tens of ms. */
export const FAILOVER_POLL_MS = 25;
/** Close polling goes on this long after the last sign of a failover (a failed attempt, a master down). */
const FAILOVER_QUIET_MS = 1000;
/** ...and never longer than this at a stretch; then it rests as long, so a master lost for good costs little. */
const FAILOVER_WATCH_MAX_MS = 30_000;

/**
 * The current topology snapshot and the reloads that replace it: on demand (awaited), lazily
 * (MOVED, a master down: at most one per RELOAD_GAP_MS) and every `refreshInterval`. A snapshot is
 * only ever replaced by a complete one, after its fetch succeeded.
 */
export class TopologyHolder {
  private current: Topology | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private reloadTimer: NodeJS.Timeout | undefined;
  private lastReloadAt = 0;
  private watchTimer: NodeJS.Timeout | undefined;
  /** The current close-polling stretch: when it began, and when it ends unless a new sign extends it. */
  private watchStartedAt = 0;
  private watchQuietAt = 0;
  /** After a full stretch, no new one starts before this. */
  private watchRestUntil = 0;
  /** Final, set by close(): nothing is fetched or applied afterwards. */
  private closed = false;

  constructor(
    private readonly refreshInterval: number,
    private readonly hooks: TopologyHolderHooks,
  ) {}

  get(): Topology | undefined {
    return this.current;
  }

  /** The first load: errors go to the caller (connect), not to the error hook. */
  async loadFirst(): Promise<void> {
    this.accept(await this.hooks.load());
  }

  reload(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.lastReloadAt = Date.now();
    return this.hooks.load().then(
      (topology) => this.accept(topology),
      (error: Error) => this.hooks.error(error),
    );
  }

  requestReload(): void {
    if (this.reloadTimer !== undefined || this.closed) return;
    const wait = Math.max(0, this.lastReloadAt + RELOAD_GAP_MS - Date.now());
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      void this.reload();
    }, wait);
  }

  /**
   * A sign that a master may be failing over: poll every FAILOVER_POLL_MS while signs keep coming
   * or a master is down, at most FAILOVER_WATCH_MAX_MS at a stretch. Fetches are single-flight, so
   * a slow node never stacks them.
   */
  watchFailover(): void {
    if (this.closed) return;
    const now = Date.now();
    if (this.watchTimer === undefined) {
      // Resting after a full stretch: the regular refresh and lazy reloads carry on meanwhile.
      if (now < this.watchRestUntil) return;
      this.watchStartedAt = now;
      this.watchTimer = setInterval(() => this.pollForFailover(), FAILOVER_POLL_MS);
    }
    this.watchQuietAt = now + FAILOVER_QUIET_MS;
  }

  private pollForFailover(): void {
    const now = Date.now();
    if (this.hooks.masterDown()) this.watchQuietAt = Math.max(this.watchQuietAt, now + FAILOVER_QUIET_MS);
    const exhausted = now >= this.watchStartedAt + FAILOVER_WATCH_MAX_MS;
    if (now >= this.watchQuietAt || exhausted) {
      if (exhausted) this.watchRestUntil = now + FAILOVER_WATCH_MAX_MS;
      clearInterval(this.watchTimer);
      this.watchTimer = undefined;
      return;
    }
    void this.reload();
  }

  startRefresh(): void {
    if (this.refreshInterval <= 0) return;
    this.refreshTimer = setInterval(() => this.requestReload(), this.refreshInterval);
    this.refreshTimer.unref();
  }

  /** Stops the timers and forgets the snapshot; a failed connect() may start over. */
  reset(): void {
    this.stopTimers();
    this.current = undefined;
  }

  /** Final: timers stop, and no reload is started or applied afterwards. */
  close(): void {
    this.closed = true;
    this.stopTimers();
  }

  stopTimers(): void {
    if (this.refreshTimer !== undefined) clearInterval(this.refreshTimer);
    if (this.reloadTimer !== undefined) clearTimeout(this.reloadTimer);
    if (this.watchTimer !== undefined) clearInterval(this.watchTimer);
    this.refreshTimer = undefined;
    this.reloadTimer = undefined;
    this.watchTimer = undefined;
  }

  private accept(next: Topology): void {
    if (this.closed) return;
    const previous = this.current;
    if (previous !== undefined && previous.sameAs(next)) {
      this.hooks.unchanged(previous);
      return;
    }
    this.current = next;
    this.hooks.changed(previous, next);
  }
}
