/**
 * Starts the two shared local clusters (plain, and TLS with passwords) for the whole Jest run,
 * unless SKIP_CLUSTER=1. Specs find them through test/helpers/cluster-env.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  type ClusterRecord,
  ClusterScriptError,
  EXIT_IN_USE,
  NAMES_ENV,
  OWNER_ENV,
  STATE_ROOT,
  type StartOptions,
  TEST_INFO_ENV,
  type TestInfo,
  processAlive,
  recordedClusters,
  startCluster,
  stopCluster,
} from '../helpers/cluster-env';

/** The shared name, or this run's own when another run (or a human) holds it. */
async function startShared(name: string, opts: StartOptions): Promise<ClusterRecord> {
  try {
    return await startCluster(name, opts);
  } catch (err) {
    if (!(err instanceof ClusterScriptError && err.exitCode === EXIT_IN_USE)) throw err;
    return startCluster(`${name}-${process.pid}`, opts);
  }
}

/** The part of Jest's global config read here. */
interface JestGlobalConfig {
  testPathPatterns?: { patterns: string[] };
}

/** `jest test/unit` (npm run test:unit) needs no cluster: spare the seconds and the CPU. */
function onlyUnitTests(config: JestGlobalConfig | undefined): boolean {
  const patterns = config?.testPathPatterns?.patterns ?? [];
  return patterns.length > 0 && patterns.every((p) => /(^|[/\\])test[/\\]unit([/\\]|$)/.test(p));
}

export default async function globalSetup(config?: JestGlobalConfig): Promise<void> {
  if (process.env.SKIP_CLUSTER === '1' || onlyUnitTests(config)) return;
  const started = Date.now();
  process.env[OWNER_ENV] = String(process.pid);

  // Clusters whose Jest run died without its teardown (Ctrl-C, crash); a human's have no owner.
  const orphans = recordedClusters().filter((c) => c.ownerPid !== null && !processAlive(c.ownerPid));
  await Promise.all(orphans.map((c) => stopCluster(c.name)));

  const results = await Promise.allSettled([startShared('test-plain', {}), startShared('test-tls', { tls: true })]);
  const names = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.name] : []));
  process.env[NAMES_ENV] = names.join(',');
  if (results[0].status !== 'fulfilled' || results[1].status !== 'fulfilled') {
    // Jest skips the teardown when the setup throws: clean up here.
    await Promise.allSettled(names.map((name) => stopCluster(name)));
    throw results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason;
  }

  const info: TestInfo = { plain: results[0].value, tls: results[1].value };
  const shared = info.plain.name === 'test-plain' && info.tls.name === 'test-tls';
  const infoFile = path.join(STATE_ROOT, shared ? 'test-info.json' : `test-info-${process.pid}.json`);
  mkdirSync(STATE_ROOT, { recursive: true });
  writeFileSync(infoFile, JSON.stringify(info, null, 2), { mode: 0o600 });
  // Workers are forked after the global setup, so they inherit this.
  process.env[TEST_INFO_ENV] = infoFile;

  const range = (c: ClusterRecord): string => `${c.name} 127.0.0.1:${c.nodes[0].port}..${c.nodes[c.nodes.length - 1].port}`;
  console.log(
    `\nlocal clusters up in ${Date.now() - started} ms: ${range(info.plain)}, ${range(info.tls)}` +
      (orphans.length ? ` (first stopped ${orphans.length} left by dead runs)` : ''),
  );
}
