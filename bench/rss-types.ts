/** What one RSS child (rss-child.ts) reports for one client, and what the run keeps of all of them. */

/** What importing a client's entry added to the process. */
export interface ImportBreakdown {
  /** The module imported (`slotline/client` is dist-bench/lib/client.js). */
  entry: string;
  /** JavaScript (and native addon) files that entered require.cache. */
  files: number;
  fileBytes: number;
  /** Files grouped by npm package, or by lib/ folder for ours; largest first. */
  groups: Array<{ name: string; files: number; bytes: number }>;
  /** Public Node built-ins loaded for the first time (`net`, `tls`, ...). */
  builtins: string[];
  /** Node-internal modules and native bindings that came with them. */
  internals: number;
  /** V8 heap used, after a GC, before and after the import. */
  heapBeforeMb: number;
  heapAfterMb: number;
  /** V8 heap committed (heapTotal): what the heap holds of the RSS; the rest of the growth is native memory. */
  heapTotalBeforeMb: number;
  heapTotalAfterMb: number;
}

export interface RssChildResult {
  /** After a GC, before importing the client (node + the child's own few modules). */
  freshMb: number;
  /** When the child was asked to load built-ins first: after loading them, before the client. */
  afterBuiltinsMb: number | undefined;
  afterImportMb: number;
  /** After connecting to the cluster and 1,000 GETs; undefined in import-only runs. */
  afterUseMb: number | undefined;
  breakdown: ImportBreakdown;
}

export interface RssMeasurement {
  id: string;
  label: string;
  result: RssChildResult | undefined;
  /** For ours: the same child with our import's built-ins loaded first, to split their MB from our code's. */
  builtinsFirst: RssChildResult | undefined;
  problem: string | undefined;
}

/** GETs the child runs after connecting, and how many at a time (where most services run, issue #15). */
export const RSS_GETS = 1_000;
export const RSS_GETS_IN_FLIGHT = 16;
