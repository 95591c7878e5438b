/** What read routing may know about nodes: the heartbeat's view, no I/O. */
export interface NodeHealthView {
  /** Not down, not loading, not recently failing. */
  isUsable(address: string): boolean;
  /** Smoothed heartbeat latency in ms; Infinity before the first answer. */
  latency(address: string): number;
}
