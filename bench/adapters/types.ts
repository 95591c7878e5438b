/** What a workload needs from a client, and how each peer is built. One adapter per file beside this one. */

export interface SeedAddress {
  host: string;
  port: number;
}

/** Where GETs go: every client's default (masters), or its replica-read setting. */
export type ReadFrom = 'master' | 'replica';

export interface BenchClient {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<unknown>;
  mget(keys: string[]): Promise<(string | null)[]>;
  close(): Promise<void>;
  /** Around each of its own cells only: for a client whose setup is process-wide (channel subscribers). */
  activate?(): void;
  deactivate?(): void;
}

export interface ClientAdapter {
  /** Short id for CLI filters and result keys. */
  readonly id: string;
  /** Name in the tables. */
  readonly label: string;
  /** How this peer is configured, for the report (`readOnly: true` ...). */
  readonly settings: Record<ReadFrom, string>;
  /** Left out of the default set: runs only when `--clients` names it. */
  readonly onRequestOnly?: boolean;
  /** Connects a client; throws (with the reason) when the peer cannot load or reach the cluster. */
  connect(seeds: readonly SeedAddress[], readFrom: ReadFrom): Promise<BenchClient>;
}
