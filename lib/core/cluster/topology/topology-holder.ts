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
}

/** Gap between two lazily requested reloads, so a burst of MOVED replies costs one fetch. */
const RELOAD_GAP_MS = 100;

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
    this.refreshTimer = undefined;
    this.reloadTimer = undefined;
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
