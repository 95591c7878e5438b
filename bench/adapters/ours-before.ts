import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import { connectWith } from './ours';
import type { BenchClient, ClientAdapter, ReadFrom, SeedAddress } from './types';

type ClientClass = typeof RedisClusterClient;

/**
 * Another build of this client beside the current one, for before/after figures from one run:
 * `BENCH_BEFORE=<dir>` names the `dist-bench` directory of the earlier commit (built there with
 * `npx tsc -p tsconfig.bench.json`). Rotated with the other clients each round, so both builds meet
 * the same moments of a noisy machine. Only when `--clients` names it.
 */
export const oursBeforeAdapter: ClientAdapter = {
  id: 'ours-before',
  label: 'slotline (BENCH_BEFORE build)',
  settings: { master: 'defaults', replica: '`readOnly: true`' },
  onRequestOnly: true,
  async connect(seeds: readonly SeedAddress[], readFrom: ReadFrom): Promise<BenchClient> {
    const dir = process.env.BENCH_BEFORE;
    if (dir === undefined || dir === '') throw new Error('ours-before needs BENCH_BEFORE=<dist-bench directory of the other build>');
    const load = createRequire(path.resolve(dir, 'index.js'));
    const { RedisClusterClient: Before } = load(path.resolve(dir, 'lib/core/cluster/client/cluster-client.js')) as {
      RedisClusterClient: ClientClass;
    };
    return connectWith(Before, seeds, readFrom);
  },
};
