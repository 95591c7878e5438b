// Type-checked by scripts/pack-check.sh (tsc, module nodenext): the ESM typings of slotline/client.
import { RedisClusterClient, ReplyError } from 'slotline/client';
import type {
  ClusterNodeHandle,
  Pipeline,
  PipelineResult,
  ResolvedOptions,
  ScanOptions,
  SetOptions,
  Transaction,
  WatchSession,
} from 'slotline/client';

export async function useTypes(client: RedisClusterClient): Promise<string | null> {
  const set: SetOptions = { EX: 10 };
  await client.set('k', 'v', set);
  const pipeline: Pipeline = client.pipeline();
  const results: PipelineResult[] = await pipeline.get('k').exec();
  const multi: Transaction = client.multi();
  const nodes: ClusterNodeHandle[] = client.nodes('all');
  const options: ResolvedOptions = client.options;
  const scan: ScanOptions = { match: 'k*', count: 100 };
  const watch: (session: WatchSession) => Promise<unknown> = async (session) => session.get('k');
  void [results, multi, nodes, options, scan, watch, ReplyError];
  return client.get('k');
}
