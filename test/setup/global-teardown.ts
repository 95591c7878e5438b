/** Stops what the global setup started, and any private cluster a spec of this run forgot. */
import { rmSync } from 'node:fs';
import { NAMES_ENV, OWNER_ENV, TEST_INFO_ENV, recordedClusters, stopCluster } from '../helpers/cluster-env';

export default async function globalTeardown(): Promise<void> {
  const owner = process.env[OWNER_ENV];
  if (owner === undefined) return; // the setup started nothing
  const started = Date.now();
  const me = Number(owner);
  const names = new Set((process.env[NAMES_ENV] ?? '').split(',').filter(Boolean));
  for (const c of recordedClusters()) if (c.ownerPid === me) names.add(c.name);

  const results = await Promise.allSettled([...names].map((name) => stopCluster(name)));
  const infoFile = process.env[TEST_INFO_ENV];
  if (infoFile) rmSync(infoFile, { force: true });
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  console.log(`local clusters stopped in ${Date.now() - started} ms`);
}
